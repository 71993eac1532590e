"""The compiled Markdown parser (markdown-it-pyrs) draws a body byte for byte as
markdown-it-py does, wherever render_markdown lets it: over the fixture's pages,
the pages imported from the seeds, a generated corpus and bodies written to
find the edges of the two parsers."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from digest.content.frontmatter import FENCE
from digest.render.markdown import _compiled, by_markdown_it, render_markdown

pytest.importorskip("markdown_it_pyrs")

REPO = Path(__file__).resolve().parent.parent

EDGES = [
    "# Một\n\n## Hai\n\n### Ba\n\n#### Bốn\n\n##### Năm\n\n###### Sáu\n",
    "Tiêu đề\n=======\n\nPhụ đề\n------\n\ntext",
    "| Chỉ tiêu | Năm 2023 | Ghi chú |\n|:--|--:|:-:|\n| Doanh thu | 1.463 | *ước* |\n| A \\| B | 96,4 | `x` |\n",
    "- một\n- hai\n  - hai rưỡi\n\n1. một\n2) hai\n3. ba\n\n10. mười\n",
    "> trích\n> dẫn\n>\n> > lồng\n\n---\n\n***\n",
    "    mã thụt\n\n```python\nprint('<b>')\n```\n\n~~~\n~~~~\n",
    "Dòng một  \nDòng hai\\\nDòng ba\nDòng bốn",
    "&amp; &copy; &#39; &#x27; &nbsp; &notanentity; 5 < 6 > 4 \"ngoặc\" 'đơn'",
    "*nghiêng* **đậm** ***cả hai*** _gạch_ __dưới__ ~~xoá~~ ~một~ `a*b*`",
    "<b>đậm?</b> <script>alert(1)</script>\n\n<div>\nkhối\n</div>\n",
    "Xem [trang](https://example.gov.vn/a?b=1&c=\"2\") và <https://sotttt.gov.vn> "
    "hoặc <mailto:so@example.vn> và [neo](#muc) và [Tỉnh](//cdn.example.vn/x)",
    "[tham chiếu][a] và [a]\n\n[a]: https://example.vn/đường dẫn \"Tiêu đề\"\n",
    "[javascript](javascript:alert(1)) [data](data:text/html;base64,xx) [vb](vbscript:x)",
    "![ảnh](anh.jpg \"chú thích\") và ![ngoài](https://example.vn/a.png)",
    "[bài khác](khac.md) và [tài liệu](tai-lieu.pdf#trang=2)",
    "Số liệu: 1.463 tỷ đồng, tăng 96,4 %; xếp thứ 12/63.\n\n\n\nHết.",
    "Tab\tở giữa\n\n\t- danh sách thụt tab\n",
    "\\*không nghiêng\\* \\# không tiêu đề \\[không liên kết\\]",
    "Dấu nối Unicode: ‘cong’ “kép” — … ½ ™ Ꮚ \u00a0 \u200b",
    "",
]


def bodies_of(folder: Path) -> list[str]:
    bodies = []
    for path in sorted(folder.rglob("*.md")):
        text = path.read_text(encoding="utf-8")
        head, fence, rest = text.partition(f"\n{FENCE}\n")
        bodies.append(rest if text.startswith(FENCE) and fence else text)
    return bodies


def generated(count: int) -> list[str]:
    sys.path.insert(0, str(REPO / "benchmarks"))
    try:
        import generate
    finally:
        sys.path.remove(str(REPO / "benchmarks"))
    return [generate.make_article(index).body for index in range(count)]


def resolve(href: str) -> str | None:
    """Like link_resolver: a link to a content file moves, one to a missing file breaks."""
    if href.endswith(".md"):
        return None if "missing" in href else "../bai-viet/khac/"
    return "../tep/" + href if href.endswith(".pdf") else href


def picture(src: str):
    return None  # every image left as written: pictures.py is tested on its own


BODIES = {"fixture": lambda: bodies_of(REPO / "tests" / "fixtures"),
          "seeds' pages": lambda: bodies_of(REPO / "content"),
          "generated": lambda: generated(300),
          "edges": lambda: EDGES}


@pytest.mark.parametrize("source", BODIES)
def test_the_compiled_parser_draws_every_body_as_markdown_it_py_does(source):
    bodies = BODIES[source]()
    assert bodies
    drawn_fast = 0
    for body in bodies:
        for args in ((None, None), (resolve, None), (resolve, picture)):
            assert render_markdown(body, *args) == by_markdown_it(body, *args), body[:200]
            drawn_fast += _compiled(body, *args) is not None
    # the comparison is not empty: most bodies take the compiled path
    assert drawn_fast > len(bodies) * 3 // 2


def test_a_body_that_needs_its_links_resolved_or_pictures_shown_is_left_to_markdown_it_py():
    assert _compiled("[bài khác](khac.md)", resolve, None) is None
    assert _compiled("[tài liệu](tai-lieu.pdf)", resolve, None) is None
    assert _compiled("![ảnh](anh.jpg)", resolve, picture) is None
    assert _compiled("[web](https://example.vn)", resolve, picture) is not None
    html, broken = render_markdown("Xem [đây](missing.md).", resolve)
    assert broken == [("missing.md", 0)] and 'href="missing.md"' in html
