"""Ingest: decoding, sniffing and refusing inputs; walking folders, JSONL, WARC and gzip files."""

from __future__ import annotations

import gzip
import hashlib
import io
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from storyline.errors import InputError
from storyline.model import Problem, RawDoc
from storyline.stages.ingest import IngestError, iter_sources, read_article, sniff_html

HTML = b"<!DOCTYPE html><html><head><title>T</title></head><body><p>Troops moved.</p></body></html>"
TEXT = b"Troops moved on Tuesday.\n\nThe ministry said so.\n"


def _all(paths, **kw):
    return list(iter_sources(paths, **kw))


# --------------------------------------------------------------------------- read_article


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (TEXT, "text"),
        (HTML, "html"),
        (b"  <html lang='en'><body>Hi</body></html>", "html"),
        (b"<div><p>One</p><p>Two</p></div>", "html"),
        (b"An article that mentions the <p> tag once in its prose.", "text"),
        (b"<?xml version='1.0'?>\n<!DOCTYPE html><html><body>x</body></html>", "html"),
    ],
)
def test_ingest_sniffs_html_or_text(data, kind):
    assert read_article(data, origin="x").content_type == kind


@pytest.mark.parametrize(
    ("content_type", "kind"),
    [("html", "html"), ("text", "text"), ("text/html; charset=utf-8", "html"), ("text/plain", "text"),
     ("application/xhtml+xml", "html"), ("application/octet-stream", "html")],
)
def test_ingest_content_type_given_or_sniffed(content_type, kind):
    assert read_article(HTML, origin="x", content_type=content_type).content_type == kind


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        ("Міністр оборони України Рустем Умєров провів розмову з Остіном.", "cp1251"),
        ("Минобороны России сообщило о переброске войск.", "cp1251"),
        ("Café crème brûlée à la française, déjà vu.", "cp1252"),
        ("Zürich: Größere Straßen für alle.", "latin-1"),
        ("Umerov and Austin — “quoted” text…", "utf-8"),
        ("Мир и война", "utf-8-sig"),
        ("Texte en UTF-16 avec BOM", "utf-16"),
    ],
)
def test_ingest_decodes_legacy_encodings(text, encoding):
    raw = read_article(text.encode(encoding), origin="x")
    assert raw.text == text
    assert raw.data.decode(raw.encoding) == raw.text


def test_ingest_uses_declared_html_charset():
    page = "<html><head><meta charset='windows-1251'></head><body><p>Война и мир</p></body></html>"
    raw = read_article(page.encode("cp1251"), origin="x")
    assert "Война и мир" in raw.text
    assert raw.encoding == "cp1251"


def test_ingest_utf8_with_a_few_bad_bytes_stays_utf8():
    data = ("Größere Straßen für Zürich und München. " * 5).encode() + b"\xe4 stray byte"
    raw = read_article(data, origin="x")
    assert raw.encoding == "utf-8"
    assert raw.text.startswith("Größere Straßen") and raw.text.count("\ufffd") == 1


def test_ingest_declared_utf8_with_stray_cp1252_bytes_stays_utf8():
    page = b"<html><head><meta charset='utf-8'></head><body><p>Motion\x92s base</p></body></html>"
    raw = read_article(page, origin="x")
    assert raw.encoding == "utf-8" and "Motion\ufffds base" in raw.text


def test_ingest_latin1_label_read_as_cp1252():
    page = b"<html><head><meta charset='iso-8859-1'></head><body><p>\x93Quoted\x94 caf\xe9</p></body></html>"
    raw = read_article(page, origin="x")
    assert "\u201cQuoted\u201d café" in raw.text


def test_ingest_accepts_a_few_stray_nul_bytes_in_a_long_page():
    page = b"<html><body>" + b"<p>Real article text here.</p>" * 200 + b"\x00\x00" + b"</body></html>"
    raw = read_article(page, origin="x")
    assert raw.content_type == "html" and raw.text.count("\x00") == 2


def test_ingest_id_is_sha256_and_duplicates_share_it():
    a = read_article(TEXT, origin="a.txt")
    b = read_article(bytes(TEXT), origin="b.txt", url="http://example.org/x")
    assert a.id == b.id == hashlib.sha256(TEXT).hexdigest()
    assert a.id != read_article(TEXT + b"!", origin="c").id


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (b"", "empty"),
        (b" \n\t \r\n", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3", "binary"),
        (b"PK\x03\x04\x14\x00\x00\x00", "binary"),
        (gzip.compress(b"hello"), "binary"),
        (b"some text\x00with a NUL byte", "binary"),
        (bytes(range(1, 32)) * 10, "binary"),
    ],
)
def test_ingest_refuses_bad_input(data, code):
    with pytest.raises(IngestError) as info:
        read_article(data, origin="x")
    assert info.value.code == code
    assert isinstance(info.value, InputError)
    assert str(info.value)


def test_ingest_refuses_input_over_the_size_limit():
    with pytest.raises(InputError, match="limit"):
        read_article(b"a" * 101, origin="x", max_bytes=100)
    assert read_article(b"a" * 100, origin="x", max_bytes=100).text == "a" * 100


def test_ingest_rejects_str_with_type_error():
    with pytest.raises(TypeError):
        read_article("text", origin="x")  # type: ignore[arg-type]


def test_ingest_keeps_hints_and_extra():
    raw = read_article(TEXT, origin="o", url="http://u", fetched_at="2024-11-01", published_hint="2024-10-30",
                       title_hint="T", extra={"k": 1})
    assert (raw.url, raw.fetched_at, raw.published_hint, raw.title_hint, dict(raw.extra)) == (
        "http://u", "2024-11-01", "2024-10-30", "T", {"k": 1})


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=600))
def test_ingest_never_raises_but_input_error_on_bytes(data):
    try:
        raw = read_article(data, origin="x")
    except InputError:
        return
    assert raw.data.decode(raw.encoding, "replace") == raw.text
    assert raw.id == hashlib.sha256(data).hexdigest()


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300).filter(lambda t: "\x00" not in t))
def test_ingest_utf8_text_round_trips(text):
    """UTF-8 text comes back unchanged (NUL bytes are excluded: they mean binary or BOM-less UTF-16)."""
    try:
        raw = read_article(text.encode("utf-8", "surrogatepass"), origin="x")
    except InputError:
        return
    assert raw.text == text


@given(st.text(max_size=200))
def test_ingest_sniff_never_raises(text):
    assert sniff_html(text) in (True, False)


# --------------------------------------------------------------------------- iter_sources


def test_ingest_walks_folder_sorted_with_relative_origins(tmp_path: Path):
    (tmp_path / "b.txt").write_bytes(TEXT)
    (tmp_path / "a.html").write_bytes(HTML)
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "c.txt").write_bytes(b"Another article text.")
    (tmp_path / ".hidden.txt").write_bytes(b"secret")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "x.txt").write_bytes(b"ignored")
    (tmp_path / "empty.txt").write_bytes(b"")
    items = _all([tmp_path])
    assert [i.origin for i in items] == ["a.html", "b.txt", "empty.txt", "sub/c.txt"]
    assert [type(i).__name__ for i in items] == ["RawDoc", "RawDoc", "Problem", "RawDoc"]
    assert items[0].content_type == "html" and items[1].content_type == "text"
    assert items[2].stage == "ingest" and items[2].error == "empty"


def test_ingest_file_given_directly_uses_its_name(tmp_path: Path):
    f = tmp_path / "deep" / "000_x.txt"
    f.parent.mkdir()
    f.write_bytes(TEXT)
    (item,) = _all([f])
    assert isinstance(item, RawDoc) and item.origin == "000_x.txt"


def test_ingest_missing_path_raises(tmp_path: Path):
    with pytest.raises(InputError, match="no such file"):
        _all([tmp_path / "nope"])


def test_ingest_binary_and_too_large_files_become_problems(tmp_path: Path):
    (tmp_path / "img.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(50))
    (tmp_path / "nul.txt").write_bytes(b"abc\x00def")
    (tmp_path / "big.txt").write_bytes(b"x" * 200)
    items = _all([tmp_path], max_bytes=100)
    assert all(isinstance(i, Problem) for i in items)
    assert {i.origin: i.error for i in items} == {"big.txt": "too-large", "img.png": "binary", "nul.txt": "binary"}


def test_ingest_gzipped_single_files(tmp_path: Path):
    (tmp_path / "a.html.gz").write_bytes(gzip.compress(HTML))
    (tmp_path / "b.txt.gz").write_bytes(gzip.compress(TEXT))
    (tmp_path / "c.txt.gz").write_bytes(b"not gzip at all")
    a, b, c = _all([tmp_path])
    assert isinstance(a, RawDoc) and a.content_type == "html" and a.data == HTML
    assert isinstance(b, RawDoc) and b.content_type == "text" and b.id == hashlib.sha256(TEXT).hexdigest()
    assert isinstance(c, Problem) and c.error == "gzip"


def test_ingest_cp1251_file(tmp_path: Path):
    text = "Збройні сили України повідомили про нові атаки на Харків.\n"
    (tmp_path / "ua.txt").write_bytes(text.encode("cp1251"))
    (raw,) = _all([tmp_path])
    assert raw.text == text and raw.encoding == "cp1251"


def test_ingest_jsonl_records_and_bad_lines(tmp_path: Path):
    lines = [
        json.dumps({"text": "First article body.", "url": "http://a", "published": "2024-10-28",
                    "title": "First", "lang": "en"}),
        "",
        "{not json",
        json.dumps({"html": "<html><body><p>Second</p></body></html>", "source": "feed"}),
        json.dumps({"url": "http://c"}),
        json.dumps(["a list"]),
        json.dumps({"text": ""}),
    ]
    (tmp_path / "feed.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    items = _all([tmp_path])
    assert [i.origin for i in items] == [f"feed.jsonl#L{n}" for n in (1, 3, 4, 5, 6, 7)]
    first, bad, second, nofield, notobj, empty = items
    assert isinstance(first, RawDoc)
    assert (first.text, first.url, first.published_hint, first.title_hint) == (
        "First article body.", "http://a", "2024-10-28", "First")
    assert dict(first.extra) == {"lang": "en"}
    assert first.id == hashlib.sha256(b"First article body.").hexdigest()
    assert isinstance(second, RawDoc) and second.content_type == "html" and dict(second.extra) == {"source": "feed"}
    assert isinstance(bad, Problem) and bad.error == "json"
    assert isinstance(nofield, Problem) and nofield.error == "jsonl-field"
    assert isinstance(notobj, Problem) and notobj.error == "json"
    assert isinstance(empty, Problem) and empty.error == "empty"


def test_ingest_json_files_and_non_article_files(tmp_path: Path):
    (tmp_path / "one.json").write_text(json.dumps({"text": "Solo body.", "title": "Solo"}), encoding="utf-8")
    (tmp_path / "many.json").write_text(json.dumps([{"text": "A."}, {"nope": 1}]), encoding="utf-8")
    (tmp_path / "bad.json").write_text("{", encoding="utf-8")
    (tmp_path / "site.css").write_text("body { color: red }", encoding="utf-8")
    items = {i.origin: i for i in _all([tmp_path])}
    assert sorted(items) == ["bad.json", "many.json#0", "many.json#1", "one.json", "site.css"]
    assert items["one.json"].text == "Solo body." and items["one.json"].title_hint == "Solo"
    assert items["many.json#0"].text == "A."
    assert [items[k].error for k in ("bad.json", "many.json#1", "site.css")] == ["json", "jsonl-field", "unsupported-type"]


def test_ingest_jsonl_gz(tmp_path: Path):
    (tmp_path / "f.jsonl.gz").write_bytes(gzip.compress(b'{"text": "Body one."}\n{"text": "Body two."}\n'))
    assert [r.text for r in _all([tmp_path])] == ["Body one.", "Body two."]


def _write_warc(path: Path, gz: bool) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as fh:
        w = WARCWriter(fh, gzip=gz)

        def response(url, ctype, body, status="200 OK"):
            headers = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
            rec = w.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=headers)
            w.write_record(rec)
            return rec.rec_headers.get_header("WARC-Record-ID")

        w.write_record(w.create_warcinfo_record(path.name, {"software": "test"}))
        req = StatusAndHeaders("GET / HTTP/1.1", [("Host", "a")], is_http_request=True)
        w.write_record(w.create_warc_record("http://a/1", "request", payload=io.BytesIO(b""), http_headers=req))
        ids = [
            response("http://a/1", "text/html; charset=utf-8", HTML),
            response("http://a/logo.png", "image/png", b"\x89PNG\r\n\x1a\n"),
            response("http://a/r.pdf", "application/pdf", b"%PDF-1.4"),
            response("http://a/2", "text/html; charset=windows-1251",
                     "<html><body><p>Новини дня</p></body></html>".encode("cp1251")),
            response("http://a/gone", "text/html", b"<html><body>Not found</body></html>", "404 Not Found"),
            response("http://a/moved", "text/html", b"", "301 Moved"),
        ]
    return ids


@pytest.mark.parametrize("gz", [False, True])
def test_ingest_warc_responses(tmp_path: Path, gz: bool):
    path = tmp_path / ("c.warc.gz" if gz else "c.warc")
    ids = _write_warc(path, gz)
    items = _all([path])
    kinds = [(type(i).__name__, getattr(i, "error", None)) for i in items]
    assert kinds == [("RawDoc", None), ("Problem", "unsupported-type"), ("RawDoc", None), ("Problem", "http-status")]
    page, pdf, ua, gone = items
    assert page.origin == f"{path.name}#{ids[0].strip('<>')}"
    assert page.url == "http://a/1" and page.fetched_at and page.content_type == "html" and page.data == HTML
    assert "Новини дня" in ua.text and ua.encoding == "cp1251"
    assert pdf.origin.endswith(ids[2].strip("<>"))
    assert gone.origin.endswith(ids[4].strip("<>"))


def test_ingest_broken_warc_is_a_problem(tmp_path: Path):
    (tmp_path / "bad.warc").write_bytes(b"this is not a warc file\n" * 5)
    (item,) = _all([tmp_path])
    assert isinstance(item, Problem) and item.error == "warc" and item.origin == "bad.warc"


def test_ingest_warc_without_pages_is_a_problem(tmp_path: Path):
    from warcio.warcwriter import WARCWriter

    path = tmp_path / "info.warc"
    with path.open("wb") as fh:
        w = WARCWriter(fh, gzip=False)
        w.write_record(w.create_warcinfo_record(path.name, {"software": "test"}))
    (item,) = _all([path])
    assert isinstance(item, Problem) and item.error == "warc-empty"


JSON_VALUES = st.one_of(st.none(), st.booleans(), st.integers(), st.text(max_size=30), st.lists(st.integers(), max_size=3))


@settings(max_examples=300, deadline=None)
@given(st.one_of(
    st.dictionaries(st.sampled_from(["text", "html", "url", "published", "title", "fetched_at", "x"]), JSON_VALUES),
    JSON_VALUES,
))
def test_ingest_jsonl_lines_never_raise(tmp_path_factory, record):
    path = tmp_path_factory.mktemp("j") / "f.jsonl"
    path.write_text(json.dumps(record) + "\n{broken\n", encoding="utf-8")
    items = _all([path])
    assert len(items) == 2 and isinstance(items[1], Problem)
    first = items[0]
    if isinstance(first, RawDoc):
        assert first.text in (record.get("html"), record.get("text"))
        assert first.origin == "f.jsonl#L1"
