"""Ingest: turn input bytes into ``RawDoc`` records, or into ``Problem`` records saying why not.

``read_article`` reads one document: its id is the sha256 of the raw bytes (so re-ingesting the
same bytes is a no-op downstream), the text is decoded robustly and the content type sniffed.
``iter_sources`` walks files and folders: plain text, HTML, JSONL (one article per line), WARC
(via warcio, the Internet Archive / webrecorder reader that also handles chunked and compressed
HTTP payloads) and gzip-compressed single files. One bad input never stops the walk: it becomes a
``Problem`` with a short code and a message that names the fix.

Decoding (why this order): a BOM or a declared charset is the publisher's own statement, then
strict UTF-8 (almost every modern page; random legacy bytes are very unlikely to be valid UTF-8),
then a guess. charset-normalizer guesses well on long Cyrillic text but picks Central-European
code pages for short Western text ("crème" -> "crčme"), so its guess competes with cp1252 and
cp1251 on a plausibility score (common non-ASCII letters, no words mixing scripts). The chosen
codec always satisfies ``raw.data.decode(raw.encoding, "replace") == raw.text``, so a store may
keep only the bytes. A page that is UTF-8 except for a few bad bytes keeps "utf-8" with U+FFFD
for them (a legacy code page would garble every other non-ASCII letter instead).

JSONL records: the id is the sha256 of the UTF-8 bytes of the record's ``html`` (preferred when
present, since it is the page as fetched) or ``text`` value; ``data`` holds those bytes.
"""

from __future__ import annotations

import codecs
import gzip
import hashlib
import io
import json
import os
import re
import zlib
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import IO, Any

from storyline.errors import InputError
from storyline.model import Problem, RawDoc

__all__ = ["DEFAULT_MAX_BYTES", "IngestError", "iter_sources", "read_article", "sniff_html"]

DEFAULT_MAX_BYTES = 20_000_000

# Magic numbers of formats that are certainly not articles (file(1)'s magic database).
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF", "a PDF document"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"PK\x03\x04", "a ZIP archive (or a .docx/.xlsx/.epub file)"),
    (b"\x1f\x8b", "gzip-compressed data - name the file *.gz so it is decompressed"),
    (b"BZh91AY&SY", "bzip2-compressed data"),
    (b"\xfd7zXZ\x00", "xz-compressed data"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"\x7fELF", "an executable"),
    (b"SQLite format 3\x00", "an SQLite database"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Microsoft Office document"),
    (b"\x00\x00\x01\x00", "an icon image"),
    (b"OggS", "an Ogg media file"),
    (b"ID3", "an MP3 audio file"),
    (b"wOFF", "a web font"),
    (b"wOF2", "a web font"),
)
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Control characters (except whitespace and ESC), surrogates and private-use characters.
_BAD_CHARS = re.compile("[\x00-\x08\x0e-\x1a\x1c-\x1f\x7f-\x9f\ud800-\udfff\ue000-\uf8ff\U000f0000-\U0010ffff]")
# Non-ASCII characters frequent in real text; a decoding that yields mostly these is plausible.
_COMMON = frozenset(
    "éèàçüöäßñáíóúêâôîûëïœæøåãõìòùÉÈÀÇÜÖÄÑÁÍÓÚ“”‘’„«»–—…•·°€£№§©®™\u00a0"
    "łśćźżąęńŁŚŻőűčšžřěůýďťňĆČŠŽ"
)
_HTML_START = re.compile(
    r"\s*(?:<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]|<\?xml[^>]*>\s*(?:<!doctype\s+html|<html)|<!--)",
    re.IGNORECASE,
)
_HTML_TAG = re.compile(
    r"</?(?:html|head|body|meta|title|p|div|span|a|br|li|ul|ol|table|tr|td|h[1-6]|script|style|"
    r"article|section|header|footer|nav|img|link|main|figure)\b[^>]{0,300}>",
    re.IGNORECASE,
)
_META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{2,40})""", re.IGNORECASE)
_CT_CHARSET = re.compile(r"charset\s*=\s*[\"']?([A-Za-z0-9_.:-]{2,40})", re.IGNORECASE)
_WORD = re.compile(r"[^\W\d_]+")
_DOCUMENT_TYPES = ("pdf", "msword", "officedocument", "rtf", "epub", "opendocument")
_TEXT_SUFFIXES = {".txt", ".text"}
# Files that are certainly not articles; reported as "unsupported-type" without being read.
_NOT_ARTICLE_SUFFIXES = {
    ".css", ".js", ".mjs", ".map", ".py", ".sh", ".csv", ".tsv", ".xml", ".rss", ".svg", ".ico", ".woff",
    ".woff2", ".ttf", ".yaml", ".yml", ".toml", ".ini", ".cfg", ".db", ".sqlite", ".exe", ".mp4", ".mp3",
}
_HTML_SUFFIXES = {".html", ".htm", ".xhtml", ".shtml"}


class IngestError(InputError):
    """An input read_article refuses; ``code`` is the short Problem code (empty, binary, ...)."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


def read_article(
    data: bytes,
    *,
    origin: str,
    url: str | None = None,
    fetched_at: str | None = None,
    content_type: str | None = None,
    published_hint: str | None = None,
    title_hint: str | None = None,
    extra: Mapping[str, Any] | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> RawDoc:
    """Read one document from its raw bytes.

    Args:
        data: the bytes as fetched or stored.
        origin: where it came from (file name, ``file.jsonl#L3``, ``file.warc#<record id>``).
        content_type: "text", "html" or a MIME type (its ``charset=`` is used to decode);
            None sniffs the content.

    Returns:
        A RawDoc whose id is the sha256 hex of ``data`` and whose ``text`` is
        ``data.decode(encoding, "replace")`` (strict decoding except for UTF-8 pages with a few
        invalid bytes, which become U+FFFD).

    Raises:
        IngestError (an InputError): empty, too large, binary or undecodable input; ``.code``
            is "empty", "too-large", "binary" or "decode".
        TypeError: ``data`` is not bytes.
    """
    if isinstance(data, (bytearray, memoryview)):
        data = bytes(data)
    if not isinstance(data, bytes):
        raise TypeError(f"read_article expects bytes, got {type(data).__name__} - encode text first")
    if not data.strip():
        raise IngestError("empty", "empty input (no text at all)" if not data else "input holds only whitespace")
    if len(data) > max_bytes:
        raise IngestError(
            "too-large",
            f"input is {len(data):,} bytes, over the {max_bytes:,}-byte limit (setting ingest.max_article_bytes)",
        )
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise IngestError("binary", f"binary input: {what}, not a text or HTML article")
    if data[8:12] == b"WEBP" and data.startswith(b"RIFF"):
        raise IngestError("binary", "binary input: a WebP image, not a text or HTML article")
    kind, charset = _parse_content_type(content_type)
    text, encoding = _decode(data, charset)
    _check_text(text)
    if kind is None:
        kind = "html" if sniff_html(text) else "text"
    return RawDoc(
        id=hashlib.sha256(data).hexdigest(), origin=origin, data=data, text=text, content_type=kind,
        encoding=encoding, url=url, fetched_at=fetched_at, published_hint=published_hint,
        title_hint=title_hint, extra=dict(extra or {}),
    )


def sniff_html(text: str, *, strong_only: bool = False) -> bool:
    """True when ``text`` looks like an HTML page: a doctype/<html> start, or several tags near the start."""
    head = text[:4096].lstrip("\ufeff")
    if _HTML_START.match(head):
        return True
    if strong_only:
        return False
    tags = _HTML_TAG.findall(head)
    return len(tags) >= 5 or (head.lstrip().startswith("<") and len(tags) >= 2)


def _parse_content_type(content_type: str | None) -> tuple[str | None, str | None]:
    """("html"|"text"|None, charset or None) from "html", "text" or a MIME type."""
    if not content_type:
        return None, None
    ct = content_type.strip().lower()
    m = _CT_CHARSET.search(ct)
    charset = m.group(1) if m else None
    mime = ct.split(";", 1)[0].strip()
    if mime in ("html", "text"):
        return mime, charset
    if "html" in mime:
        return "html", charset
    if mime == "text/plain":
        return "text", charset
    return None, charset


def _codec(name: str | None) -> str | None:
    """Python's codec name for a charset label, or None when unknown."""
    if not name:
        return None
    try:
        return codecs.lookup(name.strip().strip("\"'")).name
    except (LookupError, ValueError):
        return None


def _decode(data: bytes, charset: str | None) -> tuple[str, str]:
    """(text, encoding) with ``data.decode(encoding, "replace") == text``; IngestError when impossible.

    Steps: 1. a BOM; 2. NUL bytes: BOM-less UTF-16, else binary unless a stray few;
    3. the declared charset (Content-Type, then ``<meta charset>``), Latin-1 read as cp1252 as
    browsers do (WHATWG Encoding Standard); 4. strict UTF-8; 5. UTF-8 with bad bytes as U+FFFD
    when UTF-8 was declared (as browsers do) or valid multi-byte sequences outnumber the bad
    bytes ten to one; 6. a guess.
    """
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(enc), enc
            except UnicodeDecodeError as ex:
                raise IngestError("decode", f"input starts with a {enc} byte-order mark but is not valid {enc}: {ex.reason}") from ex
    nuls = data.count(0)
    if nuls:
        utf16 = _utf16_without_bom(data)
        if utf16 is not None:
            return utf16
        if nuls > len(data) / 1000:  # real pages sometimes carry a few stray NULs; binary files many
            raise IngestError("binary", "binary input: it contains NUL bytes, so it is not a text or HTML article")
    declared = _codec(charset)
    if declared is None:
        m = _META_CHARSET.search(data[:4096])
        declared = _codec(m.group(1).decode("ascii")) if m else None
    if declared in ("utf-16", "utf-16-le", "utf-16-be", "utf-32"):
        declared = None  # a page that decodes as ASCII cannot really be UTF-16
    if declared in ("latin-1", "iso8859-1", "ascii"):
        declared = "cp1252"
    for label in (declared, "utf-8"):
        if label:
            try:
                return data.decode(label), label
            except UnicodeDecodeError:
                continue
    text = data.decode("utf-8", "replace")
    if declared == "utf-8":
        return text, "utf-8"  # what browsers show for a page declared UTF-8 with stray bytes
    bad = text.count("\ufffd") - data.count(b"\xef\xbf\xbd")
    multibyte = sum(1 for c in text if ord(c) > 127) - bad
    if multibyte >= 10 * bad:
        return text, "utf-8"
    return _guess(data)


def _utf16_without_bom(data: bytes) -> tuple[str, str] | None:
    """UTF-16 text without a BOM (NULs at every other byte), or None."""
    if len(data) < 16 or len(data) % 2:
        return None
    sample = data[:4000]
    even = sample[0::2].count(0) / (len(sample) / 2)
    odd = sample[1::2].count(0) / (len(sample) / 2)
    enc = "utf-16-le" if odd > 0.3 and even < 0.05 else "utf-16-be" if even > 0.3 and odd < 0.05 else None
    if enc is None:
        return None
    try:
        text = data.decode(enc)
    except UnicodeDecodeError:
        return None
    return (text, enc) if "\x00" not in text else None


def _guess(data: bytes) -> tuple[str, str]:
    """Best (text, encoding) among charset-normalizer's guess, cp1252 and cp1251."""
    from charset_normalizer import from_bytes

    candidates: list[str] = []
    best = from_bytes(data[:200_000]).best()
    guessed = _codec(best.encoding) if best is not None else None
    if guessed and not guessed.startswith(("utf-16", "utf-32")):  # those need NULs, handled above
        candidates.append(guessed)
    candidates += ["cp1252", "cp1251"]
    scored: list[tuple[float, int, str, str]] = []
    for enc in dict.fromkeys(candidates):
        try:
            text = data.decode(enc)
        except (UnicodeDecodeError, LookupError):
            continue
        # On equal scores prefer cp1252 (the web's commonest legacy code page), never a Mac one.
        prior = 2 if enc == "cp1252" else -1 if enc.startswith("mac") else 1 if enc == guessed else 0
        scored.append((_plausibility(text), prior, enc, text))
    if not scored:
        raise IngestError(
            "decode",
            "cannot decode the input: it is not UTF-8 and no known text encoding fits - "
            "convert it to UTF-8 (e.g. iconv -f <encoding> -t utf-8)",
        )
    _score, _, enc, text = max(scored)
    return text, enc


def _plausibility(text: str) -> float:
    """Share of non-ASCII letters that are common and sit in single-script words (1.0 when none)."""
    good = total = 0
    for word in _WORD.findall(text[:100_000]):
        high = [c for c in word if ord(c) > 127]
        if not high:
            continue
        total += len(high)
        scripts = {_script(c) for c in word}
        if len(scripts) == 1:
            good += sum(1 for c in high if c in _COMMON or _script(c) in ("cyrillic", "greek", "cjk", "other"))
    for c in text[:100_000]:
        if 127 < ord(c) < 256 and not c.isalpha() and c not in _COMMON:
            total += 1  # stray symbols such as ¤ ¦ ¨ from a wrong single-byte code page
    return good / total if total else 1.0


def _script(c: str) -> str:
    """A coarse script name for a letter: latin, cyrillic, greek, cjk or other."""
    if ord(c) < 0x250:
        return "latin"
    if 0x400 <= ord(c) < 0x530:
        return "cyrillic"
    if 0x370 <= ord(c) < 0x400:
        return "greek"
    if 0x2E80 <= ord(c) < 0xA000 or 0xAC00 <= ord(c) < 0xD7B0:
        return "cjk"
    return "other"


def _check_text(text: str) -> None:
    """Raise IngestError("binary") when decoded text is mostly control characters or empty."""
    sample = text[:100_000]
    if not sample.strip():
        raise IngestError("empty", "input holds only whitespace")
    bad = len(_BAD_CHARS.findall(sample))
    if bad / len(sample) > 0.02:
        raise IngestError(
            "binary", f"binary input: {bad} control or private-use characters in the first {len(sample)}, not an article"
        )


# --------------------------------------------------------------------------- walking sources


def iter_sources(paths: Iterable[str | Path], *, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[RawDoc | Problem]:
    """Every document in ``paths`` as a RawDoc, every unreadable input as a Problem.

    Folders are walked recursively in sorted order, skipping hidden files and folders. Files:
    ``.txt``, ``.html``/``.htm``, ``.jsonl`` (one article a line), ``.json`` (an article object
    or a list of them), ``.warc``/``.warc.gz``,
    gzip-compressed single files (``.txt.gz``, ``.html.gz``, ``.jsonl.gz``) and anything else
    sniffed as text or HTML. Origins are paths relative to the given folder (the file name for
    a file given directly), ``#L<n>`` for a JSONL line and ``#<record id>`` for a WARC record.

    Raises:
        InputError: a path does not exist (checked before anything is read).
    """
    items = [Path(p) for p in paths]
    for p in items:
        if not p.exists():
            raise InputError(f"no such file or folder: {p}")
    for p in items:
        if p.is_dir():
            for f in _walk(p):
                yield from _read_file(f, f.relative_to(p).as_posix(), max_bytes)
        else:
            yield from _read_file(p, p.name, max_bytes)


def _walk(root: Path) -> Iterator[Path]:
    """Files under ``root`` in sorted order, hidden files and folders left out."""
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if not name.startswith("."):
                yield Path(dirpath) / name


def _problem(origin: str, code: str, message: str) -> Problem:
    """An ingest Problem."""
    return Problem(origin=origin, stage="ingest", error=code, message=message)


def _read_file(path: Path, origin: str, max_bytes: int) -> Iterator[RawDoc | Problem]:
    """The documents (or problems) of one file, by its suffix and, failing that, its content."""
    name = path.name.lower()
    try:
        if name.endswith((".warc", ".warc.gz")):
            with path.open("rb") as fh:
                head = fh.read(2)
                fh.seek(0)
                with gzip.open(fh) if head == b"\x1f\x8b" else path.open("rb") as peek:
                    start = peek.read(5)
                if start != b"WARC/":
                    yield _problem(origin, "warc", "not a WARC file: it does not start with 'WARC/'")
                    return
                fh.seek(0)
                yield from _read_warc(fh, origin, max_bytes)
            return
        gz = name.endswith(".gz")
        inner = name[:-3] if gz else name
        if inner.endswith((".jsonl", ".ndjson")):
            with (gzip.open(path, "rb") if gz else path.open("rb")) as fh:
                yield from _read_jsonl(fh, origin, max_bytes)
            return
        suffix = Path(inner).suffix
        if suffix in _NOT_ARTICLE_SUFFIXES:
            yield _problem(origin, "unsupported-type", f"a {suffix} file is not an article (storyline reads text, "
                           "HTML, JSON/JSONL and WARC)")
            return
        if not gz and path.stat().st_size > max_bytes:
            yield _problem(origin, "too-large", f"file is {path.stat().st_size:,} bytes, over the {max_bytes:,}-byte "
                           "limit (setting ingest.max_article_bytes)")
            return
        data = _read_gzip(path, max_bytes) if gz else path.read_bytes()
        if not gz and data.startswith(b"\x1f\x8b"):
            data = _read_gzip(path, max_bytes)
        if data.startswith(b"WARC/"):
            yield from _read_warc(io.BytesIO(data), origin, max_bytes)
            return
        if suffix == ".json":
            yield from _read_json(data, origin, max_bytes)
            return
        kind = "html" if suffix in _HTML_SUFFIXES else None
        if suffix in _TEXT_SUFFIXES:
            start_text = data[:4096].decode("utf-8", "ignore")
            kind = "html" if sniff_html(start_text, strong_only=True) else "text"
        yield read_article(data, origin=origin, content_type=kind, max_bytes=max_bytes)
    except IngestError as ex:
        yield _problem(origin, ex.code, str(ex))
    except (OSError, EOFError, zlib.error) as ex:
        code = "gzip" if isinstance(ex, (EOFError, zlib.error, gzip.BadGzipFile)) else "read"
        yield _problem(origin, code, f"cannot read the file: {ex}")


def _read_gzip(path: Path, max_bytes: int) -> bytes:
    """The decompressed bytes of a gzip file; IngestError when over ``max_bytes``."""
    with gzip.open(path, "rb") as fh:
        data = fh.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise IngestError("too-large", f"decompressed file is over the {max_bytes:,}-byte limit (setting ingest.max_article_bytes)")
    return data


def _read_jsonl(fh: Iterable[bytes], origin: str, max_bytes: int) -> Iterator[RawDoc | Problem]:
    """One RawDoc per JSONL line with ``text`` or ``html``; a Problem per bad line."""
    for n, line in enumerate(fh, start=1):
        where = f"{origin}#L{n}"
        if n == 1:
            line = line.removeprefix(codecs.BOM_UTF8)
        if not line.strip():
            continue
        try:
            rec = json.loads(line.decode("utf-8"))
        except UnicodeDecodeError as ex:
            yield _problem(where, "decode", f"line is not UTF-8 ({ex.reason}); JSONL must be UTF-8")
            continue
        except json.JSONDecodeError as ex:
            yield _problem(where, "json", f"malformed JSON: {ex.msg} at column {ex.colno}")
            continue
        try:
            yield _jsonl_record(rec, where, max_bytes)
        except IngestError as ex:
            yield _problem(where, ex.code, str(ex))


def _read_json(data: bytes, origin: str, max_bytes: int) -> Iterator[RawDoc | Problem]:
    """Articles of a JSON file: one object, or a list of objects (origins ``file.json#<index>``)."""
    try:
        doc = json.loads(data.removeprefix(codecs.BOM_UTF8).decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as ex:
        yield _problem(origin, "json", f"not valid UTF-8 JSON: {ex}")
        return
    records = list(enumerate(doc)) if isinstance(doc, list) else [(None, doc)]
    for i, rec in records:
        where = origin if i is None else f"{origin}#{i}"
        try:
            yield _jsonl_record(rec, where, max_bytes)
        except IngestError as ex:
            yield _problem(where, ex.code, str(ex))


def _jsonl_record(rec: Any, where: str, max_bytes: int) -> RawDoc:
    """A RawDoc from one parsed JSONL record; IngestError when it holds no article."""
    if not isinstance(rec, dict):
        raise IngestError("json", f"a JSONL line must be an object with 'text' or 'html', got {type(rec).__name__}")
    key = "html" if isinstance(rec.get("html"), str) and rec["html"].strip() else "text"
    body = rec.get(key)
    if not isinstance(body, str):
        raise IngestError("jsonl-field", "the record has no 'text' or 'html' string field")
    known = {}
    for field in ("url", "published", "title", "fetched_at"):
        v = rec.get(field)
        if v is not None and not isinstance(v, (str, int)):
            raise IngestError("jsonl-field", f"field {field!r} must be a string, got {type(v).__name__}")
        known[field] = str(v) if v is not None else None
    extra = {k: v for k, v in rec.items() if k not in {key, "url", "published", "title", "fetched_at"}}
    return read_article(
        body.encode("utf-8", "surrogatepass"), origin=where, url=known["url"], fetched_at=known["fetched_at"],
        content_type=key, published_hint=known["published"], title_hint=known["title"], extra=extra,
        max_bytes=max_bytes,
    )


def _read_warc(fh: IO[bytes], origin: str, max_bytes: int) -> Iterator[RawDoc | Problem]:
    """RawDocs of a WARC's HTML/text response and resource records; other records are skipped.

    Problems are reported for document-like payloads (PDF, Word...) and HTML/text error pages
    (HTTP 4xx/5xx); requests, metadata, redirects, images, scripts and styles are skipped
    silently, as they are not articles.
    """
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    found = 0
    try:
        for rec in ArchiveIterator(fh):
            if rec.rec_type not in ("response", "resource"):
                continue
            rid = (rec.rec_headers.get_header("WARC-Record-ID") or "").strip("<>")
            where = f"{origin}#{rid}"
            status = 200
            if rec.rec_type == "response":
                if rec.http_headers is None:
                    continue  # a non-HTTP response (e.g. DNS): not a page
                ctype = rec.http_headers.get_header("Content-Type") or ""
                code = (rec.http_headers.get_statuscode() or "200")
                status = int(code) if code.isdigit() else 200
            else:
                ctype = rec.rec_headers.get_header("Content-Type") or ""
            mime = ctype.split(";", 1)[0].strip().lower()
            if 300 <= status < 400:
                continue
            is_page = "html" in mime or mime == "text/plain"
            if not is_page:
                if any(t in mime for t in _DOCUMENT_TYPES):
                    yield _problem(where, "unsupported-type", f"WARC record holds {mime}, which storyline cannot read "
                                   "(only HTML and plain text)")
                if mime:
                    continue
            if status >= 400:
                if is_page:
                    yield _problem(where, "http-status", f"the server answered HTTP {status}: an error page, not an article")
                continue
            found += 1
            payload = rec.content_stream().read(max_bytes + 1)
            try:
                yield read_article(
                    payload, origin=where, url=rec.rec_headers.get_header("WARC-Target-URI"),
                    fetched_at=rec.rec_headers.get_header("WARC-Date"), content_type=ctype or None,
                    max_bytes=max_bytes,
                )
            except IngestError as ex:
                if mime or ex.code not in ("binary", "empty"):
                    yield _problem(where, ex.code, str(ex))
    except ArchiveLoadFailed as ex:
        yield _problem(origin, "warc", f"not a readable WARC file (stopped here): {ex}")
        return
    if not found:
        yield _problem(origin, "warc-empty", "the WARC file holds no HTML or plain-text response")
