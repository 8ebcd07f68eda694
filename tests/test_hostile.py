"""Hostile input: odd file names, an .xlsx that would unpack to gigabytes, markup as text."""

import struct
import zipfile

import pytest

from hcdash import ingest
from hcdash.errors import IngestError
from hcdash.ingest.read import copy_upload


@pytest.mark.parametrize(
    "name",
    [
        "../../etc/passwd",
        "x" * 10_000 + ".csv",
        "bad\udcff\udcfe.csv",
        "con.csv",
        "/abs/path.xlsx",
        "naam met spaties & ; | $(rm -rf).csv",
        "",
    ],
)
def test_odd_file_names_are_harmless(tmp_path, name):
    folder = tmp_path / "uploads"
    folder.mkdir()
    path = copy_upload(b"data", name, folder)
    assert path.parent == folder
    assert path.name in ("upload.csv", "upload.xlsx")
    assert list(folder.iterdir()) == [path]


def zip_claiming(path, size: int) -> None:
    """A real small .xlsx whose central directory claims ``size`` unpacked bytes."""
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("xl/worksheets/sheet1.xml", "<worksheet/>")
    data = bytearray(path.read_bytes())
    central = data.rfind(b"PK\x01\x02")
    data[central + 24 : central + 28] = struct.pack("<I", size)  # uncompressed size
    path.write_bytes(bytes(data))


def test_an_xlsx_that_unpacks_to_gigabytes_is_refused_unopened(tmp_path, demo_store):
    path = tmp_path / "bomb.xlsx"
    zip_claiming(path, 4_000_000_000)
    with (
        demo_store.reading(snapshot=False) as con,
        pytest.raises(IngestError, match=r"would unpack to 3\.7 GB"),
    ):
        ingest.prepare(con, path, "bomb.xlsx")


def test_markup_from_users_is_escaped_for_markdown():
    from hcdash.links import plain

    shown = plain("<script>alert(1)</script> [klik](javascript:alert(1)) **vet**\x00\x1b")
    assert "<" not in shown.replace("\\<", "")
    assert "](" not in shown  # no live markdown link
    assert "\x00" not in shown and "\x1b" not in shown
    assert plain("x" * 100, 10) == "x" * 10 + "…"
