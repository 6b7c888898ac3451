"""Incremental and parallel extraction: the cache re-processes only changed
files, a fully cached run never loads spaCy, and --jobs does not change the
output."""

from __future__ import annotations

from pathlib import Path

import pytest

from claimcheck import api

ROOT = Path(__file__).resolve().parent.parent


def _corpus(folder: Path, n: int = 4) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        (folder / f"a{i}.txt").write_text(
            f"In 2024, bilateral trade reached around ${500 + i} million, officials said on Monday.\n", encoding="utf-8")


def test_only_the_changed_file_is_extracted_again(tmp_path, monkeypatch):
    import claimcheck.extract as ex

    folder = tmp_path / "in"
    _corpus(folder)
    out = tmp_path / "claims.yaml"
    seen: list[str] = []
    real = ex.extract

    def spy(sources, *a, **k):
        def tap():
            for s in sources:
                seen.append(s.id)
                yield s
        return real(tap(), *a, **k)

    monkeypatch.setattr(ex, "extract", spy)
    api.extract_paths([folder], out, model="blank:en", jobs=1)
    assert sorted(seen) == ["a0", "a1", "a2", "a3"]
    first = out.read_bytes()
    seen.clear()
    api.extract_paths([folder], out, model="blank:en", jobs=1)
    assert seen == [] and out.read_bytes() == first  # all from the cache, same ledger
    (folder / "a2.txt").write_text("In 2024, bilateral trade reached around $900 million, officials said.\n", encoding="utf-8")
    api.extract_paths([folder], out, model="blank:en", jobs=1)
    assert seen == ["a2"]
    fresh = tmp_path / "fresh.yaml"
    api.extract_paths([folder], fresh, model="blank:en", jobs=1, use_cache=False)
    assert fresh.read_text(encoding="utf-8") == out.read_text(encoding="utf-8")


def test_a_cached_run_does_not_load_spacy(tmp_path):
    folder = tmp_path / "in"
    _corpus(folder)
    out = tmp_path / "claims.yaml"
    api.extract_paths([folder], out, model="blank:en", jobs=1)
    from conftest import assert_runs_without_spacy

    assert_runs_without_spacy(
        f"from claimcheck import api\napi.extract_paths([{str(folder)!r}], {str(out)!r}, model='blank:en', jobs=1)"
    )


def test_a_corrupt_cache_entry_is_a_miss(tmp_path):
    folder = tmp_path / "in"
    _corpus(folder, 1)
    out = tmp_path / "claims.yaml"
    api.extract_paths([folder], out, model="blank:en", jobs=1)
    first = out.read_bytes()
    for entry in (tmp_path / ".claimcheck" / "cache").glob("*.json"):
        entry.write_text("{not json", encoding="utf-8")
    api.extract_paths([folder], out, model="blank:en", jobs=1)
    assert out.read_bytes() == first


@pytest.mark.model
def test_jobs_do_not_change_the_output(tmp_path, nlp_model):
    one, two = tmp_path / "one.yaml", tmp_path / "two.yaml"
    seeds = ROOT / "seeds"
    api.extract_paths([seeds], one, jobs=1, use_cache=False)
    api.extract_paths([seeds], two, jobs=2, use_cache=False)
    assert one.read_bytes() == two.read_bytes()
