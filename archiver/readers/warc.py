"""WARC input, streamed: each HTML response (or text resource/conversion) record is one document.

The file is read record by record (warcio), never held in memory. The payload
digest is checked against WARC-Payload-Digest; a mismatch or a truncated record
is that record's error, not a silent pass. Revisits, non-HTML payloads and
non-2xx responses are skipped and counted.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

WARC_SUFFIXES = (".warc", ".warc.gz", ".arc", ".arc.gz")
_CHUNK = 1 << 16
_TEXT_TYPES = ("text/html", "application/xhtml+xml", "text/plain")


def is_warc(path: Path) -> bool:
    return path.name.lower().endswith(WARC_SUFFIXES)


def warc_stem(path: Path) -> str:
    name = path.name
    for suffix in sorted(WARC_SUFFIXES, key=len, reverse=True):
        if name.lower().endswith(suffix):
            return name[: -len(suffix)]
    return name


@dataclass(frozen=True)
class WarcDocument:
    payload: bytes                 # empty when the payload was only checked (``iter_warc(keep_payloads=False)``)
    name_hint: str                 # "page.html" or "page.txt": which reader the payload needs
    provenance: dict[str, Any]     # goes to the record's source.warc


@dataclass(frozen=True)
class WarcProblem:
    offset: int
    record_id: str
    status: str   # "skipped" | "failed"
    reason: str


def iter_warc(path: Path, max_bytes: int, keep_payloads: bool = True) -> Iterator[WarcDocument | WarcProblem]:
    """The documents of a WARC file; damage ends the file with one problem that says where. Without
    ``keep_payloads`` each payload is checked (size, digest) and let go: a batch plans its jobs from the
    offsets, and the worker reads its record's payload itself (``read_payload``), so a 480 MB WARC is never
    held by the process that plans.

    warcio reads a cut file without complaint (a record's payload stops short, a gzip member never ends)
    or fails with whatever error its parser meets; both become one ``failed`` problem naming how many
    records were read whole, and the batch goes on with the next file.
    """
    from warcio.archiveiterator import ArchiveIterator

    complete, end = 0, 0
    with path.open("rb") as handle:
        records = ArchiveIterator(handle, arc2warc=True, check_digests=True)
        _tolerate_missing_uri(records)
        try:
            for record in records:
                # warcio knows a record's offset only once the record has been read: ask after.
                if not _headers_whole(record):
                    yield _damage(complete, "a record without its mandatory headers (truncated or not WARC)")
                    return
                item = _document(record, lambda: records.get_record_offset(), path, max_bytes, keep_payloads)
                if _cut_short(record) or _gzip_member_unfinished(records):
                    yield _damage(complete, "the file ends inside a record (truncated)")
                    return
                complete += 1
                end = records.get_record_offset() + records.get_record_length()
                yield item
            if _leftover(handle, end):
                yield _damage(complete, "the file ends inside a record (truncated or not WARC)")
        except Exception as err:
            yield _damage(complete, f"unreadable WARC data ({type(err).__name__}: {err})")


def _tolerate_missing_uri(records: Any) -> None:
    """warcio reads a response record's HTTP headers only for an http(s) Target-URI, and raises
    AttributeError on a record that has none, ending the file there. Without one the record is read with no
    HTTP headers, so the file goes on and ``_document`` fails that record alone."""
    loader = records.loader
    load = loader.load_http_headers

    def load_http_headers(rec_type: str, uri: str | None, stream: Any, length: int | None) -> Any:
        return load(rec_type, uri or "", stream, length)

    loader.load_http_headers = load_http_headers


def _damage(complete: int, what: str) -> WarcProblem:
    records = "record" if complete == 1 else "records"
    return WarcProblem(-1, "", "failed", f"damaged WARC: {what} after {complete} complete {records}")


def _headers_whole(record: Any) -> bool:
    """WARC 1.1 requires these of every record; a file cut inside a record's headers lacks the later ones."""
    headers = record.rec_headers
    needed = ("Content-Length",) if record.format != "warc" else ("WARC-Type", "WARC-Record-ID", "Content-Length")
    return all(headers.get_header(name) for name in needed)


def _cut_short(record: Any) -> bool:
    """The record's block stopped before its Content-Length: the file was cut inside it."""
    stream = record.raw_stream
    while stream.read(_CHUNK):  # the rest of the block, which _document may have left unread
        pass
    return getattr(stream, "limit", 0) > 0


def _gzip_member_unfinished(records: Any) -> bool:
    """The record's gzip member has no end (its trailer was cut), though its text may be whole."""
    records.get_record_offset()  # reads to the member's end
    decompressor = getattr(records.reader, "decompressor", None)
    return decompressor is not None and not getattr(decompressor, "eof", True)


def _leftover(handle: Any, end: int) -> bool:
    """Bytes after the last whole record that are not blank: a record cut inside its headers, which warcio
    ends on silently."""
    handle.seek(end)
    while chunk := handle.read(_CHUNK):
        if chunk.strip():
            return True
    return False


def read_payload(path: Path, offset: int, max_bytes: int) -> WarcDocument | WarcProblem:
    """The one document record at ``offset`` of a WARC file (a gzip member starts there), checked as
    ``iter_warc`` checks it."""
    from warcio.archiveiterator import ArchiveIterator

    with path.open("rb") as handle:
        handle.seek(offset)
        records = ArchiveIterator(handle, arc2warc=True, check_digests=True)
        _tolerate_missing_uri(records)
        try:
            for record in records:
                return _document(record, lambda: offset, path, max_bytes)
        except Exception as err:
            return WarcProblem(offset, "", "failed", f"unreadable WARC record ({type(err).__name__}: {err})")
    return WarcProblem(offset, "", "failed", "no WARC record at this offset")


def _document(record: Any, offset_of: Callable[[], int], path: Path, max_bytes: int,
              keep_payload: bool = True) -> WarcDocument | WarcProblem:
    headers = record.rec_headers
    record_id = headers.get_header("WARC-Record-ID") or ""
    kind = record.rec_type

    def skip(reason: str, status: str = "skipped") -> WarcProblem:
        record.content_stream().read()  # consume, so the offset (and the next record) are right
        return WarcProblem(offset_of(), record_id, status, reason)

    if kind not in ("response", "resource", "conversion"):
        return skip(f"{kind} record")
    status = None
    if kind == "response" and not headers.get_header("WARC-Target-URI"):
        return skip("response record without WARC-Target-URI (malformed)", "failed")
    if kind == "response":
        if record.http_headers is None:
            return skip("response without HTTP headers")
        status = int(record.http_headers.get_statuscode() or 0)
        content_type = record.http_headers.get_header("Content-Type") or ""
        if not 200 <= status < 300:
            return skip(f"HTTP status {status}")
    else:
        content_type = headers.get_header("Content-Type") or ""
    media = content_type.split(";")[0].strip().lower()
    if media not in _TEXT_TYPES:
        return skip(f"content type {media or 'unknown'}")
    stream = record.content_stream()
    chunks, size = [], 0
    while size <= max_bytes:
        chunk = stream.read(_CHUNK)
        if not chunk:
            break
        if keep_payload:
            chunks.append(chunk)
        size += len(chunk)
    payload = b"".join(chunks)
    if size > max_bytes:
        return skip(f"payload over the limit of {max_bytes} bytes (--max-bytes)", "failed")
    stream.read()  # to the end: the digest is checked on the whole payload
    checker = getattr(record, "digest_checker", None)
    if checker is not None and checker.passed is False:
        return WarcProblem(offset_of(), record_id, "failed", "WARC payload digest does not match the payload")
    if checker is not None and checker.passed is None and headers.get_header("WARC-Payload-Digest"):
        return WarcProblem(offset_of(), record_id, "failed", "WARC record ends early (truncated): digest unchecked")
    offset = offset_of()
    record_id = record_id or f"offset:{offset}"
    provenance = {
        "file": path.name, "offset": offset, "record_id": record_id,
        "target_uri": headers.get_header("WARC-Target-URI"), "date": headers.get_header("WARC-Date"),
        "http_status": status, "content_type": content_type or None,
    }
    hint = "payload.txt" if media == "text/plain" else "payload.html"
    return WarcDocument(payload, hint, provenance)


def record_file_name(record_id: str) -> str:
    """A stable, unique record name for a WARC record: the same WARC gives the same names."""
    return hashlib.sha256(record_id.encode("utf-8")).hexdigest()[:24] + ".json"
