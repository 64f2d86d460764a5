"""A review page: one self-contained HTML file showing what every stage removed and repaired.

Archivists trust a cleaning run by looking at it. The page has an index of
documents (sortable), one view per document (the decoded raw text with every
removal struck through and coloured by stage, every repair as before -> after,
metadata beside it, language segments as a band) and a per-stage summary with
links to examples. Everything from the documents is HTML-escaped; the only
script is the page's own, inline; no network is used.
"""

from __future__ import annotations

import html
import json
from collections import Counter, defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from archiver.archive import sha256_hex
from archiver.batch_files import safe_raw_path
from archiver.core.stages import pipeline_ids
from archiver.readers import read_document
from archiver.record import Record

_LANGUAGE_COLOURS = ["#8dd3c7", "#ffffb3", "#bebada", "#fb8072", "#80b1d3", "#fdb462", "#b3de69", "#fccde5"]

_STYLE = """
body{font:14px/1.45 system-ui,sans-serif;margin:0;color:#222}
header{background:#223;color:#fff;padding:10px 16px}
main{padding:12px 16px}
table{border-collapse:collapse;width:100%;margin:8px 0 20px}
th,td{border-bottom:1px solid #ddd;padding:4px 6px;text-align:left;vertical-align:top}
th{cursor:pointer;background:#f4f4f8;user-select:none}
tr.doc{cursor:pointer} tr.doc:hover{background:#eef}
tr.flag td:first-child::before{content:"\\26A0 ";color:#c00}
.view{display:none;border-top:3px solid #223;padding-top:8px}
.view.open{display:block}
.cols{display:flex;gap:16px} .text{flex:3;min-width:0} .side{flex:1;font-size:13px}
pre{white-space:pre-wrap;word-wrap:break-word;background:#fafafa;padding:8px;border:1px solid #eee}
del{text-decoration:line-through;opacity:.75}
ins{text-decoration:none;background:#ffe}
.band{display:flex;height:14px;margin:6px 0;border:1px solid #ccc}
.band span{display:block;height:100%}
.legend span{display:inline-block;padding:1px 6px;margin:2px;border-radius:3px;color:#fff;font-size:12px}
.clean-only del{display:none} .clean-only ins .before{display:none}
"""

_SCRIPT = """
function sortTable(th){const t=th.closest('table'),i=[...th.parentNode.children].indexOf(th),
 rows=[...t.tBodies[0].rows],asc=th.dataset.asc!=='1';th.dataset.asc=asc?'1':'0';
 const key=r=>{const v=r.cells[i].dataset.v??r.cells[i].textContent;const n=parseFloat(v);
  return isNaN(n)?v.toLowerCase():n};
 rows.sort((a,b)=>{const x=key(a),y=key(b);return (x<y?-1:x>y?1:0)*(asc?1:-1)});
 rows.forEach(r=>t.tBodies[0].appendChild(r))}
function openDoc(id){document.querySelectorAll('.view.open').forEach(v=>v.classList.remove('open'));
 const v=document.getElementById(id);if(v){v.classList.add('open');v.scrollIntoView()}}
document.addEventListener('click',e=>{const th=e.target.closest('th[data-sort]');if(th)return sortTable(th);
 const r=e.target.closest('tr.doc');if(r)return openDoc(r.dataset.target);
 const a=e.target.closest('a[data-doc]');if(a){e.preventDefault();openDoc(a.dataset.doc)}
 const t=e.target.closest('button.toggle');
 if(t){t.closest('.view').querySelector('.text').classList.toggle('clean-only')}});
if(location.hash)openDoc(location.hash.slice(1));
"""


def _esc(text: Any) -> str:
    return html.escape(str(text), quote=True)


def stage_colour(stage: str) -> str:
    """One colour per stage on every page: from the stage's place in the pipeline (any version of it), hues a
    golden angle apart so neighbours differ; a stage the pipeline no longer has gets one from its name."""
    name = stage.split(".")[0]
    order = [known.split(".")[0] for known in pipeline_ids()]
    index = order.index(name) if name in order else len(order) + int(sha256_hex(name.encode())[:6], 16) % 97
    return f"hsl({index * 137.508 % 360:.0f},65%,40%)"


def _colours(records: list[Record]) -> dict[str, str]:
    stages = sorted({r.stage for rec in records for r in (*rec.removed, *rec.repairs)})
    return {stage: stage_colour(stage) for stage in stages}


def _decoded(record: Record, raw_root: Path | None) -> str | None:
    """The text the record's offsets point into, re-read from its raw file when available."""
    if raw_root is None or record.source.warc is not None:
        return None
    path = safe_raw_path(record.source.path, raw_root)
    try:
        if path is None or not path.is_file():
            return None
        raw = path.read_bytes()
        return read_document(raw, record.source.path).text if sha256_hex(raw) == record.source.sha256 else None
    except Exception:  # a raw file that no longer reads: fall back to the ledger view
        return None


def _marked_text(record: Record, decoded: str, colours: dict[str, str]) -> str:
    """The decoded raw text with removals struck through and repairs shown, in raw order."""
    events = sorted([(r.raw_start, r.raw_end, "del", r) for r in record.removed]
                    + [(r.raw_start, r.raw_end, "ins", r) for r in record.repairs], key=lambda e: (e[0], e[1]))
    out, position = [], 0
    for start, end, kind, entry in events:
        if start < position:
            continue  # nested in an earlier span (a repair inside a removed block)
        out.append(_esc(decoded[position:start]))
        colour = colours.get(entry.stage, "#999")
        tip = _esc(f"{entry.stage} · {entry.rule}")
        if kind == "del":
            out.append(f'<del style="color:{colour}" title="{tip}">{_esc(decoded[start:end])}</del>')
        else:
            out.append(f'<ins title="{tip}"><span class="before" style="color:{colour}">'
                       f'<del>{_esc(entry.before)}</del> → </span>{_esc(entry.after)}</ins>')
        position = max(position, end)
    out.append(_esc(decoded[position:]))
    return "".join(out)


def _ledger_text(record: Record, colours: dict[str, str]) -> str:
    """Without the raw file: the clean text, then every removal (still coloured, with its rule)."""
    parts = [_esc(record.text), "\n\n— removed —\n"]
    for entry in record.removed:
        tip = _esc(f"{entry.stage} · {entry.rule}")
        parts.append(f'<del style="color:{colours.get(entry.stage, "#999")}" title="{tip}">'
                     f"{_esc(entry.text)}</del>\n")
    return "".join(parts)


def _band(record: Record) -> str:
    total = max(len(record.text), 1)
    languages = sorted({s.language for s in record.segments})
    colour = {lang: _LANGUAGE_COLOURS[i % len(_LANGUAGE_COLOURS)] for i, lang in enumerate(languages)}
    spans = "".join(f'<span style="width:{100 * (s.end - s.start) / total:.2f}%;background:{colour[s.language]}" '
                    f'title="{_esc(s.language)} {_esc(s.script)} {s.confidence}"></span>' for s in record.segments)
    legend = " ".join(f'<span style="background:{colour[lang]};color:#000">{_esc(lang)}</span>' for lang in languages)
    return f'<div class="band">{spans}</div><div class="legend">{legend}</div>'


def _provenance(record: Record, field: str, decoded: str | None) -> str:
    """Where a metadata field came from: the page's markup, the WARC record, or a line of the text (its raw
    offsets, and the line itself when the raw file is at hand)."""
    where = (record.metadata_sources or {}).get(field)
    if where is None:
        return ""
    span = (record.metadata_lines or {}).get(field)
    if span is None:
        return f'<br><small class="from">from {_esc(where)}</small>'
    start, end = span["raw_start"], span["raw_end"]
    line = f": {decoded[start:end][:120]!r}" if decoded is not None and end <= len(decoded) else ""
    return f'<br><small class="from">from the text, raw {start}-{end}{_esc(line)}</small>'


def _view(number: int, record: Record, decoded: str | None, colours: dict[str, str]) -> str:
    body = _marked_text(record, decoded, colours) if decoded is not None else _ledger_text(record, colours)
    meta = "".join(f"<tr><th>{_esc(k)}</th><td>{_esc(v if isinstance(v, str) else json.dumps(v, ensure_ascii=False))}"
                   f"{_provenance(record, k, decoded)}</td></tr>" for k, v in sorted(record.metadata.items()))
    stages = Counter(r.stage for r in (*record.removed, *record.repairs))
    legend = "".join(f'<span style="background:{colours[s]}">{_esc(s)} {n}</span>' for s, n in sorted(stages.items()))
    note = ('<p class="note">HTML: trafilatura extracted this text from the page; what it left out (menus, '
            "footers, scripts) is not in the ledger, which lists what the stages removed after it.</p>"
            if record.source.media_type == "text/html" else "")
    return (f'<section class="view" id="doc-{number}"><h2>{_esc(record.source.path)}</h2>{note}'
            f'<button class="toggle">clean text only / with removals</button>{_band(record)}'
            f'<div class="legend">{legend}</div><div class="cols"><div class="text"><pre>{body}</pre></div>'
            f'<div class="side"><table>{meta}<tr><th>language</th><td>{_esc(record.language)}</td></tr>'
            f'<tr><th>id</th><td>{_esc(record.id)}</td></tr></table></div></div></section>')


def build_review(records: Iterable[Record], raw_root: Path | None = None) -> str:
    """The whole page as a string (deterministic for the same records and raw files)."""
    records = sorted(records, key=lambda r: r.source.path)
    colours = _colours(records)
    rows, views = [], []
    per_rule: dict[tuple[str, str], list[int]] = defaultdict(list)
    rule_chars: Counter[tuple[str, str]] = Counter()
    for number, record in enumerate(records):
        removed_chars = sum(len(r.text) for r in record.removed)
        kept = len(record.text)
        extracted = record.source.media_type == "text/html"  # the extractor dropped the page's furniture
        flag = kept == 0 or removed_chars > kept or (not record.removed and not extracted)
        for entry in (*record.removed, *record.repairs):
            per_rule[(entry.stage, entry.rule)].append(number)
            rule_chars[(entry.stage, entry.rule)] += len(getattr(entry, "text", getattr(entry, "before", "")))
        by_stage = ", ".join(f"{s.split('.')[0]} {n}" for s, n in
                             sorted(Counter(r.stage for r in (*record.removed, *record.repairs)).items()))
        rows.append(
            f'<tr class="doc{" flag" if flag else ""}" data-target="doc-{number}">'
            f"<td>{_esc(record.source.path)}</td><td>{_esc(record.metadata.get('title') or '')}</td>"
            f"<td>{_esc(record.language)}</td><td data-v='{kept}'>{kept}</td><td data-v='{removed_chars}'>"
            f"{removed_chars}</td><td data-v='{len(record.removed)}'>{len(record.removed)}</td>"
            f"<td data-v='{len(record.repairs)}'>{len(record.repairs)}</td><td>{_esc(by_stage)}</td></tr>")
        views.append(_view(number, record, _decoded(record, raw_root), colours))
    summary = "".join(
        f'<tr><td><span style="color:{colours[stage]}">■</span> {_esc(stage)}</td><td>{_esc(rule)}</td>'
        f"<td data-v='{len(docs)}'>{len(docs)}</td><td data-v='{rule_chars[(stage, rule)]}'>"
        f"{rule_chars[(stage, rule)]}</td><td>"
        + " ".join(f'<a href="#doc-{d}" data-doc="doc-{d}">{_esc(records[d].source.path)}</a>'
                   for d in sorted(set(docs))[:3])
        + "</td></tr>" for (stage, rule), docs in sorted(per_rule.items()))
    head = ("<th data-sort>document</th><th data-sort>title</th><th data-sort>language</th>"
            "<th data-sort>chars kept</th><th data-sort>chars removed</th><th data-sort>removals</th>"
            "<th data-sort>repairs</th><th>by stage</th>")
    return (f"<!doctype html><html><head><meta charset='utf-8'><title>archiver review</title>"
            f"<style>{_STYLE}</style></head><body><header><b>archiver review</b> · {len(records)} documents"
            f" · ⚠ = nothing kept, more removed than kept, or nothing removed from a text file (HTML pages"
            f" are extracted by trafilatura first: what it dropped is not in the ledger)</header><main>"
            f"<h2>Documents</h2><table id='index'><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"
            f"<h2>Stages</h2><table id='stages'><thead><tr><th data-sort>stage</th><th data-sort>rule</th>"
            f"<th data-sort>entries</th><th data-sort>chars</th><th>examples</th></tr></thead>"
            f"<tbody>{summary}</tbody></table>{''.join(views)}</main><script>{_SCRIPT}</script></body></html>")
