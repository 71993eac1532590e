"""A small element tree of a generated page, for tests that read tables, lists and SVG."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr"}


@dataclass
class Node:
    tag: str
    attrs: dict[str, str | None] = field(default_factory=dict)
    children: list = field(default_factory=list)   # Node or str

    @property
    def text(self) -> str:
        """The text as a reader sees it: runs of white space made one space."""
        return " ".join(self._raw().split())

    def _raw(self) -> str:
        return "".join(c if isinstance(c, str) else c._raw() for c in self.children)

    def iter(self, tag: str | None = None):
        if tag is None or self.tag == tag:
            yield self
        for child in self.children:
            if isinstance(child, Node):
                yield from child.iter(tag)

    def find_all(self, tag: str, **attrs) -> list[Node]:
        """Descendants with `tag` whose attributes hold the given values
        (class_ matches one class among several)."""
        found = []
        for node in self.iter(tag):
            ok = True
            for name, value in attrs.items():
                if name == "class_":
                    ok = ok and value in (node.attrs.get("class") or "").split()
                else:
                    ok = ok and node.attrs.get(name) == value
            if ok:
                found.append(node)
        return found

    def find(self, tag: str, **attrs) -> Node:
        found = self.find_all(tag, **attrs)
        assert found, f"no <{tag}> with {attrs}"
        return found[0]

    def links(self) -> list[tuple[str, str]]:
        return [(a.text, a.attrs.get("href")) for a in self.iter("a")]


class _Builder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Node("#document")
        self.stack = [self.root]

    def handle_starttag(self, tag, attrs):
        node = Node(tag, dict(attrs))
        self.stack[-1].children.append(node)
        if tag not in VOID:
            self.stack.append(node)

    def handle_startendtag(self, tag, attrs):
        self.stack[-1].children.append(Node(tag, dict(attrs)))

    def handle_endtag(self, tag):
        for i in range(len(self.stack) - 1, 0, -1):
            if self.stack[i].tag == tag:
                del self.stack[i:]
                break

    def handle_data(self, data):
        self.stack[-1].children.append(data)


def parse_tree(path: Path) -> Node:
    builder = _Builder()
    builder.feed(path.read_text(encoding="utf-8"))
    return builder.root


def table_rows(table: Node) -> list[list[Node]]:
    """Each row's cells (th and td), header rows included."""
    return [[c for c in tr.children if isinstance(c, Node) and c.tag in ("th", "td")]
            for tr in table.iter("tr")]
