"""Bytes to text for the article reader: encodings, binary sniffing, line ends.

Articles come from scrapers, e-mail and copy-paste, so the decoder never
raises on content: it either returns text (with warnings saying what it had to
guess) or says the input is binary, and why, in words a user can act on.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from functools import cache

__all__ = [
    "BinaryInput",
    "Decoded",
    "decode_bytes",
    "looks_utf16",
    "normalize_text",
    "sniff_binary",
]

# Magic numbers of the binary formats people most often drop into a folder of
# articles by mistake. Checked before anything else: a PDF is never "text".
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "PDF"),
    (b"\x89PNG\r\n\x1a\n", "PNG"),
    (b"PK\x03\x04", "ZIP archive"),
    (b"PK\x05\x06", "ZIP archive"),
    (b"GIF87a", "GIF"),
    (b"GIF89a", "GIF"),
    (b"\xff\xd8\xff", "JPEG"),
    (b"\x1f\x8b", "gzip"),
    (b"BZh", "bzip2"),
    (b"\xfd7zXZ\x00", "xz"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip"),
    (b"Rar!\x1a\x07", "RAR"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "MS Office (OLE)"),
    (b"\x7fELF", "ELF executable"),
    (b"SQLite format 3\x00", "SQLite database"),
)
# Formats whose magic is plain ASCII that an article could start with ("MZ Khan
# said...") are left to the NUL-byte and control-character checks.

# Control characters other than tab/newline/CR/FF/VT: a few are noise, many mean binary.
_CONTROL_RE = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")
# Line separators besides "\n" that str.splitlines() would honour; folding them
# into "\n" keeps text.split("\n") and text.splitlines() in agreement.
_SURROGATE_RE = re.compile("[\ud800-\udfff]")
_LINE_BREAK_CHARS = "\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
_LINE_BREAKS_RE = re.compile(f"[{_LINE_BREAK_CHARS}]")
_SAMPLE = 64 * 1024
_MAX_CONTROL_SHARE = 0.05
_ERROR_HANDLER = "tcmap-cp1252"


class BinaryInput(ValueError):
    """The bytes are not text; ``kind`` names what they look like (``PDF``)."""

    def __init__(self, kind: str) -> None:
        super().__init__(f"binary file ({kind}), not text")
        self.kind = kind


@dataclass(frozen=True)
class Decoded:
    """Text decoded from bytes, the codec used and what had to be guessed."""

    text: str
    encoding: str
    warnings: tuple[str, ...] = ()


def sniff_binary(data: bytes) -> str | None:
    """Name the binary kind of ``data`` (``"PDF"``), or None if it may be text.

    Only looks at a sample, so it is cheap on a 20 MB file. UTF-16 and UTF-32
    text (with or without a byte-order mark) is not binary.
    """
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            return kind
    if _bom_encoding(data) is not None or looks_utf16(data) is not None:
        return None
    sample = data[:_SAMPLE]
    if b"\x00" in sample:
        return "NUL bytes"
    return None


def decode_bytes(data: bytes, *, declared: str | None = None) -> Decoded:
    """Decode article bytes, guessing the encoding the way a careful human would.

    UTF-8 (BOM or not), UTF-16/32 with a BOM, UTF-16 without a BOM (told by
    its NUL pattern), a ``declared`` charset (from HTML) when UTF-8 fails, and
    cp1252 for everything else, one byte at a time where a file mixes UTF-8
    with cp1252. Raises ``BinaryInput`` for binary data.
    """
    kind = sniff_binary(data)
    if kind is not None:
        raise BinaryInput(kind)
    warnings: list[str] = []
    bom = _bom_encoding(data)
    if bom is not None:
        encoding = bom
        try:
            text = data.decode(bom)
        except UnicodeDecodeError as error:
            text = data.decode(bom, errors="replace")
            warnings.append(
                f"bytes from {error.start} on are not valid {_codec_label(bom)} despite the "
                "byte-order mark; they were replaced by '\ufffd'"
            )
    elif (utf16 := looks_utf16(data)) is not None:
        text = data.decode(utf16, errors="replace")
        encoding = utf16
        warnings.append(f"no byte-order mark; read as {utf16.upper()} from its NUL-byte pattern")
    else:
        text, encoding, more = _decode_8bit(data, declared)
        warnings.extend(more)
    text = text.removeprefix("\ufeff")
    _check_controls(text)
    return Decoded(text=text, encoding=encoding, warnings=tuple(warnings))


def normalize_text(text: str) -> str:
    """Unify line ends to "\\n" and drop stray control characters.

    Windows (CRLF) and old Mac (CR) line ends, form feeds and Unicode line
    separators all become "\\n", so offsets mean the same in every tool that
    splits lines. Lone control characters (escape codes, NULs from broken
    converters) carry no meaning in a news text and would garble terminals.
    """
    # Each regex pass over a 20 MB text costs ~0.1 s; a `char in text` scan
    # costs ~1 ms, so run the passes only when there is something to replace.
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if any(char in text for char in _LINE_BREAK_CHARS):
        text = _LINE_BREAKS_RE.sub("\n", text)
    text = _CONTROL_RE.sub("", text)
    if not text.isascii():
        # Lone surrogates (from JSON "\\ud800" escapes) cannot be written as UTF-8.
        text = _SURROGATE_RE.sub("\ufffd", text)
    return text


def _bom_encoding(data: bytes) -> str | None:
    if data.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    # UTF-32 first: its little-endian BOM starts with the UTF-16 one.
    if data.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        return "utf-32"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    return None


def looks_utf16(data: bytes) -> str | None:
    """Name the UTF-16 byte order of BOM-less text by its zero high bytes, else None.

    Works for mostly-Latin text, where every other byte is NUL.
    """
    sample = data[: _SAMPLE & ~1]
    if len(sample) < 4:
        return None
    even, odd = sample[0::2], sample[1::2]
    even_nul = even.count(0) / len(even)
    odd_nul = odd.count(0) / len(odd)
    if odd_nul >= 0.4 and even_nul <= 0.05:
        return "utf-16-le"
    if even_nul >= 0.4 and odd_nul <= 0.05:
        return "utf-16-be"
    return None


def _decode_8bit(data: bytes, declared: str | None) -> tuple[str, str, list[str]]:
    try:
        return data.decode("utf-8"), "utf-8", []
    except UnicodeDecodeError as error:
        first_bad = error.start
    if declared:
        codec = _known_codec(declared)
        if codec is not None and codec != "utf-8":
            return data.decode(codec, errors="replace"), codec, []
    # Any non-ASCII character left after dropping the invalid bytes came from a
    # valid multi-byte UTF-8 sequence: the file mixes UTF-8 with something else.
    mixed = not data.decode("utf-8", errors="ignore").isascii()
    _register_cp1252_fallback()
    text = data.decode("utf-8", errors=_ERROR_HANDLER)
    if mixed:
        warning = (
            "mixed encodings: the text is mostly UTF-8 but some bytes (first at byte "
            f"{first_bad}) are not, and were read as cp1252"
        )
        return text, "utf-8+cp1252", [warning]
    return (
        text,
        "cp1252",
        ["not valid UTF-8; decoded as cp1252 (Windows Latin-1), check odd characters"],
    )


def _known_codec(name: str) -> str | None:
    try:
        return codecs.lookup(name.strip().strip("\"'")).name
    except (LookupError, ValueError):
        return None


@cache
def _register_cp1252_fallback() -> None:
    """Register (once, on first need) the handler that reads bad UTF-8 bytes as cp1252."""

    def handler(error: UnicodeError) -> tuple[str, int]:
        if not isinstance(error, UnicodeDecodeError):
            raise error
        chunk = error.object[error.start : error.end]
        # cp1252 leaves five bytes undefined; latin-1 maps every byte, and the
        # control characters it gives are dropped later by normalize_text.
        return "".join(_cp1252_char(b) for b in chunk), error.end

    codecs.register_error(_ERROR_HANDLER, handler)


def _cp1252_char(byte: int) -> str:
    try:
        return bytes([byte]).decode("cp1252")
    except UnicodeDecodeError:
        return bytes([byte]).decode("latin-1")


def _check_controls(text: str) -> None:
    sample = text[:_SAMPLE]
    if not sample:
        return
    controls = len(_CONTROL_RE.findall(sample))
    if controls / len(sample) > _MAX_CONTROL_SHARE:
        raise BinaryInput("mostly control characters")


def _codec_label(codec: str) -> str:
    return {"utf-8-sig": "UTF-8", "utf-16": "UTF-16", "utf-32": "UTF-32"}.get(codec, codec)
