"""A CSV's bytes checked as they are read, all of them: a NUL byte, or a byte that the file's
encoding (guessed from its first 256 KB, ``sniff.encoding``) cannot decode, refuses the file
with the line where it stands, wherever in the file it is.

Without this, DuckDB loaded a NUL after the sample into a cell unnoticed, and a byte that
Windows-1252 does not define (0x81, 0x8d, 0x8f, 0x90, 0x9d) or bad UTF-8 after the sample
ended in a traceback or an unclear message from DuckDB's reader.
"""

import codecs

from hcdash.errors import IngestError

# The encodings ``sniff.encoding`` returns, as the message names them.
NAMES = {"utf-8": "UTF-8", "cp1252": "Windows-1252", "latin-1": "Latin-1"}


class Checker:
    """Checks consecutive chunks of one file; knows the line each chunk starts on."""

    def __init__(self, encoding: str):
        self.encoding = encoding
        self._decoder = codecs.getincrementaldecoder(encoding)()
        # line breaks before the current chunk: LF and CR apart, so that files with any of
        # the three line ends (LF, CRLF, CR alone) are counted right
        self._lf = self._cr = 0

    def check(self, chunk: bytes, *, final: bool = False) -> None:
        """Refuse ``chunk`` if it holds a NUL or a byte the encoding cannot decode. A character
        cut in two by the chunk's end is completed by the next chunk; ``final`` ends the file
        (a character still cut in two is then refused)."""
        nul = chunk.find(b"\x00")
        if nul >= 0:
            raise IngestError(code="not_text", row=self._line(chunk, nul))
        try:
            self._decoder.decode(chunk, final)
        except UnicodeDecodeError as exc:
            # the decoder puts bytes it kept from the previous chunk before this one
            kept = len(exc.object) - len(chunk)
            raise IngestError(
                code="undecodable",
                byte=f"0x{exc.object[exc.start]:02x}",
                row=self._line(chunk, max(exc.start - kept, 0)),
                encoding=NAMES.get(self.encoding, self.encoding),
            ) from None
        self._lf += chunk.count(b"\n")
        self._cr += chunk.count(b"\r")

    def _line(self, chunk: bytes, position: int) -> int:
        """The line (from 1) of ``chunk[position]``."""
        lf = self._lf + chunk.count(b"\n", 0, position)
        cr = self._cr + chunk.count(b"\r", 0, position)
        return 1 + max(lf, cr)
