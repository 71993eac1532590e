"""config.yaml: one schema with defaults, types and errors that name the key.

Every setting the site reads is declared once in `Config` below, with its
type, default and meaning; `python build.py --help` and the README's
configuration table are this list.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from pathlib import Path

import re

import yaml

from digest.i18n import N_, _


class ConfigError(Exception):
    """All problems of a config file at once, one per line."""


def setting(default, help: str):
    """One config.yaml key: its default and what it means, declared together
    (`python build.py --help` and the README's table come from these)."""
    return field(default=default, metadata={"help": help})


@dataclass(frozen=True)
class CmsSettings:
    """The `cms:` block: the in-browser editing page (admin/, Sveltia CMS)."""

    repo: str                  # owner/name of the GitHub repository the CMS commits to
    branch: str = "main"       # the branch its pull requests go to
    oauth_url: str = ""        # an OAuth proxy's address, for "Sign in with GitHub"


CMS_KEYS = {"repo": N_("owner/name of the GitHub repository, e.g. so-kh-cn/toan-canh"),
            "branch": N_("the branch pull requests go to (default main)"),
            "oauth_url": N_("optional: the address of an OAuth proxy for signing in with "
                            "GitHub, e.g. https://auth.example.workers.dev")}
_REPO = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})/[A-Za-z0-9._-]{1,100}$")


@dataclass(frozen=True)
class Config:
    title: str = setting("Toàn cảnh thông tin và truyền thông các tỉnh",
                         N_("the digest's title, shown on every page"))
    intro: str = setting("Tổng hợp kết quả và nhiệm vụ hằng năm của các Sở Thông tin "
                         "và Truyền thông (đến năm 2025) và các Sở Khoa học và Công nghệ "
                         "(từ năm 2025), theo tỉnh và theo năm.",
                         N_("the paragraph under the title on the home page"))
    base_url: str = setting("", N_("the published address, e.g. https://user.github.io/repo/ "
                                   "(absolute links only)"))
    language: str = setting("vi", N_("the pages' lang attribute, and the language of "
                                              "messages (vi or en) unless --lang says"))
    content_dir: str = setting("content", N_("folder of the Markdown pages"))
    seeds_dir: str = setting("seeds", N_("folder of the raw article texts"))
    templates_dir: str = setting("templates", N_("folder of the Jinja templates and static files"))
    output_dir: str = setting("site", N_("folder the site is written to"))
    latest_count: int = setting(10, N_("how many of the newest pages the home page lists"))
    max_image_mb: int = setting(20, N_("the largest image under content_dir, in MB: a bigger "
                                       "one is an error"))
    max_document_mb: int = setting(10, N_("the largest document (PDF, DOCX, XLSX, ODT) under "
                                          "content_dir, in MB: a bigger one is an error"))
    keep: tuple = setting((), N_("files or folders in output_dir that the build never removes, "
                                 "matched as in .gitignore (* within a folder, ** across "
                                 "folders), e.g. [README.md, \"docs/**\"] (.git and CNAME are "
                                 "always kept)"))
    cms: CmsSettings | None = setting(None, N_(
        "the in-browser editing page admin/ (Sveltia CMS): a block with repo: owner/name, "
        "and optionally branch (main) and oauth_url; without it no admin/ is written"))
    yearbook: object = setting("auto", N_("each year's printable PDF edition, "
                                          "nam/<YYYY>/nien-giam-<YYYY>.pdf: auto (made when "
                                          "WeasyPrint can be loaded), true or false"))
    # Not settings: where the configuration was read from.
    root: Path = Path(".")      # the folder config.yaml is in; relative paths start there
    file: Path = Path("config.yaml")  # the configuration file itself (it may not exist)

    def path(self, name: str) -> Path:
        """A configured folder (content_dir, output_dir…) as a path from `root`."""
        return self.root / getattr(self, name)


def cms_settings(value, path: Path, errors: list[str]) -> CmsSettings | None:
    """The `cms:` block read, its faults added to `errors`; null turns the CMS off."""
    if value is None:
        return None
    if not isinstance(value, dict):
        errors.append(_("{file}: cms: must be a block of 'key: value' lines (repo: owner/name, "
                        "branch: main), not {value}").format(file=path, value=repr(value)))
        return None
    for key in value.keys() - CMS_KEYS.keys():
        errors.append(_("{file}: cms: {key}: unknown setting — the settings are: "
                        "{settings}").format(file=path, key=key, settings=", ".join(CMS_KEYS)))
    repo, branch = value.get("repo"), value.get("branch", "main")
    oauth_url = value.get("oauth_url") or ""
    count = len(errors)
    if not isinstance(repo, str) or not _REPO.match(repo.strip()):
        errors.append(_("{file}: cms: repo: must be the GitHub repository as owner/name, "
                        "e.g. so-kh-cn/toan-canh, not {value}").format(
            file=path, value=repr(repo)))
    if not isinstance(branch, str) or not branch.strip() or " " in branch.strip():
        errors.append(_("{file}: cms: branch: must be a branch name such as main, not "
                        "{value}").format(file=path, value=repr(branch)))
    if not isinstance(oauth_url, str) or oauth_url and not oauth_url.startswith("https://"):
        errors.append(_("{file}: cms: oauth_url: must be a full https:// address, not "
                        "{value}").format(file=path, value=repr(oauth_url)))
    if len(errors) > count:
        return None
    return CmsSettings(repo.strip(), branch.strip(), oauth_url.strip().rstrip("/"))


SETTINGS = {f.name: f for f in fields(Config) if "help" in f.metadata}
# What each key means, for `python build.py --help` and the README.
SCHEMA_HELP = {name: f.metadata["help"] for name, f in SETTINGS.items()}

_TYPE_NAMES = {str: N_("text"), int: N_("a whole number"),
               tuple: N_("a list of texts, e.g. [CNAME, README.md]")}


def load_config(path: str | Path = "config.yaml", **overrides) -> Config:
    """Read config.yaml (a missing file means all defaults) and apply overrides.

    Raises ConfigError listing every wrong key, not only the first.
    """
    path = Path(path)
    data: dict = {}
    if path.exists():
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        except (yaml.YAMLError, UnicodeDecodeError) as err:
            raise ConfigError(_("{file}: cannot be read as YAML: {error}").format(
                file=path, error=err)) from None
        if not isinstance(data, dict):
            raise ConfigError(_("{file}: must be 'key: value' lines").format(file=path))
    data.update({k: v for k, v in overrides.items() if v is not None})

    known = SETTINGS
    errors, values = [], {}
    for key, value in data.items():
        if key == "cms":
            values[key] = cms_settings(value, path, errors)
            continue
        if key not in known:
            hint = ", ".join(sorted(known))
            errors.append(_("{file}: {key}: unknown setting — the settings are: {settings}")
                          .format(file=path, key=key, settings=hint))
            continue
        if key == "yearbook":
            if not (value == "auto" or isinstance(value, bool)):  # (1 == True: not `in`)
                errors.append(_("{file}: yearbook: must be auto, true or false, not {value}")
                              .format(file=path, value=repr(value)))
            else:
                values[key] = value
            continue
        expected = type(known[key].default)
        if expected is tuple and isinstance(value, list) \
                and all(isinstance(v, str) and v.strip() for v in value):
            value = tuple(v.strip().strip("/") for v in value)
        if expected is int and isinstance(value, bool) or not isinstance(value, expected):
            errors.append(_("{file}: {key}: must be {kind}, not {value}").format(
                file=path, key=key, kind=_(_TYPE_NAMES[expected]), value=repr(value)))
            continue
        values[key] = value
    for pattern in values.get("keep", ()):
        if ".." in pattern.split("/"):
            errors.append(_("{file}: keep: {pattern} leaves the output folder — name files "
                            "inside it, such as README.md or docs/**").format(
                file=path, pattern=repr(pattern)))
    if isinstance(values.get("latest_count"), int) and values["latest_count"] < 0:
        errors.append(_("{file}: latest_count: must be 0 or more").format(file=path))
    for key in ("max_image_mb", "max_document_mb"):
        if isinstance(values.get(key), int) and values[key] < 1:
            errors.append(_("{file}: {key}: must be 1 or more").format(file=path, key=key))
    if values.get("base_url") and not values["base_url"].startswith(("https://", "http://")):
        errors.append(_("{file}: base_url: must be a full address such as "
                        "https://user.github.io/repo/, not {value}").format(
            file=path, value=repr(values["base_url"])))
    if errors:
        raise ConfigError("\n".join(errors))
    base = values.get("base_url", "")
    if base and not base.endswith("/"):
        values["base_url"] = base + "/"
    return Config(root=path.parent, file=path, **values)
