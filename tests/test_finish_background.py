"""The preview's finishing build runs in a forked process (util/forked.py): a new
save ends it at once, workers and all, whatever it was doing; it never leaves
the output folder half moved; and the preview goes on from its own model, so
the quick rebuilds after it still end as a cold build does."""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

import pytest

from digest.util import forked
from test_incremental import cold_build, own_templates, tree  # noqa: F401 (fixture)
from test_quick import preview, save  # noqa: F401 (fixture)

pytestmark = pytest.mark.skipif(not forked.available(), reason="no fork here: it runs in-process")


def wait_for(path, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while not path.exists():
        assert time.monotonic() < deadline, f"{path} never appeared"
        time.sleep(0.01)


def running_in_group(group: int) -> list[int]:
    """The processes of a process group that still run (an ended worker whose parent
    has gone may stay a zombie until init reaps it: it runs no more)."""
    running = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rpartition(")")[2].split()
        except OSError:
            continue  # gone while we looked
        state, pgrp = fields[0], int(fields[2])
        if pgrp == group and state not in "ZX":
            running.append(int(stat.parent.name))
    return running


@pytest.mark.parametrize("parallel", [False, True])
def test_a_save_ends_the_finishing_build_at_once_and_it_writes_nothing(
        own_templates, preview, tmp_path, monkeypatch, parallel):
    import digest.render.environment as environment

    if parallel:  # the pages spread over worker processes, as on a large site
        monkeypatch.setattr("digest.util.parallel.MIN_ITEMS", 2)
    save(own_templates, preview, "summary")
    written = tree(own_templates.site)
    busy = tmp_path / "busy"
    real = environment.render_page

    def slow_render_page(page, env):  # (in the forked build: a page that takes a minute)
        busy.touch()
        time.sleep(60)
        return real(page, env)
    monkeypatch.setattr("digest.render.stage.render_page", slow_render_page)

    assert not preview.finish_saves(wait=False)    # started, not waited for
    child = preview.finishing.pid
    wait_for(busy)                                 # it is rendering
    started = time.monotonic()
    preview.stop_finishing()                       # the save came
    assert time.monotonic() - started < 5          # not the minute the page would take
    # nothing of it runs on, workers included (they may take a moment to go: the
    # signal ended them, and a busy machine schedules their exit)
    deadline = time.monotonic() + 5
    while running_in_group(child) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert running_in_group(child) == []
    assert tree(own_templates.site) == written     # and it wrote nothing
    assert preview.last.full_due                   # it is still to come
    monkeypatch.setattr("digest.render.stage.render_page", real)
    save(own_templates, preview, "figure value")   # the new save: quick, at once
    assert preview.finish_saves()
    assert not preview.last.full_due
    assert tree(own_templates.site) == cold_build(own_templates, tmp_path)


def test_after_a_finishing_build_a_template_edit_draws_from_the_model_as_it_is(
        own_templates, preview, tmp_path):
    save(own_templates, preview, "summary")       # a front-matter save: the lists follow
    assert preview.finish_saves()
    assert preview.last.pages is None              # the plan stayed in the forked process
    article = next(url for url in preview.last.urls_by_path.values())
    preview.visit(article)
    result = save(own_templates, preview, "template")
    assert result.rendered == 1                    # the page shown, planned here again
    preview.finish_saves()
    assert tree(own_templates.site) == cold_build(own_templates, tmp_path)


def test_moving_files_in_is_never_cut_short_by_sigterm(tmp_path):
    """SIGTERM (how the preview ends a finishing build) during the renames waits for
    the last of them: the folder holds the new build whole, then the process ends."""
    from digest.write.folder import _Undo, begin_stage

    out = tmp_path / "site"
    first = begin_stage(out)
    first.add_all((f"p{n}.html", b"old") for n in range(20))
    first.commit("one")
    pid = os.fork()
    if pid == 0:  # the build being ended
        try:
            staged = begin_stage(out)
            staged.add_all((f"p{n}.html", b"new") for n in range(20))
            real = _Undo.replace

            def replace(self, source, rel):
                if rel == "p3.html":
                    os.kill(os.getpid(), signal.SIGTERM)  # halfway through
                return real(self, source, rel)
            _Undo.replace = replace
            staged.commit("two", {f"p{n}.html" for n in range(20)})
        finally:
            os._exit(0)  # (not reached when SIGTERM ends it, as it should)
    _pid, status = os.waitpid(pid, 0)
    assert os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGTERM
    assert {p.read_bytes() for p in out.glob("p*.html")} == {b"new"}
    assert len(list(out.glob("p*.html"))) == 20


def test_after_a_finishing_build_an_edition_shows_the_site_as_it_is(own_templates, preview,
                                                                     tmp_path):
    """The editions the preview makes on request are planned again from its own model
    (the finishing build planned its own in the forked process)."""
    from gates import require_tool
    require_tool("weasyprint")
    require_tool("pypdf")
    import pypdf

    own_templates.write_config(title="Bản tin thử nghiệm", templates_dir=own_templates.templates,
                               yearbook=True)
    assert preview.rebuild(paths=[str(own_templates.config)]).editions  # planned, not made
    save(own_templates, preview, "add")            # a new page, of review year 2021
    assert preview.finish_saves()
    assert preview.editions is None                # to plan again, when one is asked for
    data = preview.edition("nam/2021/nien-giam-2021.pdf")
    assert data and data.startswith(b"%PDF-")
    (tmp_path / "2021.pdf").write_bytes(data)
    pages = pypdf.PdfReader(str(tmp_path / "2021.pdf")).pages
    assert any("Bài mới" in page.extract_text() for page in pages)
