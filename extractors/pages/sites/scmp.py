"""South China Morning Post: story text from the page's Apollo state.

SCMP's article template renders the story in the browser from JSON embedded as
``window.__APOLLO_STATE__``; the served HTML holds the headline, the byline and image
captions but not the paragraphs, so trafilatura alone returns a caption.
"""

from __future__ import annotations

import json
import re

_STATE = re.compile(r"window\.__APOLLO_STATE__\s*=\s*(\{.*?\})\s*;?\s*</script>", re.DOTALL)
# Nodes of the body tree that are paragraphs of the story; everything else (ads, embeds,
# image blocks, widgets) is left out.
_TEXT_BLOCKS = frozenset(("p", "h2", "h3", "h4", "blockquote", "li"))


def story_text(html_text: str) -> str | None:
    """Paragraphs of the main article in the page's Apollo state, one per line; None if absent."""
    match = _STATE.search(html_text)
    if not match:
        return None
    try:
        state = json.loads(match.group(1))
    except ValueError:
        return None
    for store in state.values():
        if not isinstance(store, dict):
            continue
        for key, item in store.items():
            # The article itself is "$ROOT_QUERY.content({...})"; related stories carry a suffix.
            if key.startswith("$ROOT_QUERY.content(") and key.endswith(")") and isinstance(item, dict):
                body = next((value for name, value in item.items() if name.startswith("body(")), None)
                if isinstance(body, dict) and isinstance(body.get("json"), list):
                    return _render(body["json"])
    return None


def _render(nodes: list) -> str:
    lines = []
    for node in nodes:
        if isinstance(node, dict) and node.get("type") in _TEXT_BLOCKS:
            lines.append("".join(_texts(node)).strip())
        elif isinstance(node, dict) and node.get("type") in ("ul", "ol"):
            lines.extend("".join(_texts(child)).strip() for child in node.get("children", []) if isinstance(child, dict))
    return "\n".join(line for line in lines if line)


def _texts(node: dict) -> list[str]:
    """Text of a node and its descendants, in order, without recursion."""
    out, stack = [], [node]
    while stack:
        current = stack.pop()
        if current.get("type") == "text" and isinstance(current.get("data"), str):
            out.append(current["data"])
        stack.extend(reversed([child for child in current.get("children", []) if isinstance(child, dict)]))
    return out
