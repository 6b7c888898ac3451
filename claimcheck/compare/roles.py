"""Role claims: one person's titles in two sources."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence

from ..records import Claim, Finding, FindingKind, Verdict
from ..thresholds import CompareThresholds
from ..vocab.titles import TITLE_QUALIFIERS, TITLE_SYNONYMS
from .findings import _scope, finding_id, is_copy, scopes_compatible, unique_id




def titles_compatible(a: str, b: str) -> bool:
    """Two normalised titles can both be true: one's words contain the
    other's, or (titles without "of") they share the head noun, the office
    itself ("houston police chief" and "interim chief")."""
    wa = [TITLE_SYNONYMS.get(w, w) for w in a.split() if w not in TITLE_QUALIFIERS]
    wb = [TITLE_SYNONYMS.get(w, w) for w in b.split() if w not in TITLE_QUALIFIERS]
    sa, sb = set(wa), set(wb)
    if sa <= sb or sb <= sa:
        return True
    if "of" in sa or "of" in sb or not wa or not wb:
        return False  # "minister of X": the office is its portfolio
    return wa[-1] == wb[-1]


def _roles(claims: Sequence[Claim], t: CompareThresholds, canon: Mapping[str, str], used: set[str]) -> list[Finding]:
    """Role claims: one person's titles in two sources."""
    by_person: dict[str, list[Claim]] = defaultdict(list)
    for c in claims:
        if c.subject and c.normalized:
            by_person[canon.get(c.subject, c.subject).casefold()].append(c)
    out = []
    for _, group in sorted(by_person.items()):
        group = sorted(group, key=lambda c: (c.source, c.start, c.id))
        for i, a in enumerate(group):
            for b in group[i + 1 :]:
                if a.source == b.source:
                    continue
                sa, sb = _scope(a, canon), _scope(b, canon)
                if not scopes_compatible(sa, sb):
                    continue
                fid = unique_id(finding_id(a, b, canon), used)
                scope_t = tuple(sorted(sa | sb))
                where = f"same scope ({', '.join(scope_t)})" if scope_t else "no place named"
                agree = titles_compatible(a.normalized or "", b.normalized or "")
                head = f"same person ({a.subject}), {where}: '{a.value}' vs '{b.value}'"
                text = f"{head} are compatible titles." if agree else f"{head} are different titles."
                copies = is_copy(a, b, t)
                if copies:
                    text += " The two quotes are near-verbatim copies: one origin, not independent confirmation."
                out.append(Finding(id=fid, verdict=Verdict.AGREEMENT if agree else Verdict.CONTRADICTION,
                                   kind=FindingKind.ROLE, subject=a.subject, scope=scope_t, period=None, claims=(a, b),
                                   explanation=text, copies=copies))
    return out
