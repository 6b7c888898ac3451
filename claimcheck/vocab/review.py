"""Review statuses: what an analyst can decide about a finding (the ledger,
``review``, ``diff --status`` and the reports all read this one list)."""

from __future__ import annotations

#: in the order the reports list them; "open" is a finding not yet decided
REVIEW_STATUSES: tuple[str, ...] = ("open", "confirmed", "dismissed", "needs-source")
