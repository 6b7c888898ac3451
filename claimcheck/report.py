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
    "difference", "relative_difference", "explanation", "status", "note", "reviewer",
)
#: Columns that stay numbers in the CSV (everything else is text and guarded).
NUMERIC_COLUMNS = frozenset({"value_a", "value_b", "difference", "relative_difference"})
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _claim_record(c, paths: dict) -> dict[str, object]:
    from .compare import format_value

    return {
        "claim_id": c.id, "source": c.source, "path": paths.get(c.source), "quote": c.quote,
        "start": c.start, "end": c.end, "surface": c.surface, "surface_start": c.surface_start,
        "surface_end": c.surface_end, "value": c.value, "value_max": c.value_max, "unit": c.unit,
        "hedge": c.hedge.value if c.hedge else None, "period": c.period,
        "stance": c.stance.value if c.stance else None, "display": format_value(c),
    }


def finding_records(findings: Sequence, sources: Sequence, reviews: dict | None = None) -> list[dict[str, object]]:
    """THE row builder: one JSON-ready record per finding. The terminal
    tables, the CSV (:func:`pair_rows`) and the JSON all read these records,
    so they never disagree."""
    from .review import state

    reviews = reviews or {}
    paths = {s.id: s.path for s in sources}
    out = []
    for f in findings:
        st = state(f, reviews)
        review = st.review or {}
        record: dict[str, object] = {
            "id": f.id, "verdict": f.verdict.value, "kind": f.kind, "subject": f.subject,
            "scope": list(f.scope), "period": f.period, "explanation": f.explanation,
            "difference": f.difference, "relative_difference": f.relative_difference,
            "tolerance": f.tolerance, "copies": f.copies, "split": f.split,
            "status": st.status, "stale": st.stale, "note": review.get("note"), "reviewer": review.get("reviewer"),
        }
        if f.verdict.value == "naming":
            record["entity"] = f.entity
            record["claims"] = [
                {"claim_id": None, "source": v.source, "path": paths.get(v.source), "quote": v.text,
                 "start": v.start, "end": v.end, "value": v.text, "unit": None}
                for v in f.variants
            ]
        else:
            record["claims"] = [_claim_record(c, paths) for c in f.claims]
        out.append(record)
    return out


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


def findings_json(records: Sequence[dict], sources: Sequence) -> dict[str, object]:
    """``{"sources": [...], "findings": [...]}``, the schema the README documents."""
    return {"sources": source_records(sources), "findings": list(records)}


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
                "scope": "; ".join(r["scope"]), "period": r["period"] or "",
                "source_a": a["source"], "value_a": _csv_value(a), "unit_a": a["unit"] or "", "quote_a": a["quote"],
                "source_b": b["source"], "value_b": _csv_value(b), "unit_b": b["unit"] or "", "quote_b": b["quote"],
                "difference": r["difference"] if r["difference"] is not None else "",
                "relative_difference": round(r["relative_difference"], 6) if r["relative_difference"] is not None else "",
                "explanation": r["explanation"],
                "status": f"{r['status']} (stale)" if r.get("stale") else r["status"],
                "note": r.get("note") or "", "reviewer": r.get("reviewer") or "",
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
