"""The preview's finishing build (serve.Preview.finish_saves): the full build that
follows quick rebuilds gives way to a new save, writes nothing then, and runs again
after, so the site still ends as a cold build makes it."""

from __future__ import annotations

import pytest

from test_incremental import cold_build, own_templates, tree  # noqa: F401 (fixture)
from test_quick import preview, save  # noqa: F401 (fixture)


@pytest.mark.parametrize("parallel", [False, True])
def test_a_save_during_the_finishing_build_stops_it_and_loses_nothing(own_templates, preview,
                                                                      tmp_path, monkeypatch,
                                                                      parallel):
    if parallel:  # the rendering spread over worker processes, as on a large site
        monkeypatch.setattr("digest.util.parallel.MIN_ITEMS", 2)
    save(own_templates, preview, "summary")
    written = tree(own_templates.site)
    asked = []

    def new_save_came() -> bool:  # a save arrives while the pages are being rendered
        asked.append(1)
        return len(asked) > 1

    assert not preview.finish_saves(stop=new_save_came)
    assert len(asked) > 1                          # it was stopped, not finished
    assert tree(own_templates.site) == written     # and wrote nothing
    assert preview.last.full_due                   # it is still to come
    save(own_templates, preview, "figure value")   # the new save: quick, at once
    preview.finish_saves(stop=lambda: False)
    assert not preview.last.full_due
    assert tree(own_templates.site) == cold_build(own_templates, tmp_path)


def test_the_keys_of_a_plan_ask_stop_as_they_go(preview):
    from digest.render.stage import page_keys
    from digest.util.parallel import Stopped

    asked = []
    keys = page_keys(preview.last.pages, lambda: asked.append(1) and False, every=1)
    assert len(keys) == len(preview.last.pages) == len(asked)
    with pytest.raises(Stopped):
        page_keys(preview.last.pages, lambda: True)


def test_the_feeds_and_data_files_ask_stop_between_files(own_templates, preview, monkeypatch):
    import digest.render.stage as stage
    from digest.util.parallel import Stopped

    made = []

    def publish_files(*args):
        for url, data in real(*args):
            made.append(url)
            yield url, data
    real = stage.publish_files
    monkeypatch.setattr(stage, "publish_files", publish_files)
    save(own_templates, preview, "summary")  # the feeds and data files show the summary
    preview.cache.sites.clear()          # (so the full build renders everything)
    from digest.pipeline import build
    with pytest.raises(Stopped):
        build(preview.config, cache=preview.cache, out=lambda line: None, save_cache=False,
              changed=True, stop=lambda: bool(made))
    assert len(made) == 1               # given up after the first file, not at the end
