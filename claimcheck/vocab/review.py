"""Review statuses: what an analyst can decide about a finding (the ledger,
``review``, ``diff --status`` and the reports all read this one list)."""

from __future__ import annotations

from enum import Enum


class ReviewStatus(str, Enum):
    """A finding's review status; the ledger, the reports and the command
    line write its plain value ("needs-source")."""

    OPEN = "open"  # not decided yet
    CONFIRMED = "confirmed"
    DISMISSED = "dismissed"
    NEEDS_SOURCE = "needs-source"


#: the values, in the order the reports list them
REVIEW_STATUSES: tuple[str, ...] = tuple(s.value for s in ReviewStatus)
