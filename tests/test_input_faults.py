"""Inputs the tools must take exactly or refuse clearly (issue 22): seed names
with spaces, quotes, `$()` or Vietnamese letters; figure values a chart cannot
draw; hidden files beside the templates. Each test here failed on the code
before its fix."""

from __future__ import annotations

import shutil
from pathlib import Path

import build
from conftest import REPO, Project
from htmlpage import broken_links, site_pages


def own_templates(project: Project) -> Path:
    """A copy of the real templates the test may litter."""
    templates = project.root / "templates"
    shutil.copytree(REPO / "templates", templates)
    project.write_config(templates_dir="templates")
    return templates


# --- hidden files are never published (fault 12) --------------------------------

LITTER = [".style.css.swp", ".DS_Store", ".git-old/config", ".git-old/objects/ab/cdef",
          "vendor/.DS_Store"]


def test_hidden_files_beside_the_templates_are_never_published(project):
    templates = own_templates(project)
    static = templates / "static"
    for rel in LITTER:
        (static / rel).parent.mkdir(parents=True, exist_ok=True)
        (static / rel).write_bytes(b"secret notes")
    assert project.build() == 0
    published = {p.relative_to(project.site / "static").as_posix()
                 for p in (project.site / "static").rglob("*") if p.is_file()}
    assert not any(part.startswith(".") for rel in published for part in rel.split("/"))
    expected = {p.relative_to(static).as_posix() for p in static.rglob("*") if p.is_file()
                and not any(part.startswith(".") for part in p.relative_to(static).parts)}
    assert published == expected
    # The pages still find the design: every asset they load is there.
    pages = site_pages(project.site)
    assert any(url.endswith("style.css") for page in pages.values() for url in page.hrefs("link"))
    assert broken_links(project.site, pages) == []


def test_an_editor_swap_file_in_templates_does_not_invalidate_the_cache(project):
    from digest.config import load_config
    from digest.pipeline import build as run_build

    templates = own_templates(project)
    config = load_config(project.config)
    assert run_build(config, out=lambda line: None).rendered > 0
    (templates / ".base.html.swp").write_bytes(b"vim swap")
    (templates / "static" / ".DS_Store").write_bytes(b"finder")
    again = run_build(config, out=lambda line: None)
    assert not again.errors and again.rendered == 0   # nothing to redo: no input changed
    base = templates / "base.html"
    base.write_text(base.read_text("utf-8").replace("</body>", "<!-- x --></body>"), "utf-8")
    assert run_build(config, out=lambda line: None).rendered > 0   # a real edit still counts
