"""Linking cost: ``link.cluster`` on synthetic mentions, 10k to 100k.

    python benchmarks/bench_link.py [--sizes 10000,30000,100000] [--seed 1]

Synthetic corpus: invented person names (given + surname, some with a title,
a middle initial or a bare surname), places with spelling variants and heads
("X Avenue", "X Hospital"), agencies and their acronyms, spread over
sources of 50 mentions each. Prints seconds per size and the growth exponent
between the smallest and the largest size (1.0 = linear; the target is to
stay near-linear, below 1.3).
"""

from __future__ import annotations

import argparse
import math
import random
import string
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from claimcheck.link import cluster  # noqa: E402
from claimcheck.records import Mention  # noqa: E402

#: consonant-vowel(-consonant) syllables: a name space that stays sparse as the corpus grows
SYLLABLES = [c + v + e for c in "bdfgklmnprstvz" for v in "aeiou" for e in ("", "n", "r")]
HEADS = ["Avenue", "Hospital", "Apartments", "Bridge", "Police Department", ""]


def word(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))).capitalize()


def variant(rng: random.Random, w: str) -> str:
    if len(w) > 4 and rng.random() < 0.3:
        i = rng.randrange(1, len(w) - 1)
        return w[:i] + rng.choice(string.ascii_lowercase) + w[i + 1 :]
    return w


def mentions(n: int, seed: int) -> tuple[list[Mention], dict[str, str]]:
    rng = random.Random(seed)
    people = [(word(rng), word(rng)) for _ in range(max(10, n // 20))]
    places = [word(rng) for _ in range(max(10, n // 20))]
    out: list[Mention] = []
    texts: dict[str, str] = {}
    per_source = 50
    for s in range(math.ceil(n / per_source)):
        src = f"s{s}"
        parts: list[str] = []
        pos = 0
        for _ in range(min(per_source, n - len(out))):
            r = rng.random()
            if r < 0.45:
                given, sur = rng.choice(people)
                form = rng.choice([f"{given} {sur}", f"Mr. {given} {sur}", sur,
                                   f"{given} {variant(rng, sur)}", f"{given} Q. {sur}"])
                label = "PERSON"
            elif r < 0.9:
                place = variant(rng, rng.choice(places))
                form = f"{place} {rng.choice(HEADS)}".strip()
                label = rng.choice(["GPE", "LOC", "FAC", "ORG"])
            else:
                form = "".join(rng.choice(string.ascii_uppercase) for _ in range(3))
                label = "ORG"
            parts.append(form + ". ")
            out.append(Mention(form, label, src, pos, pos + len(form)))
            pos += len(form) + 2
        texts[src] = "".join(parts)
    return out, texts


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="10000,30000,100000")
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args(argv)
    sizes = [int(x) for x in args.sizes.split(",")]
    cluster(*mentions(200, args.seed))  # warm the caches
    from claimcheck.places import ancestors

    ancestors("Paris")  # load the gazetteer outside the timings
    times = []
    for n in sizes:
        ms, texts = mentions(n, args.seed)
        t0 = time.perf_counter()
        ents = cluster(ms, texts)
        dt = time.perf_counter() - t0
        times.append(dt)
        print(f"{n:>7} mentions  {dt:7.2f} s  {len(ents):>6} entities  {1e6 * dt / n:6.1f} µs/mention")
    if len(sizes) > 1 and times[0] > 0:
        k = math.log(times[-1] / times[0]) / math.log(sizes[-1] / sizes[0])
        print(f"growth exponent {k:.2f} (1.0 linear; target < 1.3): {'met' if k < 1.3 else 'MISSED'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
