import os
import shutil
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

# On a busy 2-core CI machine timing is noise, not a finding: no deadline, and no
# "too slow" check (a fresh clone spends its first draw building Unicode tables).
settings.register_profile("ci", deadline=None, suppress_health_check=[HealthCheck.too_slow])
# HYPOTHESIS_PROFILE=deep searches longer than the 100 examples a test of the default.
settings.register_profile("deep", parent=settings.get_profile("ci"), max_examples=3000)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import build  # noqa: E402  (the entry point, imported after sys.path is set)
from gates import browser, http_server  # noqa: E402,F401  (session fixtures of the gates)


class Project:
    """A throwaway project folder: fixture content, the real templates, a config."""

    def __init__(self, root: Path):
        self.root = root
        self.content = root / "content"
        self.site = root / "site"
        self.config = root / "config.yaml"

    def write_config(self, **settings) -> None:
        settings.setdefault("templates_dir", str(REPO / "templates"))
        # The yearly PDF editions cost about half a second a year: only the tests of
        # them (test_yearbook.py) and the gates' sites make them.
        settings.setdefault("yearbook", False)
        settings.setdefault("seeds_dir", "seeds")
        lines = [f"{key}: {value!r}" if isinstance(value, str) else f"{key}: {value}"
                 for key, value in settings.items()]
        self.config.write_text("\n".join(lines) + "\n", encoding="utf-8")

    def build(self, *args: str) -> int:
        return build.main(["build", "--config", str(self.config), *args])

    def page(self, rel: str):
        from htmlpage import parse_page
        return parse_page(self.site / rel)

    def write(self, rel: str, text: str) -> Path:
        path = self.content / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return path


@pytest.fixture(autouse=True)
def in_english(monkeypatch):
    """Tests read messages in English, the language they are written in (--lang en):
    tests of the Vietnamese ones (the default) ask for it (DIGEST_LANG=vi, --lang vi)."""
    from digest import i18n

    monkeypatch.setenv(i18n.ENV, "en")
    i18n.use("en")
    yield
    i18n.use("en")


@pytest.fixture(autouse=True)
def not_on_ci(monkeypatch):
    """Tests build as on an editor's computer even when CI runs them: on CI
    (CI, GITHUB_ACTIONS) the build does not import seeds. Tests of that set them."""
    monkeypatch.delenv("CI", raising=False)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)


@pytest.fixture
def project(tmp_path) -> Project:
    proj = Project(tmp_path)
    shutil.copytree(FIXTURES / "content", proj.content)
    (tmp_path / "seeds").mkdir()
    proj.write_config(title="Bản tin thử nghiệm", intro="Giới thiệu <em>thử</em>.")
    return proj


@pytest.fixture
def built(project) -> Project:
    assert project.build() == 0
    return project
