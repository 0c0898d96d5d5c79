"""An article's body blocks (from the API payload) arranged as the reader page shows them.

Consecutive treatment blocks become one group of cards (h3) under an h2: the editor's own
heading-only section just before them ("Treatment options for stage 4 lung cancer"), or a
"Treatment options" heading the template supplies. Other blocks stay as they are.
"""

from django.utils.html import strip_tags


def heading_only(block):
    return block["type"] == "section" and not strip_tags(block["value"].get("body") or "").strip()


def body_layout(blocks):
    """[{"type": "section" | "callout" | "references" | "treatments", "value": ..., ...}].

    A "treatments" entry has `heading` (the section's heading, or None for the default one)
    and `treatments` (the treatment values, in order).
    """
    layout = []
    for index, block in enumerate(blocks or []):
        kind = block.get("type")
        if kind == "treatment":
            if layout and layout[-1]["type"] == "treatments" and layout[-1]["open"]:
                layout[-1]["treatments"].append(block["value"])
                continue
            heading = None
            if index and heading_only(blocks[index - 1]) and layout and layout[-1]["type"] == "section":
                heading = layout.pop()["value"]["heading"]
            layout.append(
                {"type": "treatments", "heading": heading, "treatments": [block["value"]], "open": True}
            )
            continue
        if layout and layout[-1]["type"] == "treatments":
            layout[-1]["open"] = False
        if kind in ("section", "callout", "references"):
            layout.append({"type": kind, "value": block["value"]})
    return layout
