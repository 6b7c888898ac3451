"""Page noise: the patterns that mark a line as a label, call to action, contact line,
link list, photo credit or disclaimer, and the name shape of a byline."""

from __future__ import annotations

import re

from claimcheck.thresholds import ExtractThresholds

#: noise patterns (calls to action, contact and credit lines) only apply to
#: lines this short: a long paragraph that mentions Telegram is still content.
_SHORT_LINE_WORDS = 30
_WORD = re.compile(r"[^\W_]+(?:['’\-][^\W_]+)*")
_DIGIT = re.compile(r"\d")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_URL = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)
_CONTACT = re.compile(
    r"\bcontact\s+(?:us|the\s+editors?|our\s+\w+)\b|^\s*contacts?\s*:", re.IGNORECASE
)
_CTA_VERB = re.compile(
    r"\b(?:share|subscribe|follow|join|sign\s*up|signup|download|register|like\s+us|find\s+us"
    r"|stay\s+(?:up[\s-]*to[\s-]*date|updated|tuned|informed|connected)|get\s+(?:the\s+latest|our)"
    r"|read\s+(?:us|more\s+on)|watch\s+us|listen)\b",
    re.IGNORECASE,
)
_CHANNEL_NAMES = (
    "telegram", "whatsapp", "twitter", "facebook", "instagram", "youtube", "linkedin", "tiktok",
    "newsletter", "channel", "podcast", "google news", "social media", "mailing list", "viber",
    "bluesky", "mastodon",
)  # fmt: skip
_CHANNEL_WORD = re.compile(r"\b(?:apps?|vk|x|rss|threads)\b")


def _has_channel(lower: str) -> bool:
    """Whether a casefolded line names a channel or platform (names may be glued together)."""
    if any(map(lower.__contains__, _CHANNEL_NAMES)):
        return True
    return bool(_CHANNEL_WORD.search(lower))


_CTA_START = re.compile(
    r"\W*(?:please\s+|click\s+here\s+(?:to\s+)?|don'?t\s+forget\s+to\s+"
    r"|be\s+sure\s+to\s+|make\s+sure\s+to\s+)?"
    + _CTA_VERB.pattern,
    re.IGNORECASE,
)
_SECOND_PERSON = re.compile(r"\b(?:us|our|you|your)\b", re.IGNORECASE)
_CREDIT = re.compile(
    r"\W*(?:photos?|images?|pictures?|photograph|credits?|source\s+of\s+(?:photo|image))"
    r"\s*(?::|by\b|credit\b|courtesy\b)",
    re.IGNORECASE,
)
_COPYRIGHT = re.compile(r"©|\(c\)\s*\d{4}|\ball rights reserved\b|^\W*copyright\b", re.IGNORECASE)
_DISCLAIMER = re.compile(
    r"\bdo(?:es)?\s+not\s+necessarily\s+(?:represent|reflect)\b|\bthe\s+views\s+expressed\b",
    re.IGNORECASE,
)
_NAME_PARTICLES = frozenset(
    {"de", "da", "di", "du", "del", "della", "van", "von", "der", "den", "bin", "ibn", "al", "el"}
)
#: words found in section labels and page furniture, never in a person's name.
_NOT_NAME_WORDS = frozenset(
    {
        "news", "world", "latest", "politics", "analytics", "analysis", "business", "economy",
        "opinion", "opinions", "read", "more", "see", "also", "home", "top", "stories", "story",
        "breaking", "sport", "sports", "tags", "share", "comments", "video", "videos", "photo",
        "photos", "gallery", "live", "updates", "editor", "editorial", "region", "middle", "east",
        "west", "north", "south", "central", "europe", "asia", "africa", "america", "americas",
        "culture", "science", "technology", "tech", "health", "travel", "society", "local",
        "national", "international", "global", "related", "articles", "popular", "trending",
        "menu", "search", "subscribe", "contact", "about", "privacy", "policy", "terms", "press",
        "release", "agency", "media", "staff", "desk", "team", "report", "reports", "interview",
        "column", "columns", "blog", "feature", "features", "magazine", "daily", "weekly", "times",
        "post", "herald", "tribune", "journal", "online", "today", "advertisement", "sponsored",
        "author", "authors", "print", "email", "next", "previous", "back", "foreign", "affairs",
        "defense", "defence", "security", "energy", "regions",
    }
)  # fmt: skip


def _words(line: str) -> list[str]:
    return _WORD.findall(line)


def _word_count(line: str, cap: int = 10_000) -> int:
    if len(line) <= 4 * cap:
        return len(_WORD.findall(line))
    n = 0
    for _ in _WORD.finditer(line):
        n += 1
        if n >= cap:
            break
    return n


def _rough_word_count(line: str) -> int:
    """Whitespace-separated tokens (fast; capped for huge lines)."""
    return len(line.split()) if len(line) <= 20_000 else _word_count(line, cap=1_000)


def _name_token(token: str) -> bool:
    """A capitalised word of letters ("Pacini", "O'Neil", "Al-Sayed") or an initial ("J.")."""
    if len(token) == 2 and token[0].isupper() and token[1] == ".":
        return True
    parts = re.split(r"['’-]", token)
    if not parts[0] or not token[0].isupper():
        return False
    return all(part.isalpha() for part in parts) and any(ch.islower() for ch in token)


def _name(line: str) -> str | None:
    """The person's name when ``line`` is name-shaped ("Lorenzo Maria Pacini", "By Jane Doe")."""
    value = re.sub(r"(?i)^by\s+", "", line.strip())
    tokens = value.split()
    if not 2 <= len(tokens) <= 4:
        return None
    capitalised = 0
    for i, token in enumerate(tokens):
        if _name_token(token):
            if token.casefold().strip(".") in _NOT_NAME_WORDS:
                return None
            capitalised += 1
        elif not (i and token.casefold() in _NAME_PARTICLES):
            return None
    return value if capitalised >= 2 else None


def _noise_reason(line: str, words: int, thresholds: ExtractThresholds) -> str | None:
    """Why a (non-header) line is page noise, or None when it may carry a claim.

    ``words`` is the line's word count (it may be capped at a few hundred).
    Cheap substring tests guard each pattern: this runs on every line.
    """
    lower = line.casefold() if len(line) <= 5_000 else ""
    if words <= _SHORT_LINE_WORDS:
        if _CREDIT.match(line):
            return "photo credit"
        if "©" in line or "(c)" in lower or "copyright" in lower or "rights reserved" in lower:
            if _COPYRIGHT.search(line):
                if re.search(r"(?i)\b(?:photo|image|picture)", line):
                    return "photo credit"
                return "copyright notice"
        if ("@" in line and _EMAIL.search(line)) or ("contact" in lower and _CONTACT.search(line)):
            return "contact line"
        if _has_channel(lower) and _CTA_VERB.search(line):
            if _CTA_START.match(line) or _SECOND_PERSON.search(line):
                return "call to action"
    if lower:
        if "http" in lower or "www." in lower:
            urls = sum(len(m.group(0)) for m in _URL.finditer(line))
            if urls * 2 >= len(line.replace(" ", "")):
                return "list of links"
        if "|" in line or "•" in line or "·" in line:
            items = [item for item in re.split(r"[|•·]", line) if item.strip()]
            if len(items) >= 3 and sum(_word_count(item) for item in items) / len(items) <= 4:
                if sum(1 for item in items if _DIGIT.search(item)) <= 1:  # not a row of figures
                    return "list of links or menu items"
        if words <= 40 and ("necessarily" in lower or "views expressed" in lower):
            if _DISCLAIMER.search(line):
                return "disclaimer"
    if words < thresholds.min_sentence_words and not _DIGIT.search(line):
        return "no sentence content"
    if not _LETTER.search(line) if len(line) <= 100_000 else not _LETTER.search(line, 0, 100_000):
        return "numbers without words"  # figures with nothing to say what they are; bare integers are not dates
    return None


_LETTER = re.compile(r"[^\W\d_]")
