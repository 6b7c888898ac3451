"""Pure text -> value normalisers (no spaCy)."""
