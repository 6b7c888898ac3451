"""HTML to readable text (selectolax), with the page's title, date and author."""

from __future__ import annotations

import datetime
import json
import re
from typing import Any

from claimcheck.records import Precision

try:  # the lexbor backend is the default; the older Modest one is a fallback
    from selectolax.lexbor import LexborHTMLParser as _HTMLParser
except ImportError:  # pragma: no cover - depends on the selectolax build
    # the installed stubs know only the lexbor parser; this branch runs on old builds
    from selectolax.parser import HTMLParser as _HTMLParser  # type: ignore[attr-defined, no-redef, unused-ignore]


# ---------------------------------------------------------------------------- HTML

_DROP_TAGS = frozenset(
    {
        "script", "style", "noscript", "template", "nav", "header", "footer", "aside", "form",
        "iframe", "svg", "button", "select", "textarea", "object", "embed", "canvas", "audio",
        "video", "map", "dialog", "head", "title", "meta", "link",
    }
)  # fmt: skip
_BLOCK_TAGS = frozenset(
    {
        "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd",
        "blockquote", "pre", "table", "tr", "td", "th", "thead", "tbody", "tfoot", "caption",
        "section", "article", "main", "figure", "figcaption", "address", "hr", "details",
        "summary", "fieldset", "legend", "center", "body", "html", "header", "menu", "hgroup",
    }
)  # fmt: skip
_WS = re.compile(r"\s+")
_ISO_DATE = re.compile(r"^\s*(\d{4}-\d{2}-\d{2})")


class _TextBuilder:
    """Collects text into lines and paragraphs (blank line between paragraphs)."""

    def __init__(self) -> None:
        self.paragraphs: list[str] = []
        self.lines: list[str] = []
        self.pieces: list[str] = []

    def text(self, value: str, pre: bool) -> None:
        if not pre:
            self.pieces.append(value)
            return
        parts = value.split("\n")
        for i, part in enumerate(parts):
            if i:
                self.line_break()
            self.pieces.append(part)

    def line_break(self) -> None:
        if not self.pieces:
            return
        line = " ".join("".join(self.pieces).split())
        self.pieces.clear()
        if line:
            self.lines.append(line)

    def paragraph_break(self) -> None:
        self.line_break()
        if self.lines:
            self.paragraphs.append("\n".join(self.lines))
            self.lines.clear()

    def result(self) -> str:
        self.paragraph_break()
        return "\n\n".join(self.paragraphs)


#: A selectolax node or tree from either parser (lexbor, or the older Modest
#: fallback above): the two share no declared type, only their attributes.
_Node = Any


def _attr(node: object, name: str) -> str | None:
    attrs = getattr(node, "attributes", None) or {}
    value = attrs.get(name)
    return value if isinstance(value, str) else None


#: an inline style that hides the element from readers.
_HIDDEN_STYLE = re.compile(r"(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*(?:hidden|collapse))"
                           r"\s*(?:!\s*important\s*)?(?:;|$)",
                           re.IGNORECASE)


def _is_hidden_element(node: object) -> bool:
    """Content a reader of the page does not see: the ``hidden`` attribute,
    ``aria-hidden="true"``, or an inline ``display: none`` /
    ``visibility: hidden`` style."""
    attrs = getattr(node, "attributes", None) or {}
    if "hidden" in attrs:
        return True
    if (attrs.get("aria-hidden") or "").strip().lower() == "true":
        return True
    style = attrs.get("style")
    return isinstance(style, str) and bool(style) and _HIDDEN_STYLE.search(style) is not None


def _readable_text(container: _Node, keep_header: bool) -> str:
    """Readable text of ``container``, walked iteratively (no recursion on deep trees)."""
    out = _TextBuilder()
    drop = _DROP_TAGS - {"header"} if keep_header else _DROP_TAGS
    pre_depth = 0

    def enter(node: _Node) -> bool:
        nonlocal pre_depth
        tag = node.tag
        if tag == "-text":
            value = node.text_content
            if value:
                out.text(value, pre_depth > 0)
            return False
        if not tag or tag.startswith("-") or tag.startswith("!"):
            return False  # comments, doctype
        if tag in drop or _is_hidden_element(node):
            return False
        if tag == "br":
            out.line_break()
            return False
        if tag == "hr":
            out.paragraph_break()
            return False
        if tag in _BLOCK_TAGS:
            out.paragraph_break()
        if tag == "pre":
            pre_depth += 1
        return True

    def leave(node: _Node) -> None:
        nonlocal pre_depth
        tag = node.tag
        if tag == "pre":
            pre_depth -= 1
        if tag in _BLOCK_TAGS:
            out.paragraph_break()
        elif tag in ("td", "th"):
            out.paragraph_break()

    node = container.child
    depth = 0
    while node is not None:
        if enter(node):
            child = node.child
            if child is not None:
                node = child
                depth += 1
                continue
            leave(node)
        while node is not None:
            sibling = node.next
            if sibling is not None:
                node = sibling
                break
            if depth == 0:
                node = None
                break
            node = node.parent
            depth -= 1
            leave(node)
    return out.result()


def _node_text(node: object) -> str:
    """Whitespace-collapsed text of a (small) element such as <title> or <h1>."""
    return _WS.sub(" ", _readable_text(node, keep_header=True)).strip()


def _iso_date(value: str) -> str | None:
    """The YYYY-MM-DD date of a metadata value ("2025-04-28T10:48:00+04:00", "28 April 2025")."""
    match = _ISO_DATE.match(value)
    if match:
        try:
            return datetime.date.fromisoformat(match.group(1)).isoformat()
        except ValueError:
            return None
    from claimcheck.normalize.dates import parse_date  # lazy: its patterns take 0.3 s to compile

    parsed = parse_date(value.strip()[:200])
    if parsed is not None and parsed.precision == Precision.DAY:
        return str(parsed.value)[:10]
    return None


def _json_ld(tree: _Node) -> dict[str, str]:
    """headline, datePublished and author name from JSON-LD blocks, if any."""
    found: dict[str, str] = {}
    for script in tree.css('script[type="application/ld+json"]'):
        try:
            data = json.loads(script.text(deep=True) or "null")
        except (ValueError, RecursionError):
            continue
        stack: list[object] = [data]
        while stack:
            item = stack.pop()
            if isinstance(item, list):
                stack.extend(reversed(item))
                continue
            if not isinstance(item, dict):
                continue
            for key in ("headline", "datePublished"):
                value = item.get(key)
                if isinstance(value, str) and value.strip() and key not in found:
                    found[key] = value.strip()
            author = item.get("author")
            if "author" not in found:
                for candidate in author if isinstance(author, list) else [author]:
                    name = candidate.get("name") if isinstance(candidate, dict) else candidate
                    if isinstance(name, str) and name.strip() and not _looks_like_url(name):
                        found["author"] = name.strip()
                        break
            stack.extend(v for v in item.values() if isinstance(v, (dict, list)))
    return found


def _looks_like_url(value: str) -> bool:
    return bool(re.match(r"\s*(?:https?://|www\.|/)", value))


def html_to_text(html: str) -> tuple[str, dict[str, str]]:
    """Readable text of an HTML page and its metadata (title, published, author).

    Drops scripts, styles, navigation, page header/footer, asides, forms and
    embeds; reads ``<article>`` (the one with most paragraphs) or ``<main>`` when
    present, else ``<body>``. A ``<header>`` inside the chosen ``<article>`` is
    kept: it holds the headline and byline, which line segmentation handles.
    Block elements become paragraphs separated by a blank line; ``<br>`` is a
    line break; inline text is joined with whitespace collapsed.
    """
    tree = _HTMLParser(html)
    meta: dict[str, str] = {}
    metas: dict[str, str] = {}
    for node in tree.css("meta"):
        key = _attr(node, "property") or _attr(node, "name") or _attr(node, "itemprop")
        content = _attr(node, "content")
        if key and content and content.strip():
            metas.setdefault(key.strip().lower(), content.strip())
    ld = _json_ld(tree)

    title = metas.get("og:title") or metas.get("twitter:title")
    if not title:
        found = tree.css_first("title")
        title = _node_text(found) if found is not None else None
    if not title:
        found = tree.css_first("h1")
        title = _node_text(found) if found is not None else None
    if not title:
        title = ld.get("headline")
    if title:
        meta["title"] = " ".join(title.split())

    published = None
    for key in ("article:published_time", "og:published_time", "date", "pubdate", "publishdate",
                "datepublished", "dc.date", "dcterms.created", "dc.date.issued"):  # fmt: skip
        if key in metas:
            published = _iso_date(metas[key])
            if published:
                break
    if not published and "datePublished" in ld:
        published = _iso_date(ld["datePublished"])
    if not published:
        for node in tree.css("time"):
            value = _attr(node, "datetime")
            if value and (published := _iso_date(value)):
                break
    if published:
        meta["published"] = published

    author = None
    for key in ("author", "article:author", "dc.creator", "parsely-author", "sailthru.author"):
        value = metas.get(key)
        if value and not _looks_like_url(value):
            author = value
            break
    author = author or ld.get("author")
    if author:
        meta["author"] = _WS.sub(" ", author).strip()

    container = None
    articles = tree.css("article")
    if articles:
        container = articles[0]
        if len(articles) > 1:
            container = max(articles, key=lambda a: len(a.css("p")))
    keep_header = container is not None
    if container is None:
        container = tree.css_first("main") or tree.body or tree.root
    if container is None:
        return "", meta
    return _readable_text(container, keep_header=keep_header), meta
