"""The real CMS in headless Chromium: a page made through the form is one that
`check` passes and `build` shows with its figure.

Sveltia CMS (the version digest/outputs/cms.py pins, installed by .ci/run into
.cache/npm) runs from the built admin/ over http://127.0.0.1, offline: its
CDN address is answered with the npm package's file (after checking that the
file has the hash admin/index.html asks for), and every other request off
the machine is refused. Its "Work with Local Repository" mode, which Chromium
serves through the File System Access API, is given the origin-private file
system (OPFS) holding a copy of the project's content instead of a folder
picker: the form writes the new page there, the test reads it back, puts it
in the project and runs `check` and `build`.
"""

from __future__ import annotations

import base64
import hashlib
import os
import re
import time
from pathlib import Path

import pytest
import yaml

import build
from conftest import Project
from domtree import parse_tree
from gates import require_tool, serve
from digest.outputs.cms import SVELTIA_SRI, SVELTIA_URL
from digest.util.text import slugify

# Screenshots of the form, for a person to look at: written where DIGEST_SHOTS names.
SHOTS = os.environ.get("DIGEST_SHOTS")
IMMUTABLE = re.compile(r"https://unpkg\.com/immutable@[^/]+/dist/immutable\.es\.js$")
TITLE = "Đắk Lắk: kết quả năm 2024 và nhiệm vụ năm 2025"
SENTENCE = "Doanh thu viễn thông đạt 1.250 tỷ đồng."

# The folder picker, replaced: the CMS gets the OPFS root, as a picker would give a folder.
PICKER = "window.showDirectoryPicker = async () => navigator.storage.getDirectory();"
FILL_OPFS = """async (files) => {
  const root = await navigator.storage.getDirectory();
  await root.getDirectoryHandle('.git', {create: true});   // the CMS asks for a repository
  for (const [path, text] of Object.entries(files)) {
    const parts = path.split('/');
    let dir = root;
    for (const part of parts.slice(0, -1)) dir = await dir.getDirectoryHandle(part, {create: true});
    const file = await dir.getFileHandle(parts.at(-1), {create: true});
    const out = await file.createWritable();
    await out.write(text);
    await out.close();
  }
}"""
READ_CONTENT = """async () => {
  const dir = await (await navigator.storage.getDirectory()).getDirectoryHandle('content');
  const found = {};
  try {
    for await (const [name, handle] of dir.entries())
      if (handle.kind === 'file' && name.endsWith('.md'))
        found[name] = await (await handle.getFile()).text();
  } catch (err) {
    return null;   // a file being written (its swap file moves in place): look again
  }
  return found;
}"""


def sri(data: bytes) -> str:
    return "sha384-" + base64.b64encode(hashlib.sha384(data).digest()).decode()


@pytest.fixture
def cms_project(project) -> Project:
    proj = project
    # English labels (the catalog's Vietnamese ones are the lead's to merge): the form is
    # found by them
    proj.write_config(title="Bản tin thử nghiệm", language="en")
    with proj.config.open("a", encoding="utf-8") as config:
        config.write("cms:\n  repo: so-kh-cn/toan-canh\n")
    assert proj.build() == 0
    return proj


def test_the_pinned_script_is_the_npm_package_file():
    script = Path(require_tool("sveltia-cms.js"))
    assert sri(script.read_bytes()) == SVELTIA_SRI


def open_cms(browser, project: Project, server, width: int):
    """A page of the CMS over the project's content, signed in to the local repository."""
    script_path = Path(require_tool("sveltia-cms.js"))
    script = script_path.read_bytes()
    immutable = script_path.parents[3] / "immutable/dist/immutable.es.js"
    react_dom = script_path.parent / "chunks/react-dom.js"   # the package's own chunk
    context = browser.new_context(viewport={"width": width, "height": 900}, locale="en-US")
    offline = []

    def answer(route):
        url = route.request.url
        if url == SVELTIA_URL:
            return route.fulfill(body=script, content_type="text/javascript",
                                 headers={"Access-Control-Allow-Origin": "*"})
        if url == SVELTIA_URL.rsplit("/", 1)[0] + "/chunks/react-dom.js":
            return route.fulfill(path=str(react_dom), content_type="text/javascript",
                                 headers={"Access-Control-Allow-Origin": "*"})
        if IMMUTABLE.match(url):
            return route.fulfill(path=str(immutable), content_type="text/javascript",
                                 headers={"Access-Control-Allow-Origin": "*"})
        if url.startswith(server.url):
            return route.continue_()
        offline.append(url)   # fonts and icons from the CDN: refused, the form works without
        return route.abort()

    context.route("**/*", answer)
    context.add_init_script(PICKER)
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda err: errors.append(str(err)))
    page.goto(server.url + "admin/index.html")
    files = {f"content/{p.relative_to(project.content).as_posix()}": p.read_text(encoding="utf-8")
             for p in project.content.rglob("*.md")}
    page.evaluate(FILL_OPFS, files)
    page.get_by_role("button", name="Work with Local Repository").click()
    page.wait_for_function("location.hash.startsWith('#/collections')")
    page.evaluate("location.hash = '#/collections/pages/new'")   # "New" is an icon on a phone
    page.get_by_role("textbox", name="Title").wait_for()
    return context, page, errors


def fill_the_form(page) -> None:
    page.get_by_role("textbox", name="Title").fill(TITLE)
    page.get_by_role("textbox", name="Date").fill("2025-01-15")
    page.get_by_role("combobox", name="Province").click()
    page.get_by_role("option", name="Đắk Lắk", exact=True).click()
    page.get_by_role("spinbutton", name="Review year").fill("2024")
    page.get_by_role("spinbutton", name="Plan year").fill("2025")
    page.get_by_role("textbox", name="Summary").fill("Doanh thu viễn thông năm 2024.")
    page.get_by_role("button", name=re.compile("Add .?Key figures")).click()
    page.get_by_role("spinbutton", name="Number").fill("1250")
    page.get_by_role("textbox", name="Unit").fill("tỷ đồng")
    page.get_by_role("textbox", name="Sentence").fill(SENTENCE)
    page.get_by_role("combobox", name="Metric").click()
    page.get_by_role("option", name="Doanh thu viễn thông", exact=True).click()
    page.get_by_role("spinbutton", name="Year", exact=True).fill("2024")
    page.get_by_role("textbox", name="Text", exact=True).click()
    page.keyboard.type("Năm 2024, " + SENTENCE[0].lower() + SENTENCE[1:])


PREVIEW = """() => ({
  h1: document.querySelector('article h1')?.textContent,
  facts: document.querySelector('dl.meta')?.textContent,
  body: document.querySelector('.body')?.textContent.trim(),
  figure: [...document.querySelectorAll('table.key-figures tr#so-lieu-1 > *')].map(c => c.textContent),
  styled: [...document.styleSheets].some(s => (s.href || '').endsWith('/static/style.css'))
    && getComputedStyle(document.querySelector('table.key-figures')).borderCollapse === 'collapse',
})"""


def preview_frame(page, seconds: float = 20) -> dict:
    """What the preview pane shows, once it shows the article's title."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        for frame in page.frames[1:]:
            try:
                shown = frame.evaluate(PREVIEW)
            except Exception:   # a frame still loading
                continue
            if shown["h1"] == TITLE and shown["figure"]:
                return shown
        time.sleep(0.2)
    raise AssertionError("the preview pane does not show the article")


def saved_page(page, before: set[str], seconds: float = 20) -> tuple[str, str]:
    """The file the CMS wrote into content/ (name, text), waiting for it."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        found = page.evaluate(READ_CONTENT) or {}
        new = {n: t for n, t in found.items() if n not in before}
        if new:
            return next(iter(new.items()))
        time.sleep(0.2)
    raise AssertionError("the CMS wrote no file into content/")


def test_a_page_made_in_the_cms_passes_check_and_builds_with_its_figure(browser, cms_project,
                                                                        capsys):
    with serve(cms_project.site) as server:
        context, page, errors = open_cms(browser, cms_project, server, 1280)
        try:
            before = {p.name for p in cms_project.content.glob("*.md")}
            fill_the_form(page)
            preview = preview_frame(page)
            shoot(page, "form-1280.png")
            page.get_by_role("button", name="Save", exact=True).click()
            name, text = saved_page(page, before)
        finally:
            context.close()
    assert errors == []
    # the preview: the article's parts, with the site's stylesheet
    assert preview["h1"] == TITLE and preview["body"].startswith("Năm 2024")
    assert "15 tháng 1, 2025" in preview["facts"] and "Đắk Lắk" in preview["facts"]
    assert preview["figure"] == ["Doanh thu viễn thông", "1.250 tỷ đồng", "2024"]
    assert ("/static/style.css", 200) in server.requests
    assert preview["styled"], "the site's stylesheet does not apply in the preview"
    # named as `new` names a page: content/<date>-<slug of the title>.md
    assert name == f"2025-01-15-{slugify(TITLE)}.md"
    assert "draft: true" in text.splitlines()   # the form's default
    (cms_project.content / name).write_text(text, encoding="utf-8")
    capsys.readouterr()
    assert build.main(["check", "--config", str(cms_project.config)]) == 0
    report = capsys.readouterr()
    assert name not in report.out + report.err, "check said something about the new page"
    assert cms_project.build("--drafts") == 0
    article = parse_tree(cms_project.site / f"bai-viet/{slugify(TITLE)}/index.html")
    assert article.find("h1").text == TITLE
    row = article.find("table", class_="key-figures").find("tr", id="so-lieu-1")
    assert "Doanh thu viễn thông" in row.text and "1.250 tỷ đồng" in row.text
    assert "Đắk Lắk" in article.text


IMPORTED = """---
title: Lạng Sơn tổng kết năm 2023
date: 2024-01-10
province: Lạng Sơn
review_year: 2023
authors: [Hoàng Vương]
topics: [Bưu chính, Viễn thông]
summary: Một câu tóm tắt.
source: 001_a843158d56abb632.txt
outlet: Báo Lạng Sơn
slug: lang-son-tong-ket-2023
draft: false
figures:
- {value: 9000, unit: hộp thư điện tử, text: Gần 9.000 hộp thư., metric: email_accounts,
   kind: result, year: 2023, qualifier: gần}
ghi_chu: một khóa của biên tập viên
imported: {by: importer, fingerprint: abc}
---
Thân bài.
"""
READ_FILE = """async (name) => {
  const dir = await (await navigator.storage.getDirectory()).getDirectoryHandle('content');
  return await (await (await dir.getFileHandle(name)).getFile()).text();
}"""


def front_matter(text: str) -> dict:
    return yaml.safe_load(text.split("---\n")[1])


def test_editing_a_page_keeps_the_keys_the_form_does_not_change(browser, cms_project):
    from playwright.sync_api import expect

    """source (hidden), slug (read-only), keys of the editor's own and the importer's
    mark survive a save that changes the title; nothing else changes."""
    (cms_project.content / "imported-2023.md").write_text(IMPORTED, encoding="utf-8")
    with serve(cms_project.site) as server:
        context, page, errors = open_cms(browser, cms_project, server, 1280)
        try:
            page.evaluate("location.hash = '#/collections/pages/entries/imported-2023'")
            title = page.get_by_role("textbox", name="Title")
            expect(title).to_have_value("Lạng Sơn tổng kết năm 2023")
            title.fill("Lạng Sơn tổng kết năm 2023 (sửa)")
            page.get_by_role("button", name="Save", exact=True).click()
            deadline = time.monotonic() + 20
            while "(sửa)" not in (after := page.evaluate(READ_FILE, "imported-2023.md")):
                assert time.monotonic() < deadline, "the CMS did not save the page"
                time.sleep(0.2)
        finally:
            context.close()
    assert errors == []
    before = front_matter(IMPORTED)
    assert front_matter(after) == {**before, "title": "Lạng Sơn tổng kết năm 2023 (sửa)"}
    assert after.endswith("Thân bài.\n")


def test_the_form_at_a_phone_width(browser, cms_project):
    with serve(cms_project.site) as server:
        context, page, errors = open_cms(browser, cms_project, server, 390)
        try:
            page.get_by_role("textbox", name="Title").fill(TITLE)
            shoot(page, "form-390.png")
            # the fields fit the screen: none is wider than it
            width = page.evaluate("document.documentElement.scrollWidth")
        finally:
            context.close()
    assert errors == []
    assert width <= 390


def shoot(page, name: str) -> None:
    """A screenshot for the report, when DIGEST_SHOTS names a folder (not on CI)."""
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(SHOTS) / name))
