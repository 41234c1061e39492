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
    "drop_invisible",
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
# A few NUL bytes sprinkled in a text (a broken converter) are dropped with a
# warning; more than this share, or two in a row, means a binary file.
_MAX_NUL_SHARE = 0.1
# Runs of UTF-16 text inside a file that is otherwise 8-bit: at least this many
# characters of (non-NUL byte, NUL byte) pairs, little- or big-endian.
_UTF16_RUN_CHARS = 8
_UTF16_RUNS = {
    "utf-16-le": re.compile(rb"(?:[^\x00]\x00){%d,}" % _UTF16_RUN_CHARS),
    "utf-16-be": re.compile(rb"(?:\x00[^\x00]){%d,}" % _UTF16_RUN_CHARS),
}
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
    if _mostly_nul(data[:_SAMPLE]):
        return "NUL bytes"
    return None


def _mostly_nul(sample: bytes) -> bool:
    """NULs in pairs, or many of them: binary. A few single NULs in text are a converter's litter."""
    return b"\x00" in sample and (
        b"\x00\x00" in sample or sample.count(0) > _MAX_NUL_SHARE * len(sample)
    )


def decode_bytes(data: bytes, *, declared: str | None = None) -> Decoded:
    """Decode article bytes, guessing the encoding the way a careful human would.

    UTF-8 (BOM or not), UTF-16/32 with a BOM, UTF-16 without a BOM (told by
    its NUL pattern), a ``declared`` charset (from HTML) when UTF-8 fails, and
    cp1252 for everything else, one byte at a time where a file mixes UTF-8
    with cp1252. Raises ``BinaryInput`` for binary data.
    """
    for magic, kind in _MAGIC:
        if data.startswith(magic):
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
    elif (mixed := _utf16_segments(data)) is not None:
        text, encoding, more = mixed
        warnings.extend(more)
    elif (utf16 := looks_utf16(data)) is not None:
        text = data.decode(utf16, errors="replace")
        encoding = utf16
        warnings.append(f"no byte-order mark; read as {utf16.upper()} from its NUL-byte pattern")
    else:
        if _mostly_nul(data[:_SAMPLE]):
            raise BinaryInput("NUL bytes")
        if b"\x00" in data:
            nuls = data.count(0)
            data = data.replace(b"\x00", b"")
            warnings.append(
                f"{nuls} stray NUL byte{'s' if nuls != 1 else ''} (from a broken converter?) "
                "dropped; the rest is text"
            )
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


# Characters that print as nothing. Inside a Latin word ("Cha\u200dhab") they
# break place matching and mean nothing, so they go; the joiners (ZWNJ, ZWJ)
# stay between two letters of Arabic script, where Dari and Pashto spell with them.
_INVISIBLE = "\u200b\u2060\ufeff\u180e\u00ad\u200c\u200d"
_ALWAYS_INVISIBLE_RE = re.compile("[\u200b\u2060\ufeff\u180e\u00ad]+")
_JOINER_RE = re.compile("[\u200c\u200d]+")
_ARABIC = re.compile("[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufefc]")


def drop_invisible(text: str) -> str:
    """Remove zero-width spaces, word joiners, soft hyphens and stray joiners.

    Done before any offset is taken, so every offset refers to the cleaned text.
    """
    if text.isascii() or not any(char in text for char in _INVISIBLE):
        return text
    text = _ALWAYS_INVISIBLE_RE.sub("", text)
    if "\u200c" in text or "\u200d" in text:
        text = _JOINER_RE.sub(lambda m: m.group(0) if _between_arabic(m) else "", text)
    return text


def _between_arabic(m: re.Match[str]) -> bool:
    text, start, end = m.string, m.start(), m.end()
    return bool(
        start > 0 and end < len(text) and _ARABIC.match(text[start - 1]) and _ARABIC.match(text[end])
    )


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


def _utf16_segments(data: bytes) -> tuple[str, str, list[str]] | None:
    """Decode a file that mixes 8-bit text with runs of BOM-less UTF-16; None if it does not.

    A file pasted together from two sources ("a UTF-8 report, then a UTF-16
    quote") is read part by part, so neither half turns into mojibake. Runs
    of (letter, NUL) pairs are UTF-16; what lies between them is 8-bit text
    only when it reads as clean UTF-8 (UTF-16 punctuation such as a curly
    quote leaves short gaps of control bytes, which stay UTF-16). A file with
    no 8-bit part is left to the whole-file readings.
    """
    if b"\x00" not in data:
        return None
    best: tuple[int, str, list[tuple[int, int]]] | None = None
    for codec, pattern in _UTF16_RUNS.items():
        runs = [m.span() for m in pattern.finditer(data)]
        covered = sum(end - start for start, end in runs)
        if runs and (best is None or covered > best[0]):
            best = (covered, codec, runs)
    if best is None:
        return None
    _, codec, runs = best
    segments: list[list] = []  # [is_utf16, start, end], neighbours merged

    def add(wide: bool, start: int, end: int) -> None:
        if start >= end:
            return
        if segments and segments[-1][0] == wide:
            segments[-1][2] = end
        else:
            segments.append([wide, start, end])

    at = 0
    for start, end in runs:
        add(not _clean_8bit(data[at:start]), at, start)
        add(True, start, end)
        at = end
    add(not _clean_8bit(data[at:]), at, len(data))
    narrow = [seg for seg in segments if not seg[0]]
    if not narrow or all(seg[0] for seg in segments):
        return None
    parts: list[str] = []
    encodings: set[str] = set()
    for wide, start, end in segments:
        chunk = data[start:end]
        if wide:
            parts.append(chunk.decode(codec, errors="replace"))
        else:
            piece, enc, _ = _decode_8bit(chunk.replace(b"\x00", b""), None)
            parts.append(piece)
            encodings.add(enc)
    wide_parts = [seg for seg in segments if seg[0]]
    other = "UTF-8" if encodings <= {"utf-8"} else "UTF-8/cp1252"
    n = len(wide_parts)
    warning = (
        f"mixed encodings: {n} part{'s' if n != 1 else ''} of the file (first at byte "
        f"{wide_parts[0][1]}) {'are' if n != 1 else 'is'} {codec.upper()} without a "
        f"byte-order mark, the rest {other}; each part was read in its own encoding"
    )
    return "".join(parts), f"{codec}+8bit", [warning]


_MIN_8BIT_GAP = 16


def _clean_8bit(chunk: bytes) -> bool:
    """Whether bytes between UTF-16 runs are 8-bit text: long enough, valid UTF-8, no controls."""
    if len(chunk) < _MIN_8BIT_GAP:
        return False
    try:
        text = chunk.decode("utf-8")
    except UnicodeDecodeError:
        return False
    # A word and a space: UTF-16 CJK can pass as printable bytes, but rarely spells "the ".
    return not _CONTROL_RE.search(text) and _WORD_RE.search(text) is not None


_WORD_RE = re.compile(r"[A-Za-z]{3,}[ \n]")


def _decode_8bit(data: bytes, declared: str | None) -> tuple[str, str, list[str]]:
    try:
        return data.decode("utf-8"), "utf-8", []
    except UnicodeDecodeError as error:
        first_bad = error.start
    notes: list[str] = []
    if declared:
        codec = _known_codec(declared)
        if codec is None:
            notes.append(
                f"the page declares charset {declared[:40]!r}, which is not an encoding a web "
                "page can be written in (or does not match its bytes); ignored"
            )
        elif codec != "utf-8":
            try:
                return data.decode(codec, errors="replace"), codec, []
            except (UnicodeError, LookupError, ValueError, TypeError):
                notes.append(f"the page's charset {declared[:40]!r} cannot decode it; ignored")
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
        return text, "utf-8+cp1252", [*notes, warning]
    return (
        text,
        "cp1252",
        [*notes, "not valid UTF-8; decoded as cp1252 (Windows Latin-1), check odd characters"],
    )


# A page whose <meta charset> was found by an ASCII pattern is ASCII-compatible,
# so a declared codec must read ASCII as ASCII: this refuses base64, rot13 and
# zip (not text encodings) and UTF-16/32 (a lie, as the HTML standard says).
_NOT_CHARSETS = frozenset(
    {"unicode-escape", "raw-unicode-escape", "idna", "punycode", "undefined", "utf-7", "mbcs", "oem"}
)
_ASCII_PROBE = b'<meta charset="x"> The district, 2021.'


def _known_codec(name: str) -> str | None:
    """The codec a declared charset names, if it is an ASCII-compatible text encoding."""
    try:
        info = codecs.lookup(name.strip().strip("\"'"))
    except (LookupError, ValueError, TypeError):
        return None
    if not getattr(info, "_is_text_encoding", True) or info.name in _NOT_CHARSETS:
        return None
    try:
        if _ASCII_PROBE.decode(info.name) != _ASCII_PROBE.decode("ascii"):
            return None
    except (UnicodeError, LookupError, ValueError, TypeError):
        return None
    return info.name


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
