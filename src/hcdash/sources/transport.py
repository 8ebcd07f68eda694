"""How a connector reaches a public source: over HTTP (httpx, with a proxy and a timeout), or
from a folder of recorded answers (``--offline DIR``), through one small interface.

Every failure is a ``SourceError`` with a code (i18n ``error.source_*``) that names the address:
a timeout, a network error, an HTTP error, an answer that is not what the source sends (cut
off, not JSON, not an OData answer). A refresh that meets one writes nothing.

A recorded folder holds ``manifest.json``: for each address a connector asks for, the file that
answers it, relative to the manifest (a path may lead outside the folder, to recordings kept
elsewhere), and where the answer came from; and the files of the file sources (DUO, UWV)::

    {"captured": "2026-07-17T16:30:06Z",
     "answers": [{"url": "https://datasets.cbs.nl/odata/v1/CBS/80590ned/Properties",
                  "file": "../../shared/realdata/opendata/.../properties.json",
                  "recorded": "checkdecijfers capture of 2026-07-17"}],
     "files": [{"source": "duo", "file": "../../shared/realdata/duo_hbo_inscriptions_2019.csv"}]}

Addresses are compared without their scheme and case, with the query decoded and sorted, so
``?%24format=json`` answers ``?$format=json``.
"""

import json
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from urllib.parse import parse_qsl, unquote, urlencode, urlsplit

import httpx

from hcdash.errors import SourceError

DEFAULT_TIMEOUT_SECONDS = 60.0  # per request; a CBS page of 10,000 rows takes a few seconds
USER_AGENT = "hcdash (human capital dashboard Regio Oost)"
MANIFEST = "manifest.json"


class Transport:
    """Fetches an address; ``json`` also checks the answer is a JSON object."""

    def fetch(self, url: str, params: dict | None = None) -> bytes:
        raise NotImplementedError

    def json(self, url: str, params: dict | None = None) -> dict:
        body = self.fetch(url, params)
        try:
            answer = json.loads(body.decode("utf-8-sig"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            shown = _shown(url, params)
            raise SourceError(code="source_not_json", url=shown, detail=str(exc)) from None
        if not isinstance(answer, dict):
            raise SourceError(code="source_not_json", url=_shown(url, params), detail="a list")
        return answer

    def retrieved_at(self) -> datetime:
        """When the answers were fetched (a recording: when it was made, if it says)."""
        return datetime.now().replace(microsecond=0)


class Http(Transport):
    """The live sources, over HTTP(S). ``proxy``: e.g. ``http://proxy:3128`` (else the usual
    environment variables); ``client``: for tests, an ``httpx.Client`` with a mock transport."""

    def __init__(
        self,
        timeout: float = DEFAULT_TIMEOUT_SECONDS,
        proxy: str | None = None,
        client: httpx.Client | None = None,
    ):
        self.timeout = timeout
        self.client = client or httpx.Client(
            timeout=timeout,
            proxy=proxy,
            follow_redirects=True,
            headers={"User-Agent": USER_AGENT},
        )

    def fetch(self, url: str, params: dict | None = None) -> bytes:
        shown = _shown(url, params)
        try:
            response = self.client.get(url, params=params)
        except httpx.TimeoutException:
            raise SourceError(code="source_timeout", url=shown, seconds=self.timeout) from None
        except httpx.HTTPError as exc:
            raise SourceError(code="source_unreachable", url=shown, detail=str(exc)) from None
        if response.status_code >= 400:
            raise SourceError(code="source_http_error", url=shown, status=response.status_code)
        return response.content


@dataclass(frozen=True)
class _Answer:
    file: Path
    recorded: str


class Replay(Transport):
    """Recorded answers from a folder (see the module's docstring). An address the folder has
    no answer for raises ``SourceError(code="source_not_recorded")``."""

    def __init__(self, folder: Path):
        self.folder = Path(folder)
        manifest = self.folder / MANIFEST
        if not manifest.is_file():
            raise SourceError(code="no_manifest", folder=str(self.folder))
        try:
            entries = json.loads(manifest.read_text(encoding="utf-8"))["answers"]
            self.answers = {
                _normal(e["url"]): _Answer(self.folder / e["file"], e.get("recorded", ""))
                for e in entries
            }
            whole = json.loads(manifest.read_text(encoding="utf-8"))
            self.captured = whole.get("captured")
            self.file_entries = [
                (e["source"], self.folder / e["file"]) for e in whole.get("files", [])
            ]
        except (json.JSONDecodeError, KeyError, TypeError) as exc:
            raise SourceError(
                code="bad_manifest", folder=str(self.folder), detail=str(exc)
            ) from None

    def files(self, source: str) -> list[Path]:
        """The recorded files of a file source (``duo``, ``uwv``), in the manifest's order."""
        found = [path for kind, path in self.file_entries if kind == source]
        for path in found:
            if not path.is_file():
                raise SourceError(code="recording_missing", url=source, file=str(path))
        return found

    def has(self, url: str, params: dict | None = None) -> bool:
        return _normal(url, params) in self.answers

    def fetch(self, url: str, params: dict | None = None) -> bytes:
        answer = self.answers.get(_normal(url, params))
        if answer is None:
            raise SourceError(code="source_not_recorded", url=_shown(url, params))
        if not answer.file.is_file():
            raise SourceError(
                code="recording_missing", url=_shown(url, params), file=str(answer.file)
            )
        return answer.file.read_bytes()

    def retrieved_at(self) -> datetime:
        if self.captured:
            return datetime.fromisoformat(self.captured.replace("Z", "+00:00")).replace(
                tzinfo=None, microsecond=0
            )
        return super().retrieved_at()


def _shown(url: str, params: dict | None) -> str:
    """The address as a person would type it (parameters readable)."""
    return f"{url}?{unquote(urlencode(params))}" if params else url


def _normal(url: str, params: dict | None = None) -> str:
    """An address as recordings are matched: no scheme, host and path in lower case without a
    trailing slash, the query (with ``params``) decoded and sorted."""
    parts = urlsplit(url)
    query = parse_qsl(parts.query, keep_blank_values=True) + list((params or {}).items())
    path = unquote(parts.path).rstrip("/").lower()
    pairs = sorted((unquote(k), unquote(str(v))) for k, v in query)
    return f"{parts.netloc.lower()}{path}?" + "&".join(f"{k}={v}" for k, v in pairs)
