"""The ledger: deterministic, atomic, validated, and it keeps what analysts wrote."""

from __future__ import annotations

import os

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claimcheck import ledger
from claimcheck.records import Claim, Hedge, Kind, Mention, Source, Stance


def _source(sid="s1"):
    return Source(id=sid, path=f"in/{sid}.txt", sha256="0" * 64, text="x" * 40, title="T", published="2025-04-28")


def _claim(sid="s1", cid="q-1", origin="extracted", value=5.8e8, quote="Trade hit $580 million."):
    return Claim(
        id=cid, source=sid, kind=Kind.QUANTITY, quote=quote, start=0, end=len(quote), surface="$580 million",
        surface_start=10, surface_end=22, subject="trade", scope=("Azerbaijan", "Iran"), value=value,
        unit="USD", hedge=Hedge.APPROX, period="2024", stance=Stance.ACTUAL, origin=origin,
    )


def _ledger():
    m = Mention("Iran", "GPE", "s1", 3, 7)
    return ledger.merge(ledger.Ledger(), [(_source(), [_claim()], [m])], {"claimcheck": "t"})


def test_round_trip_and_byte_identical(tmp_path):
    path = tmp_path / "claims.yaml"
    ledger.write(_ledger(), path)
    first = path.read_bytes()
    back = ledger.read(path)
    assert back.claims == _ledger().claims
    assert back.sources[0].mentions == (Mention("Iran", "GPE", "s1", 3, 7),)
    ledger.write(back, path)
    assert path.read_bytes() == first
    assert (tmp_path / "claims.yaml.bak").read_bytes() == first


def test_write_is_atomic_when_dump_fails(tmp_path, monkeypatch):
    path = tmp_path / "claims.yaml"
    ledger.write(_ledger(), path)
    before = path.read_bytes()

    def boom(*a, **k):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", boom)
    with pytest.raises(ledger.LedgerError, match="No space left"):
        ledger.write(_ledger(), path)
    assert path.read_bytes() == before
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_merge_keeps_manual_claims_reviews_and_other_sources():
    old = ledger.merge(ledger.Ledger(), [(_source("s1"), [_claim("s1", "q-1")], []), (_source("s2"), [_claim("s2", "q-2")], [])], {})
    manual = _claim("s1", "q-manual", origin="manual")
    old = ledger.Ledger(old.sources, (*old.claims, manual), old.generator, {"f-1": {"status": "confirmed"}}, [{"merge": ["a", "b"]}])
    new = ledger.merge(old, [(_source("s1"), [_claim("s1", "q-3")], [])], {})
    ids = {c.id for c in new.claims}
    assert ids == {"q-3", "q-manual", "q-2"}
    assert new.reviews == {"f-1": {"status": "confirmed"}} and new.entities == [{"merge": ["a", "b"]}]
    pruned = ledger.merge(old, [(_source("s1"), [_claim("s1", "q-3")], [])], {}, prune=True)
    assert {c.source for c in pruned.claims} == {"s1"}


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("version: 1\nsources: [\n", r"line \d+, column \d+: invalid YAML"),
        ("version: 99\nsources: []\nclaims: []\n", "newer claimcheck"),
        ("sources: []\n", "version: missing"),
        ("version: 1\nsources: []\nclaims: []\nextra: 1\n", "line 4: extra: unknown top-level key"),
        ("version: 1\nsources:\n- {id: s1, path: p, sha256: h}\nclaims:\n- {id: q, source: s1, kind: rumour, quote: x, start: 0, end: 1}\n",
         r"line 5: claims\[0\]\.kind: unknown kind 'rumour'"),
        ("version: 1\nsources:\n- {id: s1, path: p, sha256: h}\nclaims:\n- {id: q, source: s1, kind: date, quote: x, start: -3, end: 1}\n",
         r"claims\[0\]\.start: expected a non-negative integer"),
        ("version: 1\nsources:\n- {id: s1, path: p, sha256: h}\nclaims:\n- {id: q, source: s1, kind: date, quote: x, start: 0}\n",
         "missing field 'end'"),
        ("version: 1\nsources:\n- {id: s1, path: p, sha256: h}\n- {id: s1, path: p, sha256: h}\n", "duplicate source id"),
        ("version: 1\nclaims:\n- !!python/object/apply:os.system [echo hi]\n", "invalid YAML"),
        ("", "ledger is empty"),
    ],
)
def test_malformed_ledger_names_line_and_field(tmp_path, text, message):
    path = tmp_path / "claims.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ledger.LedgerError, match=message) as err:
        ledger.read(path)
    assert str(path) in str(err.value) and "\n" not in str(err.value)
    assert path.read_text(encoding="utf-8") == text  # never touched


_text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=40)


@settings(max_examples=60, deadline=None)
@given(quote=_text, subject=st.none() | _text, value=st.floats(allow_nan=False, allow_infinity=False), scope=st.lists(_text, max_size=3))
def test_round_trip_property(quote, subject, value, scope):
    c = Claim(id="q-x", source="s1", kind=Kind.QUANTITY, quote=quote, start=0, end=len(quote), surface=quote,
              surface_start=0, surface_end=len(quote), subject=subject, scope=tuple(scope), value=value, unit="USD")
    led = ledger.merge(ledger.Ledger(), [(_source(), [c], [])], {})
    back = ledger.loads(ledger.dumps(led))
    assert back.claims == led.claims
