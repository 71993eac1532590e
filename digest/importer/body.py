"""Article lines -> Markdown: paragraphs, numbered task lists as lists, and
escapes so that prose never turns into markup by accident.

The site renders with markdown-it (CommonMark, tables, strikethrough, no raw
HTML), so only what CommonMark would read as markup is escaped: a line that
starts like a heading, quote, list or rule, and inline emphasis, code, link
brackets, table pipes and entity references. Raw HTML stays as written: the
renderer shows it as text.
"""

from __future__ import annotations

import re

from digest.importer.normalize import BULLET, NUMBERED

_LINE_START = re.compile(r"^(?:[#>*+=_~|`-]|(?P<n>\d{1,9})(?P<d>[.)])(?=\s|$))")
_INLINE = re.compile(r"\\(?=[!-/:-@\[-`{-~])|[*_`\[\]|]|~~|&(?=#?\w+;)")


def escape_inline(text: str) -> str:
    return _INLINE.sub(lambda m: "".join("\\" + ch for ch in m.group()), text)


def escape_line(text: str) -> str:
    """Inline escapes, plus one at the start if the line would open a block."""
    text = escape_inline(text)
    m = _LINE_START.match(text)
    if not m:
        return text
    if m.group("n"):                   # "2019. …" is prose, not an ordered list
        return f"{m.group('n')}\\{m.group('d')}{text[m.end():]}"
    return text if text.startswith("\\") else "\\" + text


def _item(line: str) -> tuple[str, str] | None:
    """('ol', '3. text') or ('ul', '- text') for a list line, else None."""
    if m := NUMBERED.match(line):
        return "ol", f"{int(m.group('n'))}. {escape_line(line[m.end():].strip())}"
    if m := BULLET.match(line):
        return "ul", f"- {escape_line(line[m.end():].strip())}"
    return None


def to_markdown(lines: list[str]) -> str:
    """Paragraphs separated by blank lines; runs of list lines become one list."""
    blocks: list[str] = []
    current_kind = None
    for line in lines:
        item = _item(line)
        if item and item[0] == current_kind:
            blocks[-1] += "\n" + item[1]
            continue
        if item:
            blocks.append(item[1])
            current_kind = item[0]
        else:
            blocks.append(escape_line(line))
            current_kind = None
    return "\n\n".join(blocks) + "\n" if blocks else ""
