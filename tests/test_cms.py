"""The editing page admin/ (digest/outputs/cms.py): written only with `cms:`,
a configuration the CMS's own schema accepts, the pinned script with its
hash, and kept out of the sitemap, feeds, search index and robots."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml

from digest.config import ConfigError, load_config
from digest.outputs.cms import SVELTIA_SRI, SVELTIA_URL, SVELTIA_VERSION
from domtree import parse_tree
from gates import require_tool

BASE = "https://example.github.io/ictdigest/"


def with_cms(project, block: str = "cms:\n  repo: so-kh-cn/toan-canh\n") -> None:
    project.write_config(title="Bản tin thử nghiệm", base_url=BASE)
    with project.config.open("a", encoding="utf-8") as config:
        config.write(block)


def everything_written(site: Path) -> str:
    """Every file a reader or crawler gets, but admin/ itself and robots.txt, joined
    (the hidden record of what the build wrote lists admin/ too: it is for the build)."""
    return "\n".join(p.read_text(encoding="utf-8", errors="replace")
                     for p in site.rglob("*") if p.is_file() and "admin" not in p.parts
                     and p.name != "robots.txt" and not p.name.startswith("."))


def test_without_cms_nothing_of_it_is_written(built):
    assert not (built.site / "admin").exists()
    assert "admin" not in {p.name for p in built.site.rglob("*")}
    robots = (built.site / "robots.txt").read_text(encoding="utf-8").splitlines()
    assert "Disallow: /admin/" in robots


def test_with_cms_the_page_and_its_configuration(project):
    with_cms(project, "cms:\n  repo: so-kh-cn/toan-canh\n  branch: ban-tin\n"
                      "  oauth_url: https://auth.example.workers.dev/\n")
    assert project.build() == 0
    config = yaml.safe_load((project.site / "admin/config.yml").read_text(encoding="utf-8"))
    assert config["backend"] == {"name": "github", "repo": "so-kh-cn/toan-canh",
                                 "branch": "ban-tin",
                                 "base_url": "https://auth.example.workers.dev"}
    assert config["publish_mode"] == "editorial_workflow"
    pages = config["collections"][0]
    assert pages["folder"] == "content" and pages["path"] == "{{fields.date}}-{{slug}}"
    fields = {f["name"]: f for f in pages["fields"]}
    assert fields["draft"]["default"] is True
    assert fields["slug"]["readonly"] is True and fields["source"]["widget"] == "hidden"
    assert fields["date"]["format"] == "YYYY-MM-DD" and fields["date"]["time_format"] is False
    assert fields["body"]["widget"] == "markdown"
    html = parse_tree(project.site / "admin/index.html")
    script = html.find_all("script")[1]   # after the line that asks it to wait for preview.js
    assert script.attrs["src"] == SVELTIA_URL and f"@{SVELTIA_VERSION}/" in SVELTIA_URL
    assert script.attrs["integrity"] == SVELTIA_SRI and script.attrs["crossorigin"] == "anonymous"
    # the preview's stylesheet: the site's own, found from admin/
    preview = (project.site / "admin/preview.js").read_text(encoding="utf-8")
    style = json.loads(preview.split("var STYLE = ")[1].split(";")[0])
    assert (project.site / "admin" / style).resolve() == (project.site / "static/style.css")
    assert (project.site / "static/style.css").is_file()
    robots = (project.site / "robots.txt").read_text(encoding="utf-8").splitlines()
    assert "Disallow: /ictdigest/admin/" in robots
    # the sitemap, feeds, search index and data never name the editing page
    assert (project.site / "sitemap.xml").is_file() and (project.site / "feed.xml").is_file()
    assert (project.site / "tim-kiem/chi-muc.js").is_file()
    assert "admin" not in everything_written(project.site)


def test_the_configuration_is_valid_for_the_cms(project):
    """admin/config.yml against the JSON Schema that the pinned CMS package ships."""
    script = Path(require_tool("sveltia-cms.js"))
    schema = json.loads((script.parents[1] / "schema/sveltia-cms.json").read_text(encoding="utf-8"))
    with_cms(project)
    assert project.build() == 0
    config = yaml.safe_load((project.site / "admin/config.yml").read_text(encoding="utf-8"))
    errors = [f"{list(e.absolute_path)}: {e.message}"
              for e in jsonschema.Draft7Validator(schema).iter_errors(config)]
    assert errors == []
    broken = {**config, "publish_mode": "straight away"}
    assert not jsonschema.Draft7Validator(schema).is_valid(broken)


@pytest.mark.parametrize("block,error", [
    ("cms: so-kh-cn/toan-canh\n", "cms: must be a block"),
    ("cms:\n  branch: main\n", "cms: repo: must be the GitHub repository as owner/name"),
    ("cms:\n  repo: toan-canh\n", "cms: repo: must be the GitHub repository as owner/name"),
    ("cms:\n  repo: a/b\n  branch: ''\n", "cms: branch: must be a branch name"),
    ("cms:\n  repo: a/b\n  oauth_url: http://auth.example\n", "cms: oauth_url: must be a full"),
    ("cms:\n  repo: a/b\n  repository: a/b\n", "cms: repository: unknown setting"),
])
def test_a_wrong_cms_block_is_a_clear_error(tmp_path, block, error):
    path = tmp_path / "config.yaml"
    path.write_text(block, encoding="utf-8")
    with pytest.raises(ConfigError) as raised:
        load_config(path)
    assert error in str(raised.value)


def test_cms_defaults(tmp_path):
    path = tmp_path / "config.yaml"
    path.write_text("cms:\n  repo: so-kh-cn/toan-canh\n", encoding="utf-8")
    cms = load_config(path).cms
    assert (cms.repo, cms.branch, cms.oauth_url) == ("so-kh-cn/toan-canh", "main", "")
    path.write_text("cms: null\n", encoding="utf-8")
    assert load_config(path).cms is None
