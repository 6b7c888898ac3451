"""Pure row builders: one place turns results into rows, and the terminal
table, CSV and JSON all read those rows, so they never disagree."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from .records import Kind, Skip, Verdict

EXTRACT_COLUMNS = ("source", "published", "quantity", "date", "role", "skipped")


def extract_rows(summaries: Sequence, skipped_files: Sequence[Skip]) -> list[dict[str, object]]:
    """One row per source read, then one per file skipped whole."""
    rows: list[dict[str, object]] = []
    for s in summaries:
        kinds = Counter(c.kind for c in s.claims)
        reasons = Counter(_reason_kind(k.reason) for k in s.skipped)
        rows.append({
            "source": s.source.id,
            "title": s.source.title or "",
            "published": s.source.published or "",
            "quantity": kinds[Kind.QUANTITY],
            "date": kinds[Kind.DATE],
            "role": kinds[Kind.ROLE],
            "skipped": ", ".join(f"{n} {r}" for r, n in sorted(reasons.items())),
        })
    for k in skipped_files:
        rows.append({"source": k.path, "title": "", "published": "", "quantity": "", "date": "", "role": "",
                     "skipped": f"whole file: {k.reason}"})
    return rows


def _reason_kind(reason: str) -> str:
    """'repeat of line 12' -> 'repeat': group per-line reasons for the summary."""
    head = reason.split(" of line")[0].split(":")[0].strip()
    return head or reason


# ------------------------------------------------------------------ findings

CSV_COLUMNS = (
    "finding_id", "kind", "subject", "scope", "period",
    "source_a", "value_a", "unit_a", "quote_a",
    "source_b", "value_b", "unit_b", "quote_b",
    "difference", "relative_difference", "explanation", "status", "note", "reviewer",
    # added later, at the end so scripts that index columns keep working
    "title_a", "published_a", "surface_a", "hedge_a", "title_b", "published_b", "surface_b", "hedge_b",
)
#: Columns that stay numbers in the CSV (everything else is text and guarded).
NUMERIC_COLUMNS = frozenset({"value_a", "value_b", "difference", "relative_difference"})
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _plain(value: object) -> object:
    """A record field as JSON-ready data: enums by value, tuples as lists."""
    from enum import Enum

    if isinstance(value, Enum):
        return value.value
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    from dataclasses import fields, is_dataclass

    if is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in fields(value)}
    return value


def source_label(source) -> str:
    """How an analyst names a source: its title (or, lacking one, its id),
    and the date it was published: "Iran–Azerbaijan trade (2025-04-28)"."""
    if source is None:
        return ""
    name = source.title or source.id
    return f"{name} ({source.published})" if source.published else name


def _source_fields(source_id: str, meta: dict) -> dict[str, object]:
    s = meta.get(source_id)
    return {
        "path": s.path if s is not None else None,
        "title": s.title if s is not None else None,
        "published": s.published if s is not None else None,
        "source_label": source_label(s) if s is not None else source_id,
    }


def _claim_record(c, meta: dict) -> dict[str, object]:
    from dataclasses import fields

    from .compare import format_value

    record: dict[str, object] = {
        "claim_id": c.id, "source": c.source, "path": None, "quote": c.quote,
        "start": c.start, "end": c.end, "surface": c.surface, "surface_start": c.surface_start,
        "surface_end": c.surface_end, "value": c.value, "value_max": c.value_max, "unit": c.unit,
        "hedge": c.hedge.value if c.hedge else None, "period": c.period,
        "stance": c.stance.value if c.stance else None, "display": format_value(c),
        "measure": c.measure, "about": c.about, "dimension": c.dimension, "canonical": c.canonical,
        "canonical_max": c.canonical_max, "canonical_unit": c.canonical_unit,
    }
    record.update(_source_fields(c.source, meta))
    # fields the claim frame gains later (measure, about, dimension, ...) come along as they are
    for f in fields(c):
        if f.name not in record and f.name not in ("id", "kind", "subject", "scope"):
            record[f.name] = _plain(getattr(c, f.name))
    return record


def finding_records(findings: Sequence, sources: Sequence, reviews: dict | None = None) -> list[dict[str, object]]:
    """THE row builder: one JSON-ready record per finding. The terminal
    tables, the CSV (:func:`pair_rows`) and the JSON all read these records,
    so they never disagree."""
    from dataclasses import fields

    from .review import state

    reviews = reviews or {}
    meta = {s.id: s for s in sources}
    out = []
    for f in findings:
        st = state(f, reviews)
        review = st.review or {}
        record: dict[str, object] = {
            "id": f.id, "verdict": f.verdict.value, "kind": f.kind.value, "subject": f.subject,
            "scope": list(f.scope), "period": f.period, "explanation": f.explanation,
            "difference": f.difference, "relative_difference": f.relative_difference,
            "tolerance": f.tolerance, "copies": f.copies, "split": f.split,
            "measure": f.measure, "later_source": f.later_source, "score": f.score, "levels": list(f.levels),
            "status": st.status.value, "stale": st.stale, "note": review.get("note"),
            "reviewer": review.get("reviewer"),
        }
        if f.verdict is Verdict.NAMING:
            record["entity"] = f.entity
            record["claims"] = [
                {"claim_id": None, "source": v.source, "quote": v.text, "start": v.start, "end": v.end,
                 "surface": v.text, "surface_start": v.start, "surface_end": v.end,
                 "value": v.text, "unit": None, "display": v.text, **_source_fields(v.source, meta)}
                for v in f.variants
            ]
        else:
            record["claims"] = [_claim_record(c, meta) for c in f.claims]
        # fields compare gains later (measure, later_source, ...) come along generically
        for fl in fields(f):
            if fl.name not in record and fl.name not in ("verdict", "variants"):
                record[fl.name] = _plain(getattr(f, fl.name))
        out.append(record)
    return out


def sides(record: dict) -> tuple[list[dict], list[dict]]:
    """The two sides of a finding: ``claims[:split]`` and ``claims[split:]``
    (a plain pair splits at 1)."""
    claims = record["claims"]
    split = record.get("split") or 1
    return claims[:split], claims[split:]


def plural(n: int, word: str, many: str | None = None) -> str:
    """"1 agreement", "2 agreements", "1 spelling variant"."""
    return f"{n} {word if n == 1 else (many or word + 's')}"


def select_status(records: Sequence[dict], status: str) -> list[dict]:
    """Records whose review status is ``status``; ``all``; or the default
    ``active`` (everything except dismissed; a *stale* dismissal, whose
    evidence changed since, is active again). Agreements have no review and
    are always kept."""
    if status == "all":
        return list(records)
    if status == "active":
        return [r for r in records if r["verdict"] == "agreement" or r["status"] != "dismissed" or r.get("stale")]
    return [r for r in records if r["verdict"] == "agreement" or r["status"] == status]


def source_records(sources: Sequence) -> list[dict[str, object]]:
    return [
        {"id": s.id, "path": s.path, "sha256": s.sha256, "title": s.title, "published": s.published, "author": s.author}
        for s in sources
    ]


def findings_json(records: Sequence[dict], sources: Sequence, comparison=None) -> dict[str, object]:
    """``{"sources": [...], "findings": [...]}``, the schema the README
    documents, and with ``comparison`` (compare's result) what blocking cost:
    ``{"comparison": {"candidate_pairs", "aligned_pairs", "near_misses",
    "not_compared"}}``."""
    out: dict[str, object] = {"sources": source_records(sources), "findings": list(records)}
    if comparison is not None:
        out["comparison"] = {
            "candidate_pairs": comparison.candidates, "aligned_pairs": comparison.aligned,
            "near_misses": len(comparison.near_misses), "not_compared": len(comparison.not_compared),
        }
    return out


def _csv_value(claim: dict) -> object:
    if claim.get("value_max") is not None:
        return f"{claim['value']:g}-{claim['value_max']:g}"
    return claim["value"]


def pair_rows(records: Sequence[dict], verdicts: tuple[str, ...] = ("contradiction",)) -> list[dict[str, object]]:
    """One row per pair of claims in the records with these verdicts."""
    rows = []
    for r in records:
        if r["verdict"] not in verdicts:
            continue
        claims = r["claims"]
        split = r.get("split")
        pairs = (
            [(a, b) for a in claims[:split] for b in claims[split:]] if split
            else [(a, b) for i, a in enumerate(claims) for b in claims[i + 1 :]]
        )
        for a, b in pairs:
            rows.append({
                "finding_id": r["id"], "kind": r["kind"], "subject": r["subject"] or "",
                "scope": "; ".join(r["scope"]), "period": csv_period(r["period"]),
                "source_a": a["source"], "value_a": _csv_value(a), "unit_a": a["unit"] or "", "quote_a": a["quote"],
                "source_b": b["source"], "value_b": _csv_value(b), "unit_b": b["unit"] or "", "quote_b": b["quote"],
                "difference": r["difference"] if r["difference"] is not None else "",
                "relative_difference": (
                    round(r["relative_difference"], 6) if r["relative_difference"] is not None else ""
                ),
                "explanation": r["explanation"],
                "status": f"{r['status']} (stale)" if r.get("stale") else r["status"],
                "note": r.get("note") or "", "reviewer": r.get("reviewer") or "",
                **{f"{name}_{side}": c.get(name) or "" for side, c in (("a", a), ("b", b))
                   for name in ("title", "published", "surface", "hedge")},
            })
    return rows


def csv_period(period: object) -> str:
    """A period as CSV text that no tool reads as a number: a bare year
    ("2024", which pandas would read as 2024.0 beside empty cells) is
    written "year 2024"; intervals ("2025-01/2025-10") stay as they are."""
    if period is None or period == "":
        return ""
    text = str(period)
    return f"year {text}" if text.isdigit() else text


def write_ndjson(records: Sequence[dict], stream) -> None:
    """One finding per line (JSON Lines), the same records as ``--json``."""
    import json

    for r in records:
        stream.write(json.dumps(r, ensure_ascii=False, separators=(",", ":")))
        stream.write("\n")


def csv_safe(value: object) -> object:
    """Neutralise spreadsheet formulas in a text cell (OWASP: prefix a quote)."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def write_csv(rows: Sequence[dict[str, object]], stream) -> None:
    """RFC 4180 CSV (CRLF, minimal quoting) of ``CSV_COLUMNS``."""
    import csv

    writer = csv.DictWriter(stream, fieldnames=CSV_COLUMNS, extrasaction="ignore", lineterminator="\r\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: (v if k in NUMERIC_COLUMNS and not isinstance(v, str) else csv_safe(v))
                         for k, v in row.items()})


def snippet(text: str, start: int, end: int, width: int = 60) -> tuple[str, str, str]:
    """(before, figure, after): a short window of ``text`` around [start, end)."""
    lo = max(0, start - width)
    hi = min(len(text), end + width)
    if lo > 0:  # cut at a word boundary, never inside a word
        space = text.find(" ", lo, start)
        lo = space + 1 if space != -1 else lo
    if hi < len(text):
        space = text.rfind(" ", end, hi)
        hi = space if space != -1 else hi
    before = ("…" if lo > 0 else "") + text[lo:start]
    after = text[end:hi] + ("…" if hi < len(text) else "")
    return before, text[start:end], after


# ------------------------------------------------------------------ entities

ENTITY_COLUMNS = ("id", "name", "label", "variants", "sources", "mentions", "reasons")


def entities_json(entities: Sequence, sources: Sequence) -> dict[str, object]:
    paths = {s.id: s.path for s in sources}
    return {
        "entities": [
            {
                "id": e.id, "name": e.name, "label": e.label,
                "mentions": [
                    {"text": m.text, "source": m.source, "path": paths.get(m.source), "start": m.start, "end": m.end}
                    for m in e.mentions
                ],
                "reasons": list(e.reasons),
            }
            for e in entities
        ]
    }


def entity_rows(entities: Sequence) -> list[dict[str, object]]:
    return [
        {
            "id": e.id, "name": e.name, "label": e.label, "variants": " / ".join(e.variants),
            "sources": len({m.source for m in e.mentions}), "mentions": len(e.mentions),
            "reasons": "; ".join(e.reasons),
        }
        for e in entities
    ]


# ------------------------------------------------------------------ SQLite

#: Table -> (primary key, foreign keys as (column, table, column), base columns
#: with their types). Extra fields that records gain later are added as
#: columns when the rows are inserted.
SQLITE_SCHEMA: dict[str, tuple[str | tuple[str, ...], list[tuple[str, str, str]], dict[str, type]]] = {
    "sources": ("id", [], {"id": str, "path": str, "sha256": str, "title": str, "published": str, "author": str,
                           "chars": int}),
    "entities": ("id", [], {"id": str, "name": str, "label": str, "variants": str, "sources": int,
                            "reasons": str}),
    "claims": ("id", [("source", "sources", "id")],
               {"id": str, "source": str, "kind": str, "subject": str, "scope": str, "period": str, "quote": str,
                "start": int, "end": int, "surface": str, "surface_start": int, "surface_end": int, "value": str,
                "value_number": float, "value_max": float, "unit": str, "hedge": str, "stance": str, "display": str,
                "precision": str, "normalized": str, "resolved": int, "origin": str, "measure": str,
                "measure_derived": int, "about": str, "about_start": int, "about_end": int, "dimension": str,
                "canonical": float, "canonical_max": float, "canonical_unit": str}),
    "findings": ("id", [("entity", "entities", "id")],
                 {"id": str, "verdict": str, "kind": str, "subject": str, "scope": str, "period": str,
                  "explanation": str, "difference": float, "relative_difference": float, "tolerance": float,
                  "copies": int, "split": int, "status": str, "stale": int, "note": str, "reviewer": str,
                  "entity": str}),
    "finding_claims": (("finding_id", "position"),
                       [("finding_id", "findings", "id"), ("claim_id", "claims", "id"), ("source", "sources", "id")],
                       {"finding_id": str, "position": int, "side": str, "claim_id": str, "source": str,
                        "surface": str, "surface_start": int, "surface_end": int, "quote": str, "display": str}),
    "mentions": ("id", [("entity_id", "entities", "id"), ("source", "sources", "id")],
                 {"id": str, "entity_id": str, "source": str, "text": str, "label": str, "start": int, "end": int}),
    # no foreign key to findings: a review outlives its finding (an orphan) and is kept
    "reviews": ("finding_id", [], {"finding_id": str, "status": str, "note": str, "reviewer": str, "at": str,
                                   "evidence": str, "kind": str, "subject": str, "history": str}),
}


def _cell(value: object) -> object:
    """A record value as an SQLite cell: lists joined, dicts as JSON."""
    import json

    if isinstance(value, list | tuple):
        return "; ".join(str(v) for v in value) if all(isinstance(v, str) for v in value) else json.dumps(value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    return value


def sqlite_tables(records: Sequence[dict], entries: Sequence, claims: Sequence, entities: Sequence,
                  reviews: dict) -> dict[str, list[dict[str, object]]]:
    """The rows of every table of the SQLite export, from the same finding
    records as every other output (``entries``: the ledger's source entries)."""
    import json

    meta = {e.source.id: e.source for e in entries}
    tables: dict[str, list[dict[str, object]]] = {name: [] for name in SQLITE_SCHEMA}
    tables["sources"] = [{**r, "chars": e.chars} for r, e in zip(source_records([e.source for e in entries]), entries)]
    for c in claims:
        row = {k: _cell(v) for k, v in _claim_record(c, meta).items()
               if k not in ("claim_id", "path", "title", "published", "source_label")}
        row.update(id=c.id, kind=_plain(c.kind), subject=c.subject, scope="; ".join(c.scope))
        # a figure is a number, a date or a title is text: one text column, and the number alone
        row["value"] = None if c.value is None else f"{c.value:g}" if isinstance(c.value, float) else str(c.value)
        row["value_number"] = c.value if isinstance(c.value, int | float) else None
        tables["claims"].append(row)
    for e in entities:
        tables["entities"].append({"id": e.id, "name": e.name, "label": e.label, "variants": " / ".join(e.variants),
                                   "sources": len({m.source for m in e.mentions}), "reasons": "\n".join(e.reasons)})
        for m in e.mentions:
            tables["mentions"].append({"id": f"{m.source}:{m.start}-{m.end}", "entity_id": e.id, "source": m.source,
                                       "text": m.text, "label": m.label, "start": m.start, "end": m.end})
    for r in records:
        tables["findings"].append({k: _cell(v) for k, v in r.items() if k != "claims"})
        first, _ = sides(r)
        for i, c in enumerate(r["claims"]):
            tables["finding_claims"].append({
                "finding_id": r["id"], "position": i, "side": "a" if i < len(first) else "b",
                "claim_id": c.get("claim_id"), "source": c["source"], "surface": c.get("surface"),
                "surface_start": c.get("surface_start"), "surface_end": c.get("surface_end"),
                "quote": c["quote"], "display": c.get("display"),
            })
    for fid, rv in sorted(reviews.items()):
        if isinstance(rv, dict):
            tables["reviews"].append({"finding_id": fid, **{k: _cell(v) for k, v in rv.items() if k != "history"},
                                      "history": json.dumps(rv.get("history") or [], ensure_ascii=False)})
    return tables


def write_sqlite(path, tables: dict[str, list[dict[str, object]]]) -> None:
    """Write the tables to a new SQLite file with primary and foreign keys
    (sqlite-utils), ready for ``datasette FILE``. An existing file is replaced."""
    import os

    import sqlite_utils

    tmp = f"{path}.tmp"
    if os.path.exists(tmp):
        os.remove(tmp)
    db = sqlite_utils.Database(tmp)
    try:
        for name, (pk, fks, columns) in SQLITE_SCHEMA.items():
            db.table(name).create(columns, pk=pk, foreign_keys=fks,
                            not_null={c for c in ((pk,) if isinstance(pk, str) else pk)})
            if tables.get(name):
                db.table(name).insert_all(tables[name], alter=True, replace=True)
        for name, (pk, fks, _) in SQLITE_SCHEMA.items():
            for column, _other, _ in fks:
                db.table(name).create_index([column], if_not_exists=True)
    finally:
        db.close()
    os.replace(tmp, path)


# ------------------------------------------------------------------ HTML

#: Agreements listed in the HTML report, one compact row each (the rest are
#: counted, not listed), so the file stays small for large corpora.
HTML_MAX_AGREEMENTS = 1000
#: Contradictions shown in full (sources side by side, sentence in context);
#: the rest, smaller differences first dropped to this, are one compact row
#: each with links to the full texts.
HTML_FULL_CONTRADICTIONS = 200
#: Characters of surrounding text shown each side of a claim's sentence.
HTML_CONTEXT_CHARS = 240


def claim_context(text: str | None, claim: dict, width: int = HTML_CONTEXT_CHARS) -> dict[str, str]:
    """The claim's sentence inside some surrounding text, split for
    highlighting: ``before`` / ``sentence_before`` / ``figure`` /
    ``sentence_after`` / ``after``. Falls back to the quote alone when the
    source text is not at hand or no longer matches."""
    start, end = claim["start"], claim["end"]
    s = claim.get("surface_start", start)
    e = claim.get("surface_end", end)
    if text is None or text[start:end] != claim["quote"] or not (start <= s <= e <= end):
        quote = claim["quote"]
        rs, re_ = max(0, s - start), max(0, min(len(quote), e - start))
        return {"before": "", "sentence_before": quote[:rs], "figure": quote[rs:re_], "sentence_after": quote[re_:],
                "after": ""}
    lo, hi = max(0, start - width), min(len(text), end + width)
    if lo > 0:
        space = text.find(" ", lo, start)
        lo = space + 1 if space != -1 else lo
    if hi < len(text):
        space = text.rfind(" ", end, hi)
        hi = space if space != -1 else hi
    return {"before": ("…" if lo else "") + text[lo:start], "sentence_before": text[start:s], "figure": text[s:e],
            "sentence_after": text[e:end], "after": text[end:hi] + ("…" if hi < len(text) else "")}


def _marked_text(text: str, spans: list[tuple[int, int, int, int]], prefix: str) -> tuple[list[dict], dict]:
    """A source's full text as parts for the template, each claim's sentence
    a mark with an anchor and its figure inside. ``spans`` are (start, end,
    surface_start, surface_end). Returns (parts, {(start, end): anchor})."""
    blocks: list[list] = []  # [start, end, [(s, e), ...]]
    for start, end, s, e in sorted(set(spans)):
        if not (0 <= start <= end <= len(text)):
            continue
        if blocks and start < blocks[-1][1]:  # overlaps the previous sentence: one mark
            blocks[-1][1] = max(blocks[-1][1], end)
            blocks[-1][2].append((s, e))
        else:
            blocks.append([start, end, [(s, e)]])
    parts: list[dict] = []
    anchors: dict = {}
    pos = 0
    for start, end, figs in blocks:
        anchor = f"{prefix}-{start}"
        if start > pos:
            parts.append({"text": text[pos:start]})
        inner, p = [], start
        for s, e in sorted(set(figs)):
            if s < p or e > end or s >= e:
                continue
            if s > p:
                inner.append({"text": text[p:s], "fig": False})
            inner.append({"text": text[s:e], "fig": True})
            p = e
        if p < end:
            inner.append({"text": text[p:end], "fig": False})
        parts.append({"anchor": anchor, "parts": inner})
        pos = end
    if pos < len(text):
        parts.append({"text": text[pos:]})
    for start, end, _s, _e in spans:
        for b_start, b_end, _ in blocks:
            if b_start <= start < b_end or (start == b_start):
                anchors[(start, end)] = f"{prefix}-{b_start}"
                break
    return parts, anchors


def html_context(records: Sequence[dict], sources: Sequence, texts: dict[str, str],
                 max_agreements: int = HTML_MAX_AGREEMENTS, full_contradictions: int = HTML_FULL_CONTRADICTIONS,
                 generated: str = "") -> dict[str, object]:
    """Everything the HTML report shows, as plain data (the template only
    lays it out). Built from the same finding records as every other output."""
    from .review import STATUSES

    order = {s.id: i for i, s in enumerate(sources)}
    by_verdict = {v: [r for r in records if r["verdict"] == v] for v in ("contradiction", "naming", "agreement")}
    by_verdict["contradiction"].sort(key=lambda r: (-(r.get("relative_difference") or 0.0), r["id"]))
    agreements = by_verdict["agreement"][:max_agreements]
    shown = [*by_verdict["contradiction"], *by_verdict["naming"], *agreements]
    # each cited source's full text, the cited sentences marked
    spans: dict[str, list] = {}
    for r in shown:
        for c in r["claims"]:
            spans.setdefault(c["source"], []).append(
                (c["start"], c["end"], c.get("surface_start", c["start"]), c.get("surface_end", c["end"])))
    articles, anchors = [], {}
    for s in sources:
        text = texts.get(s.id)
        if s.id not in spans or text is None:
            continue
        prefix = f"t{order[s.id]}"
        parts, found = _marked_text(text, spans[s.id], prefix)
        anchors.update({(s.id, *k): v for k, v in found.items()})
        articles.append({"anchor": f"src{order[s.id]}", "label": source_label(s), "title": s.title or s.id,
                         "published": s.published or "", "author": s.author or "", "path": s.path, "id": s.id,
                         "parts": parts})

    def finding(r: dict, full: bool = True) -> dict:
        first, second = sides(r)
        out_sides = []
        for side in (first, second):
            out_sides.append([{
                **c,
                "label": c.get("source_label") or c["source"],
                "context": claim_context(texts.get(c["source"]), c) if full else None,
                "link": anchors.get((c["source"], c["start"], c["end"])),
                "source_key": f"s{order.get(c['source'], -1)}",
            } for c in side])
        return {**r, "sides": out_sides, "difference_text": difference_text(r),
                "source_keys": " ".join(sorted({f"s{order.get(c['source'], -1)}" for c in r["claims"]}))}

    status_counts = Counter(r["status"] for r in records if r["verdict"] != "agreement")
    return {
        "generated": generated,
        "summary": {
            "sources": len(sources), "contradictions": len(by_verdict["contradiction"]),
            "naming": len(by_verdict["naming"]), "agreements": len(by_verdict["agreement"]),
            "copies": sum(1 for r in by_verdict["agreement"] if r.get("copies")),
            "statuses": [(st, status_counts.get(st, 0)) for st in STATUSES],
        },
        "contradictions": [finding(r) for r in by_verdict["contradiction"][:full_contradictions]],
        "contradictions_compact": [finding(r, full=False) for r in by_verdict["contradiction"][full_contradictions:]],
        "naming": [finding(r) for r in by_verdict["naming"]],
        "agreements": [finding(r, full=False) for r in agreements],
        "agreements_hidden": len(by_verdict["agreement"]) - len(agreements),
        "articles": articles,
        "filters": {
            "verdict": ["contradiction", "naming", "agreement"],
            "status": list(STATUSES),
            "kind": sorted({str(r["kind"]) for r in shown}),
            "source": [(f"s{order[s.id]}", source_label(s)) for s in sources if s.id in spans],
        },
    }


def difference_text(r: dict) -> str:
    """"12.1%" for figures (any kind with a relative difference: quantity,
    currency, scale), "31 days" for dates, "" otherwise."""
    if r.get("relative_difference") is not None and r.get("kind") != "date":
        return f"{r['relative_difference']:.1%}"
    if r.get("kind") == "date" and r.get("difference") is not None:
        return f"{r['difference']:.0f} days"
    return ""


def near_miss_rows(near: Sequence, sources: Sequence = ()) -> list[dict[str, object]]:
    """Pairs that scored just below the alignment threshold (``diff --near``):
    both claims (sources named by title and date), the score and the level
    that weighed most against them."""
    by_id = {s.id: s for s in sources}

    def label(sid: str) -> str:
        return source_label(by_id[sid]) if sid in by_id else sid

    rows = []
    for n in near:
        blocker = n.blocker
        rows.append({
            "score": round(n.score, 2), "source_a": n.a.source, "label_a": label(n.a.source),
            "surface_a": n.a.surface, "quote_a": n.a.quote,
            "source_b": n.b.source, "label_b": label(n.b.source), "surface_b": n.b.surface, "quote_b": n.b.quote,
            "kept_apart_by": f"{blocker.feature}: {blocker.text} ({blocker.weight:+g})" if blocker.weight < 0
            else "no level against them: too little evidence that they state one fact",
            "levels": "; ".join(f"{lv.text} ({lv.weight:+g})" for lv in n.levels),
        })
    return rows
