"""What an editor does while previewing, as edits a benchmark can make and undo.

Each kind of edit is made the same way in our content and in the Hugo twin's
(both are YAML front matter with JSON values, see generate.our_text and
convert.hugo_text), and says which page shows it and how: `Expect(page,
text, present)`, the page to poll over HTTP and the text it shows (or no
longer shows) once the change is live.

    body        a paragraph appended to an article      its page shows the paragraph
    title       the article's title                     its page shows the new title
    figure      the first figure's value                its page shows the new value
    province    the article's province                  its page links the new province
    new page    a new article (a copy under a new slug)  the new page is served
    delete      the newest article deleted               the home page no longer lists it
    template    the article template                    the article's page shows the change

`make_edits(tool, ...)` gives one `EditKind` per kind, each with `apply(i)`
(the i-th edit of that kind: a different value each time) and `undo()`.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Callable

import generate

KINDS = ("body", "title", "figure", "province", "new page", "delete", "template")


@dataclass(frozen=True)
class Expect:
    page: str          # the page to poll, as served (e.g. "bai-viet/<slug>/")
    text: str          # what it shows once the edit is live
    present: bool = True  # False: once it no longer shows `text`


class FileEdit:
    """One file changed (or made, or deleted) for a measurement, and put back afterwards."""

    def __init__(self, path: Path):
        self.path = path
        self.original = path.read_text(encoding="utf-8") if path.exists() else None

    def write(self, text: str) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.path.write_text(text, encoding="utf-8")

    def delete(self) -> None:
        self.path.unlink(missing_ok=True)

    def restore(self) -> None:
        if self.original is None:
            self.delete()
        elif not self.path.exists() or self.path.read_text(encoding="utf-8") != self.original:
            self.write(self.original)


@dataclass
class EditKind:
    name: str
    apply: Callable[[int], Expect]
    files: list[FileEdit] = field(default_factory=list)

    def undo(self) -> None:
        for edit in self.files:
            edit.restore()


def body_edit(edit: FileEdit, tag: str) -> str:
    """Append a paragraph to the body; return the text the page will show."""
    marker = f"Đoạn văn thêm vào để đo thời gian dựng lại ({tag})"
    edit.write(edit.original.rstrip("\n") + f"\n\n{marker}.\n")
    return marker


def replace_line(text: str, key: str, change: Callable[[str], str]) -> str:
    """`text` with the value of its first front matter line `key: value` changed."""
    new, count = re.subn(rf"^{key}: (.*)$", lambda m: f"{key}: {change(m.group(1))}", text,
                         count=1, flags=re.MULTILINE)
    assert count == 1, f"no {key}: line"
    return new


def province_edit(edit: FileEdit, province: str) -> None:
    """Our format has `province: "X"`, the Hugo twin's `province: ["X"]`."""
    edit.write(replace_line(edit.original, "province",
                            lambda old: re.sub(r'"[^"]*"', json.dumps(province, ensure_ascii=False),
                                               old, count=1)))


def template_edit(edit: FileEdit, tag: str) -> str:
    """A visible line at the top of the article (Hugo drops HTML comments)."""
    marker = f"Sửa mẫu trang ({tag})"
    assert "<article>" in edit.original, f"no <article> in {edit.path}"
    edit.write(edit.original.replace("<article>", f"<article>\n<p>{marker}</p>", 1))
    return marker


def figure_edit(edit: FileEdit, value: int) -> None:
    """The first figure's value: `{value: 12, …}` in ours, `{"value": 12, …}` in Hugo's."""
    new, count = re.subn(r'(\bvalue"?: )(-?\d+(?:\.\d+)?)', rf"\g<1>{value}", edit.original, count=1)
    assert count == 1, f"no figure in {edit.path}"
    edit.write(new)


def make_edits(tool, article: generate.Article, newest: list[generate.Article],
               new_province: str, tag: str) -> list[EditKind]:
    """One EditKind per kind, for `tool` (tools.Ours or tools.Hugo): `article` is
    edited, the i-th of `newest` (the newest articles, shown on the home page)
    is the i-th deleted."""
    page = tool.served_page(article)
    text, layout = FileEdit(tool.article(article)), FileEdit(tool.template_file())
    deleted = [FileEdit(tool.article(a)) for a in newest]

    def title(i: int) -> Expect:
        mark = f"(sửa tiêu đề {tag}{i})"
        text.write(replace_line(text.original, "title",
                                lambda old: json.dumps(json.loads(old) + " " + mark,
                                                       ensure_ascii=False)))
        return Expect(page, mark)

    def figure(i: int) -> Expect:
        figure_edit(text, 97531 + i)
        return Expect(page, tool.shown_number(97531 + i))

    def province(i: int) -> Expect:
        names = generate.provinces()
        chosen = names[(names.index(new_province) + i) % len(names)]
        if chosen == article.province:
            chosen = names[(names.index(chosen) + 1) % len(names)]
        province_edit(text, chosen)
        return Expect(page, tool.province_link(chosen))

    added: list[FileEdit] = []

    def new_page(i: int) -> Expect:
        slug = f"{article.slug}-moi-{tag}{i}"
        copy = FileEdit(tool.article(_renamed(article, slug)))
        added.append(copy)
        mark = f"(bài mới {tag}{i})"
        new = replace_line(text.original, "slug", lambda old: json.dumps(slug))
        new = replace_line(new, "title", lambda old: json.dumps(json.loads(old) + " " + mark,
                                                                ensure_ascii=False))
        copy.write(re.sub(r"^source: .*\n", "", new, count=1, flags=re.MULTILINE))
        return Expect(tool.served_page(_renamed(article, slug)), mark)

    def delete(i: int) -> Expect:
        deleted[i].delete()  # its link leaves the home page's latest pages
        return Expect("", tool.served_page(newest[i]), present=False)

    return [
        EditKind("body", lambda i: Expect(page, body_edit(text, f"{tag}{i}")), [text]),
        EditKind("title", title, [text]),
        EditKind("figure", figure, [text]),
        EditKind("province", province, [text]),
        EditKind("new page", new_page, added),
        EditKind("delete", delete, deleted),
        EditKind("template", lambda i: Expect(page, template_edit(layout, f"{tag}{i}")), [layout]),
    ]


def _renamed(article: generate.Article, slug: str) -> generate.Article:
    from dataclasses import replace
    return replace(article, slug=slug)
