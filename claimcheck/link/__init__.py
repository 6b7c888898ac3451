"""Link stage: entity resolution over the mentions of all sources.

Package layout: :mod:`.tables` (word lists), :mod:`.keys` (folding, anyascii
transliteration, keys, skeleton), :mod:`.names` (name analysis; people by
nameparser), :mod:`.rungs` (the context-free ladder as data: ``LADDER``, and
``RUNGS`` with the context rungs), :mod:`.clustering` (the ``STEPS`` of a run
and :func:`cluster`), whose parts are :mod:`.unionfind` (the one union-find,
``Entity`` and ``Decision``), :mod:`.blocking`, :mod:`.vote` (the label vote,
the headline trim), :mod:`.state` (what the steps share), :mod:`.steps` (the
general steps), :mod:`.acronyms` and :mod:`.people` (the surname steps).

Since issue 11, besides the rungs below: ``person`` (same given name and
surname, a middle name / initial / suffix in one only) sits after ``title``;
the transliteration test also accepts an unvowelled romanisation with the
same consonants; the steps ``short form`` (a name and the same name plus a
soft head, :data:`~.tables.SOFT_HEADS`), ``acronym corpus`` (an agency
acronym spelt by exactly one agency) and a cross-source ``surname`` (the
corpus's only person of that surname) were added; a corpus-wide label vote
runs first (see :func:`.vote._voted_labels`; it also gives a person the
span the model ran title / department / demonym words into, and a misspelt
surname it tagged as a place); the steps ``generic words`` ("City of X" = X,
"X Technologies" = X) and ``given names`` (a given name used alone -> the only
person bearing it in its source, else in the corpus) followed. Every merge is a
:class:`~.clustering.Decision` stored on its entity.

Pure Python + rapidfuzz (no spaCy). Mentions are clustered within and across
sources by a matching LADDER; the first rung that applies to a pair of names
wins, and every merge records the rung and a one-line human reason that the
report prints.

Rungs (in order)
----------------
1. ``exact``           equal :func:`name_key` of the surfaces as written.
2. ``title``           equal keys once a title prefix is dropped from a PERSON
                       name ("Iranian President Masoud Pezeshkian" = "Masoud
                       Pezeshkian", "Mr. Aliyev" = "Aliyev").
   ``alias``           both keys are in one group of :data:`ALIASES` (a small
                       built-in table of exonyms / official long forms:
                       Turkey = Türkiye, Russian Federation = Russia, ...).
3. ``surname``         within ONE source only: a single-token PERSON name links
                       to the full PERSON name of that source whose last token
                       is the same (exact key; if there is none, a
                       transliteration-equal last token). When several different
                       full names in the source share the surname (Heydar and
                       Ilham Aliyev) the bare surname goes to the one mentioned
                       most often in that source; on a tie, to the one whose
                       full mention most nearly precedes the bare mention (if
                       none precedes, the nearest following; then alphabetical).
                       Bare surnames of a source with no full name join a
                       cluster across sources only when every resolved use of
                       that surname elsewhere points at the same person.
4. ``acronym``         within a source whose text defines it: "the Economic
                       Cooperation Organization (ECO)" or "ECO (Economic
                       Cooperation Organization)". The expansion is the mention
                       ending right before "(ECO)", or the run of preceding
                       words whose initials (first letters of capitalised words,
                       ignoring of/and/for/the/on/in/at/to/&) spell the acronym.
5. ``transliteration`` equal :func:`skeleton` and plain-key ``ratio`` >=
                       ``skeleton_key_floor``; or skeleton ``ratio`` >=
                       ``skeleton`` and plain-key ratio >= ``skeleton_key_floor``.
                       Short names (< ``min_fuzzy_length`` key characters) only
                       on an EQUAL skeleton AND the same first letter AND the
                       same length +-1 AND an equal *vowel-class skeleton* (the
                       skeleton with vowels kept as classes a/e -> a, i/y -> i,
                       o/u/ou -> u), so Aras = Araz and Iraq = Irak but
                       Gaza != Giza, Mali != Male.
6. ``fuzzy``           rapidfuzz ``fuzz.ratio`` on keys >= ``fuzzy_key``, only
                       when both names have >= ``min_fuzzy_length`` characters.

Never on ``token_set_ratio``/``partial_ratio`` (a subset scores 100).

Extra guards (apply to every non-exact rung)
--------------------------------------------
* Digits are identity: two names whose keys carry different digit sequences
  never merge on ``transliteration``/``fuzzy`` (Resolution 2231 != 2232).
* Head nouns are identity (non-PERSON labels): a name and the same name plus a
  facility / feature head noun (:data:`HEAD_NOUNS`: Airport, Bridge, Dam, Port,
  Station, Street, Avenue, University, Foundation, Center/Centre, Palace,
  Corridor, Railway, River, Sea, Lake, ...) are DIFFERENT entities: "Aras" !=
  "Aras corridor", "Heydar Aliyev" != "Heydar Aliyev International Airport".
  Two names with the same head compare on what precedes the head ("Aras
  River" = "Araz River"; "River Aras" = "Aras River"). A leading head counts
  for River/Lake/Mount/Port/Fort/Cape X and for "University/... of X". The
  modifiers International / Hydroelectric / Hydropower right before the head
  are ignored ("X International Airport" = "X Airport").
* PERSON names are compared token by token as well: two multi-token person
  names with the same number of tokens merge only if every aligned token pair
  is equal or itself passes the transliteration / fuzzy test (Mohammad Abbas
  != Mahmoud Abbas); with different token counts the first and the last
  tokens must pass.
* Other multi-word names: "X and Y" spans match only conjunct by conjunct
  ("Khudafarin and Giz Galasi" = "Khoda Afarin and Qiz Qalasi", but "Azerbaijan
  and Armenia" != "Azerbaijan and Iran"); two names with the same number of
  words match only if each aligned word pair is equal, has the same skeleton
  or passes the transliteration / fuzzy test ("Islamic Republic of Iran" !=
  "Islamic Republic of Iraq").
* Any label: a name never matches the same name plus a demonym / adjective
  ending (a key that is the other plus n/an/ian/i/is/ns/ians/ese/ish/ic):
  Armenia != Armenian, Eurasia != Eurasian even under one label (spaCy tags
  "Azerbaijan" and "Azerbaijani" PERSON at times), Mohammad != Mohammadi.
* A cluster never holds two full PERSON names (two or more tokens) that do not
  match each other directly; a merge that would create one is refused. So
  "Heydar Aliyev" and "Ilham Aliyev" never end up together, whatever chain of
  "Aliyev" mentions connects them.

Label compatibility
-------------------
=================  ==========================================
PERSON             PERSON only
NORP               NORP only
ORG                ORG only
EVENT              EVENT only
GPE, LOC, FAC      any of GPE, LOC, FAC (places; spaCy and the rules
                   label the same river/dam/town differently)
anything else      the identical label only
=================  ==========================================

Numeric / temporal labels (:data:`NON_ENTITY_LABELS`: DATE, TIME, PERCENT,
MONEY, QUANTITY, ORDINAL, CARDINAL) are not names; :func:`cluster` drops them.

Unicode folding (:func:`fold`)
------------------------------
Remove zero-width and bidi control characters; map the quote-like characters
‘ ’ ʼ ʻ ʾ ʿ ` ´ ′ to '; NFKC; casefold; ə -> a, ı -> i, ß -> ss, ø -> o,
đ/ð -> d, ł -> l, æ -> ae, œ -> oe, þ -> th, ħ -> h; NFKD and drop combining
marks (ş -> s, ç -> c, ğ -> g, ü -> u, İ -> i); collapse whitespace.

Transliteration skeleton (:func:`skeleton`)
-------------------------------------------
Computed on :func:`name_key`. Multi-letter sequences first, greedily left to
right, longest first:

    dzh, tch, ch, zh, dj -> j   (affricates; Azerbaijani c = j, ç = ch)
    kh -> x                     (Persian/Russian kh, Azerbaijani x)
    gh -> g                     (gh/g/q/k one velar class)
    sch, sh -> s                (sh/ş/sch/s/z one sibilant class)
    ck -> g,  th -> t,  ph -> f,  ou -> u

then single letters:

    q, k, g -> g      c, j -> j      z, s -> s      w, v -> v
    h, x -> x         (h is KEPT, in the kh class: Hocalı = Khojaly,
                       Hasan = Khasan; Tehran = Teheran)
    e -> a, o -> u, y -> i   (vowel classes; y is treated as a vowel)

then doubled letters collapse (Hassan = Hasan, Raeisi -> raaisi -> raisi),
then the vowels a/i/u are removed, except that a name starting with a vowel
keeps the marker "_" (Aras -> "_rs", Yerevan = Erevan -> "_rvn").
Examples: Khudafarin = Khoda Afarin = Khudaferin -> "xdfrn"; Giz Galasi =
Qiz Qalasi = Giz Galasy -> "gsgls"; Azerbaijan = Azerbaycan -> "_srbjn";
Nakhchivan = Naxçıvan -> "nxjvn"; Pezeshkian = Pezeshkiyan -> "pssgn".

Cost
----
Names, not mentions, are compared, and only inside blocks: identical
(label group, head, stem skeleton); identical alias group; and, for the
near-skeleton and fuzzy tests, (label group, head, first or last character
of the key / skeleton, logarithmic length band) with the neighbouring band,
where rapidfuzz's ``process.extract`` (C++) with the rung's cut-off picks the
pairs the ladder then examines. Union-find holds the clusters. Output is
sorted by the canonical name's key.

Extra constants defined here: no new merge threshold. ``LENGTH_BAND_RATIO``
(1.25) only sizes the blocking bands; the number of neighbouring bands
searched follows from the cut-off, so length banding never drops a pair the
ratio thresholds would accept. (The first/last-character blocks do: two names
that differ at both their first and their last character are not compared
on the near-skeleton / fuzzy tests.) The word lists (:data:`TITLE_WORDS`,
:data:`TITLE_MODIFIERS`, :data:`DEMONYMS`, :data:`HEAD_NOUNS`,
:data:`ALIASES`, :data:`NON_ENTITY_LABELS`) are data, not thresholds.
"""

from __future__ import annotations

from .clustering import Entity, _candidate_pairs, cluster, mention_id
from .keys import fold, name_key, skeleton
from .names import _name, compatible
from .rungs import Match, match_names
from .tables import (
    ALIASES,
    HEAD_NOUNS,
    LABEL_GROUPS,
    NON_ENTITY_LABELS,
    TITLE_WORDS,
)

__all__ = [
    "ALIASES",
    "HEAD_NOUNS",
    "LABEL_GROUPS",
    "NON_ENTITY_LABELS",
    "TITLE_WORDS",
    "Entity",
    "Match",
    "_candidate_pairs",
    "_name",
    "cluster",
    "compatible",
    "fold",
    "match_names",
    "mention_id",
    "name_key",
    "skeleton",
]
