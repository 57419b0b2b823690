"""User Markdown to safe HTML, once, at write time.

Python-Markdown passes raw HTML and ``javascript:`` links straight through, so its output is
sanitised by bleach with an explicit allowlist (linkifying bare URLs in the same pass), then
checked again by nh3 with the same allowlist, because bleach receives no security fixes since
2026-06.
"""

from __future__ import annotations

import re
from functools import partial

import markdown
import nh3
from bleach.linkifier import LinkifyFilter
from bleach.sanitizer import Cleaner

ALLOWED_TAGS = frozenset(
    {
        "p",
        "br",
        "strong",
        "em",
        "a",
        "ul",
        "ol",
        "li",
        "blockquote",
        "code",
        "pre",
        "h3",
        "h4",
        "hr",
    }
)
ALLOWED_PROTOCOLS = frozenset({"http", "https", "mailto"})
LINK_REL = "nofollow noopener ugc"

# Page headings own h1 and h2; a citizen's headings are sub-headings of their text.
_TOP_HEADING = re.compile(r"<(/?)h[12]>")
_DEEP_HEADING = re.compile(r"<(/?)h[56]>")


def _set_rel(attrs: dict, new: bool = False) -> dict:
    attrs[(None, "rel")] = LINK_REL
    return attrs


# A Cleaner with LinkifyFilter, not a separate Linker pass: the latter escapes text inside
# skipped <pre>/<code> a second time.
_cleaner = Cleaner(
    tags=ALLOWED_TAGS,
    attributes={"a": ["href", "title", "rel"]},
    protocols=ALLOWED_PROTOCOLS,
    strip=True,
    strip_comments=True,
    filters=[
        partial(LinkifyFilter, callbacks=[_set_rel], skip_tags={"pre", "code"}, parse_email=False)
    ],
)


def render_markdown(text: str) -> str:
    """Return sanitised HTML for the Markdown `text`; the only user HTML templates mark safe."""
    html = markdown.markdown(text, extensions=["sane_lists", "fenced_code"], output_format="html")
    html = _TOP_HEADING.sub(r"<\1h3>", html)
    html = _DEEP_HEADING.sub(r"<\1h4>", html)
    html = _cleaner.clean(html)
    return nh3.clean(
        html,
        tags=set(ALLOWED_TAGS),
        attributes={"a": {"href", "title"}},
        url_schemes=set(ALLOWED_PROTOCOLS),
        link_rel=LINK_REL,
        strip_comments=True,
    )
