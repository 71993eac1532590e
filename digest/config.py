"""config.yaml: one schema with defaults, types and errors that name the key.

Every setting the site reads is declared once in `Config` below, with its
type, default and meaning; `python build.py --help` and the README's
configuration table are this list.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from pathlib import Path

import yaml


class ConfigError(Exception):
    """All problems of a config file at once, one per line."""


def setting(default, help: str):
    """One config.yaml key: its default and what it means, declared together
    (`python build.py --help` and the README's table come from these)."""
    return field(default=default, metadata={"help": help})


@dataclass(frozen=True)
class Config:
    title: str = setting("Toàn cảnh thông tin và truyền thông các tỉnh",
                         "the digest's title, shown on every page")
    intro: str = setting("Tổng hợp kết quả và nhiệm vụ hằng năm của các Sở Thông tin "
                         "và Truyền thông, theo tỉnh và theo năm.",
                         "the paragraph under the title on the home page")
    base_url: str = setting("", "the published address, e.g. https://user.github.io/repo/ "
                                "(absolute links only)")
    language: str = setting("vi", "the pages' lang attribute")
    content_dir: str = setting("content", "folder of the Markdown pages")
    seeds_dir: str = setting("seeds", "folder of the raw article texts")
    templates_dir: str = setting("templates", "folder of the Jinja templates and static files")
    output_dir: str = setting("site", "folder the site is written to")
    latest_count: int = setting(10, "how many of the newest pages the home page lists")
    keep: tuple = setting((), "files or folders in output_dir that the build never removes, "
                              "matched as in .gitignore (* within a folder, ** across "
                              "folders), e.g. [README.md, \"docs/**\"] (.git and CNAME are "
                              "always kept)")
    # Not settings: where the configuration was read from.
    root: Path = Path(".")      # the folder config.yaml is in; relative paths start there
    file: Path = Path("config.yaml")  # the configuration file itself (it may not exist)

    def path(self, name: str) -> Path:
        """A configured folder (content_dir, output_dir…) as a path from `root`."""
        return self.root / getattr(self, name)


SETTINGS = {f.name: f for f in fields(Config) if "help" in f.metadata}
# What each key means, for `python build.py --help` and the README.
SCHEMA_HELP = {name: f.metadata["help"] for name, f in SETTINGS.items()}

_TYPE_NAMES = {str: "text", int: "a whole number", tuple: "a list of texts, e.g. [CNAME, README.md]"}


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
            raise ConfigError(f"{path}: cannot be read as YAML: {err}") from None
        if not isinstance(data, dict):
            raise ConfigError(f"{path}: must be 'key: value' lines")
    data.update({k: v for k, v in overrides.items() if v is not None})

    known = SETTINGS
    errors, values = [], {}
    for key, value in data.items():
        if key not in known:
            hint = ", ".join(sorted(known))
            errors.append(f"{path}: {key}: unknown setting — the settings are: {hint}")
            continue
        expected = type(known[key].default)
        if expected is tuple and isinstance(value, list) \
                and all(isinstance(v, str) and v.strip() for v in value):
            value = tuple(v.strip().strip("/") for v in value)
        if expected is int and isinstance(value, bool) or not isinstance(value, expected):
            errors.append(f"{path}: {key}: must be {_TYPE_NAMES[expected]}, "
                          f"not {value!r}")
            continue
        values[key] = value
    for pattern in values.get("keep", ()):
        if ".." in pattern.split("/"):
            errors.append(f"{path}: keep: {pattern!r} leaves the output folder — name files "
                          "inside it, such as README.md or docs/**")
    if isinstance(values.get("latest_count"), int) and values["latest_count"] < 0:
        errors.append(f"{path}: latest_count: must be 0 or more")
    if values.get("base_url") and not values["base_url"].startswith(("https://", "http://")):
        errors.append(f"{path}: base_url: must be a full address such as "
                      f"https://user.github.io/repo/, not {values['base_url']!r}")
    if errors:
        raise ConfigError("\n".join(errors))
    base = values.get("base_url", "")
    if base and not base.endswith("/"):
        values["base_url"] = base + "/"
    return Config(root=path.parent, file=path, **values)
