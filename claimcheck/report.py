"""Pure row builders: one place turns results into rows, and the terminal
table, CSV and JSON all read those rows, so they never disagree."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from .records import Kind, Skip

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
    "difference", "relative_difference", "explanation", "status",
)
#: Columns that stay numbers in the CSV (everything else is text and guarded).
NUMERIC_COLUMNS = frozenset({"value_a", "value_b", "difference", "relative_difference"})
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _value(c) -> object:
    if c.kind.value == "quantity" and c.value_max is not None:
        return f"{c.value:g}-{c.value_max:g}"
    return c.value


def finding_rows(findings: Sequence, reviews: dict | None = None) -> list[dict[str, object]]:
    """One row per pair of claims in a finding (naming findings excluded).
    Feeds the terminal table, the CSV and the JSON alike."""
    reviews = reviews or {}
    rows = []
    for f in findings:
        if f.verdict.value == "naming":
            continue
        status = (reviews.get(f.id) or {}).get("status", "open") if isinstance(reviews.get(f.id), dict) else "open"
        for i, a in enumerate(f.claims):
            for b in f.claims[i + 1 :]:
                rows.append({
                    "finding_id": f.id, "kind": f.kind, "subject": f.subject or "",
                    "scope": "; ".join(f.scope), "period": f.period or "",
                    "source_a": a.source, "value_a": _value(a), "unit_a": a.unit or "", "quote_a": a.quote,
                    "source_b": b.source, "value_b": _value(b), "unit_b": b.unit or "", "quote_b": b.quote,
                    "difference": f.difference if f.difference is not None else "",
                    "relative_difference": round(f.relative_difference, 6) if f.relative_difference is not None else "",
                    "explanation": f.explanation, "status": status,
                    "verdict": f.verdict.value, "copies": f.copies,
                })
    return rows


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
        writer.writerow({k: (v if k in NUMERIC_COLUMNS and not isinstance(v, str) else csv_safe(v)) for k, v in row.items()})


def findings_json(findings: Sequence, sources: Sequence, reviews: dict | None = None) -> dict[str, object]:
    """``{"sources": [...], "findings": [...]}``, the schema the README documents."""
    reviews = reviews or {}
    paths = {s.id: s.path for s in sources}
    out_findings = []
    for f in findings:
        review = reviews.get(f.id) if isinstance(reviews.get(f.id), dict) else {}
        item: dict[str, object] = {
            "id": f.id, "verdict": f.verdict.value, "kind": f.kind, "subject": f.subject,
            "scope": list(f.scope), "period": f.period, "explanation": f.explanation,
            "difference": f.difference, "relative_difference": f.relative_difference,
            "tolerance": f.tolerance, "copies": f.copies,
            "status": review.get("status", "open"), "note": review.get("note"), "reviewer": review.get("reviewer"),
        }
        if f.verdict.value == "naming":
            item["entity"] = f.entity
            item["claims"] = [
                {"claim_id": None, "source": v.source, "path": paths.get(v.source), "quote": v.text,
                 "start": v.start, "end": v.end, "value": v.text, "unit": None}
                for v in f.variants
            ]
        else:
            item["claims"] = [
                {"claim_id": c.id, "source": c.source, "path": paths.get(c.source), "quote": c.quote,
                 "start": c.start, "end": c.end, "surface": c.surface, "surface_start": c.surface_start,
                 "surface_end": c.surface_end, "value": c.value, "value_max": c.value_max, "unit": c.unit,
                 "hedge": c.hedge.value if c.hedge else None, "period": c.period,
                 "stance": c.stance.value if c.stance else None}
                for c in f.claims
            ]
        out_findings.append(item)
    return {
        "sources": [
            {"id": s.id, "path": s.path, "sha256": s.sha256, "title": s.title, "published": s.published, "author": s.author}
            for s in sources
        ],
        "findings": out_findings,
    }


def snippet(text: str, start: int, end: int, width: int = 60) -> tuple[str, str, str]:
    """(before, figure, after): a short window of ``text`` around [start, end)."""
    lo = max(0, start - width)
    hi = min(len(text), end + width)
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
