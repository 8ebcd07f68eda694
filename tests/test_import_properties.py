"""Property tests of the importer (hypothesis): whatever the file, ``hcdash import`` never ends
in a traceback. It loads a valid file (exit 0), or it says what is wrong (exit 1 or 2, a line
starting ``hcdash: error:`` or a list of problems) and the store is exactly as it was: every
table's rows, the store's version among them.

Inputs: random bytes; random CSV structures (ragged rows, empty columns, odd quotes, NULs,
huge fields, several encodings, with known and unknown keys mixed in); files that mix encodings
line by line, also after the first 256 KB from which the encoding is guessed; near-valid files
with a few spoiled cells (most of these load); random xlsx sheets.
"""

import io
import string

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hcdash import backup
from hcdash.cli import main

pytestmark = pytest.mark.embedded_only("the importer is the same on either store")

SETTINGS = settings(
    max_examples=60,
    deadline=None,
    derandomize=True,  # the same inputs in every run: CI stays reproducible
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
HEADERS = [
    "indicator",
    "regio",
    "sector",
    "periode",
    "waarde",
    "voorlopig",
    "Regio",
    "2024 K1",
    "Openstaande vacatures (aantal)",
    "",
    "naam",
    "eenheid",
]
CELLS = [
    "vacatures",
    "spanningsindicator",
    "Twente",
    "Achterhoek",
    "FoodValley",
    "Twnte",
    "energie",
    "alle",
    "2024 K1",
    "2024-Q2",
    "2031",
    "2024 K5",
    "1.234,5",
    "12,5%",
    "7*",
    "-",
    "–",
    ".",
    "x",
    "ja",
    "nee",
    "",
    " ",
    '"',
    "'",
    ";",
    ",",
    "\t",
    "\n",
    "\r\n",
    "=1+1",
    "<script>",
    "\x00",
    "é",
    "€",
    "😀",
    "1e308",
    "-5",
    "NaN",
]
ENCODINGS = ["utf-8", "utf-8-sig", "cp1252", "latin-1", "utf-16"]
# The encodings a file pasted together from several sources mixes, line by line.
LINE_ENCODINGS = ["utf-8", "cp1252", "latin-1"]
# A valid row of the demo's keys: the filler that pushes a file past the guessed-from sample.
FILLER = "vacatures;Twente;alle;2024 K1;1\n"

cell = st.one_of(
    st.sampled_from(CELLS),
    st.text(max_size=12),
    st.text(alphabet=string.digits + ".,-*", max_size=8),
    st.builds(lambda n: "9" * n, st.integers(0, 200_000)),
)
row = st.lists(cell, min_size=0, max_size=9)


@st.composite
def csv_files(draw) -> bytes:
    header = draw(st.lists(st.one_of(st.sampled_from(HEADERS), cell), min_size=1, max_size=8))
    rows = draw(st.lists(row, max_size=25))
    delimiter = draw(st.sampled_from([";", ",", "\t", "|"]))
    quote = draw(st.sampled_from(['"', "", "'"]))
    end = draw(st.sampled_from(["\n", "\r\n", "\r"]))

    def line(fields):
        return delimiter.join(
            f"{quote}{f}{quote}" if quote and draw(st.booleans()) else f for f in fields
        )

    lines = [line(r) for r in [header, *rows]]
    encoding = draw(st.sampled_from([*ENCODINGS, "mixed"]))
    if encoding == "mixed":  # each line in an encoding of its own
        encodings = st.sampled_from(LINE_ENCODINGS)
        return end.encode().join(text.encode(draw(encodings), "replace") for text in lines)
    return end.join(lines).encode(encoding, errors="replace")


@st.composite
def mixed_encoding_csv(draw) -> bytes:
    """One file, several encodings: each line in UTF-8, Windows-1252 or Latin-1, or raw bytes
    (0x81 is no Windows-1252 character, 0xff starts no UTF-8 one). Half of them start with
    300 KB of valid rows in one encoding, so the mix comes after the 256 KB sample from which
    the encoding is guessed."""
    header = draw(st.sampled_from(["indicator;regio;sector;periode;waarde", "regio;2024 K1"]))
    lines = [header, *(";".join(r) for r in draw(st.lists(row, min_size=1, max_size=12)))]
    start = draw(st.sampled_from(LINE_ENCODINGS))
    head = header.encode(start) + b"\n"
    if draw(st.booleans()):
        head += (FILLER * (300 * 1024 // len(FILLER))).encode(start)
    tail = []
    for line in lines[1:]:
        raw = st.binary(min_size=1, max_size=12)
        encoded = st.sampled_from(LINE_ENCODINGS).map(lambda e, t=line: t.encode(e, "replace"))
        tail.append(draw(st.one_of(encoded, raw)))
    return head + b"\n".join(tail)


@st.composite
def near_valid_csv(draw) -> bytes:
    """A long-layout file of real keys and numbers, with a few cells spoiled: most load, some
    are refused with their problems (and, loaded once, the same file again is a repeat)."""
    good = {
        "indicator": ["vacatures", "ww_kort"],
        "regio": ["Twente", "Achterhoek", "AM09"],
        "periode": [f"2040 K{q}" for q in range(1, 5)] + ["2041-Q1"],
        "waarde": ["1", "12,5", "1.234", "7*", "-", "."],
    }
    lines = ["indicator;regio;periode;waarde"]
    for _ in range(draw(st.integers(1, 12))):
        fields = [draw(st.sampled_from(values)) for values in good.values()]
        if draw(st.integers(0, 9)) == 0:  # one in ten rows spoiled
            fields[draw(st.integers(0, 3))] = draw(cell).replace(";", "").replace("\n", "")
        lines.append(";".join(fields))
    return "\n".join(lines).encode()


@st.composite
def xlsx_files(draw) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    for values in draw(st.lists(row, max_size=20)):
        sheet.append([_excel_safe(v) for v in values])
    if draw(st.booleans()):
        book.create_sheet("Tweede")
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _excel_safe(value: str):
    """openpyxl refuses control characters and cells over 32,767 characters, as Excel does."""
    cleaned = "".join(c for c in value if c >= " " or c in "\t\n\r")[:32_767]
    return float(cleaned) if cleaned.replace(".", "", 1).isdigit() else cleaned


class Imports:
    """Runs ``hcdash import`` in this process on one store and checks each outcome; counts how
    many inputs ended with each exit code (each test its own: no test reads another's)."""

    def __init__(self, ref, folder, capsys):
        self.ref, self.folder, self.capsys = ref, folder, capsys
        self.outcomes = {0: 0, 1: 0, 2: 0}
        self.last = None

    def state(self) -> dict:
        """Every table's rows (backup.fingerprint: a count and a sum of row hashes each, the
        store's version included). Cheaper than the CSV of ``hcdash export``, which took most
        of these tests' time, and it sees more: history, uploads, indicators."""
        store = self.ref.open()
        try:
            with store.reading() as con:
                return backup.fingerprint(con)
        finally:
            store.close()

    def check(self, data: bytes, suffix: str) -> None:
        path = self.folder / f"random{suffix}"
        path.write_bytes(data)
        if self.last is None:
            self.last = self.state()
        code = main([*self.ref.args(), "import", str(path)])
        out, err = self.capsys.readouterr()
        assert code in (0, 1, 2), (code, out, err)
        assert "Traceback" not in out + err
        self.outcomes[code] += 1
        if code == 0:
            assert "Loaded" in out or "already loaded" in out, out
            self.last = self.state()
            return
        assert err.strip(), "a refusal must say why"
        assert err.startswith("hcdash: error: ") or "problem" in err or "Nothing" in err, err
        assert self.state() == self.last  # the store is exactly as it was

    def run(self, inputs, suffix: str, examples: int) -> dict[int, int]:
        """Every input ``inputs`` draws, imported; then how many ended with each exit code.
        The property runs inside the test, so the test can look at its own counts after."""

        @settings(SETTINGS, max_examples=examples)
        @given(data=inputs)
        def each(data):
            self.check(data, suffix)

        each()
        with self.capsys.disabled():
            print(f" exit codes: {self.outcomes}", end="")
        return self.outcomes


@pytest.fixture
def imports(private_ref, tmp_path, capsys):
    return Imports(private_ref, tmp_path, capsys)


def refused(outcomes: dict[int, int]) -> int:
    return outcomes[1] + outcomes[2]


# Each test says that its generator is not trivial: most of its inputs are refused, and where
# valid files are drawn, some load (counts printed with -s).


def test_random_bytes(imports):
    assert refused(imports.run(st.binary(max_size=4096), ".csv", 60)) > 30


def test_random_csv_structures(imports):
    assert refused(imports.run(csv_files(), ".csv", 60)) > 30


def test_mixed_encodings_in_one_file(imports):
    assert refused(imports.run(mixed_encoding_csv(), ".csv", 40)) > 20


def test_near_valid_csv_files(imports):
    outcomes = imports.run(near_valid_csv(), ".csv", 40)
    assert outcomes[0] > 5  # the loading path was exercised
    assert refused(outcomes) > 0


def test_random_xlsx_sheets(imports):
    assert refused(imports.run(xlsx_files(), ".xlsx", 25)) > 10


def test_random_bytes_named_xlsx(imports):
    data = st.binary(min_size=1, max_size=2048).map(lambda tail: b"PK\x03\x04" + tail)
    assert refused(imports.run(data, ".xlsx", 25)) > 10
