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
