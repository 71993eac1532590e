"""admin/: the in-browser editing page (Sveltia CMS), written only when
config.yaml has a `cms:` block.

- admin/config.yml: the CMS configuration. Its one collection is content/,
  with one form field per key of content/pageformat.py (labels, hints and
  select options from there), so the form offers what `check` accepts.
  `publish_mode: editorial_workflow`: each save is a pull request, which the
  Check workflow checks; the Pages build publishes what is merged.
- admin/index.html: loads the CMS script from a CDN at an exact version with
  its Subresource Integrity hash (the browser refuses any other bytes), and
  gives the preview pane the site's stylesheet;
- admin/preview.js: the preview pane as a rough article page (cms_preview.js).
  A custom preview makes the CMS load its react-dom chunk (beside its script,
  same pinned version) and Immutable.js (unpkg, the exact version it names) at
  run time, as it loads its Vietnamese interface text (locales/vi.json from
  unpkg, pinned): those requests are the CMS's, at exact versions, and carry no
  integrity hash.

Why a CDN and not a vendored copy: the script is 2.1 MB, used only by sites
that turn the CMS on, and useless offline anyway (it talks to GitHub and loads
its fonts from the same CDN); vendoring would put 2.1 MB into every clone
and every build. `.ci/run` installs the same version from npm, and the tests
check that its file has this hash.
"""

from __future__ import annotations

import json
from html import escape
from pathlib import Path
from typing import Iterator

import yaml

from digest.config import Config
from digest.content.pageformat import (BODY_HINT, BODY_LABEL, FIGURE, MAX_YEAR, MIN_YEAR, PAGE, Key,
                                       key, metric_choices)
from digest.i18n import translator
from digest.model.routes import STATIC_DIR, url_for

SVELTIA_VERSION = "0.221.1"
SVELTIA_URL = f"https://cdn.jsdelivr.net/npm/@sveltia/cms@{SVELTIA_VERSION}/dist/sveltia-cms.js"
# sha384 of dist/sveltia-cms.js in the npm package @sveltia/cms@SVELTIA_VERSION
SVELTIA_SRI = "sha384-JQ+XsKx/UzwdTiNnFStza3XtqqQoVtyNPApkfvwlzZDfhe7giE9CnfQrpHqgv3k6"
COLLECTION = "pages"           # the name cms_preview.js registers its template for
PREVIEW_JS = Path(__file__).with_name("cms_preview.js")


def cms_files(config: Config) -> Iterator[tuple[str, bytes]]:
    """admin/index.html and admin/config.yml, or nothing without `cms:`."""
    if config.cms is None:
        return
    yield url_for("cms_page"), admin_html(config)
    yield url_for("cms_config"), cms_config_yml(config)
    yield url_for("cms_preview"), preview_js(config.language)


def preview_js(language: str) -> bytes:
    """The preview template, after the words it shows in the site's language."""
    _ = translator(language)
    labels = {name: _(key(name).label) for name in ("date", "province", "review_year",
                                                    "plan_year", "topics", "authors", "outlet",
                                                    "figures")}
    labels["metrics"] = {c.value: c.label for c in metric_choices()}
    words = json.dumps(labels, ensure_ascii=False).replace("</", "<\\/")
    style = json.dumps(f"../{STATIC_DIR}/style.css")
    return (f"var LABELS = {words};\nvar STYLE = {style};\n".encode("utf-8")
            + PREVIEW_JS.read_bytes())


def _widget(key: Key, _) -> dict:
    """The form field's widget and its options, from the key's kind."""
    kind = key.kind
    if kind == "text":
        return {"widget": "string"}
    if kind == "long_text":
        return {"widget": "text"}
    if kind == "date":
        return {"widget": "datetime", "time_format": False, "date_format": "YYYY-MM-DD",
                "format": "YYYY-MM-DD"}
    if kind == "year":
        return {"widget": "number", "value_type": "int", "min": MIN_YEAR, "max": MAX_YEAR}
    if kind == "number":
        return {"widget": "number", "value_type": "float"}
    if kind == "flag":
        return {"widget": "boolean"}
    if kind == "names":
        return {"widget": "list"}
    if kind == "choice":
        options = [{"label": _(c.label) if c.translate else c.label, "value": c.value}
                   for c in key.choices()]
        return {"widget": "select", "options": options, "multiple": key.multiple}
    if kind == "figures":
        return {"widget": "list", "fields": [_field(k, _) for k in FIGURE],
                "summary": "{{fields.value}} {{fields.unit}} — {{fields.text}}"}
    raise ValueError(f"pageformat: unknown kind {kind!r} of {key.name}")


def _field(key: Key, _) -> dict:
    field = {"name": key.name, "label": _(key.label), "hint": _(key.hint),
             "required": key.required, **_widget(key, _)}
    if not key.in_form:  # kept as the file has it, not shown
        field = {"name": key.name, "label": _(key.label), "widget": "hidden"}
    if not key.editable:
        field["readonly"] = True
    if key.default is not None:
        field["default"] = key.default
    return field


def cms_config(config: Config) -> dict:
    """The CMS configuration; its labels and hints in the site's language."""
    _ = translator(config.language)
    cms = config.cms
    backend = {"name": "github", "repo": cms.repo, "branch": cms.branch}
    if cms.oauth_url:
        backend["base_url"] = cms.oauth_url
    content = config.content_dir.strip("/")
    body = {"name": "body", "label": _(BODY_LABEL), "hint": _(BODY_HINT), "widget": "markdown"}
    settings = {
        "backend": backend,
        "publish_mode": "editorial_workflow",
        "app_title": _("Editing: {title}").format(title=config.title),
        # Files an editor uploads go beside the pages, where the build finds them.
        "media_folder": f"{content}/tep-tai-len",
        "public_folder": "tep-tai-len",
        # Addresses and file names as `new` makes them: ASCII, no diacritics.
        "slug": {"encoding": "ascii", "clean_accents": True},
        # An optional field left empty is left out, as `new`'s pages leave it.
        "output": {"omit_empty_optional_fields": True},
        "collections": [{
            "name": COLLECTION, "label": _("Pages"), "label_singular": _("Page"),
            "folder": content, "create": True, "extension": "md", "format": "frontmatter",
            # `new` names a file content/<date>-<slug of the title>.md
            "path": "{{fields.date}}-{{slug}}", "slug": "{{title}}",
            "summary": "{{date}} · {{province}} · {{title}}",
            "sortable_fields": ["date", "title", "province"],
            "fields": [_field(k, _) for k in PAGE] + [body],
        }],
    }
    if config.base_url:
        settings["site_url"] = config.base_url
    return settings


def cms_config_yml(config: Config) -> bytes:
    _ = translator(config.language)
    header = "# " + _("Made by the build from the page format (digest/content/pageformat.py): "
                      "edit that, not this file.") + "\n"
    return (header + yaml.safe_dump(cms_config(config), allow_unicode=True, sort_keys=False,
                                    width=100)).encode("utf-8")


def admin_html(config: Config) -> bytes:
    _ = translator(config.language)
    title = escape(_("Editing: {title}").format(title=config.title))
    return f"""<!doctype html>
<html lang="{escape(config.language)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<title>{title}</title>
<link rel="icon" href="../{STATIC_DIR}/favicon.svg" type="image/svg+xml">
<link href="config.yml" type="application/yaml" rel="cms-config-url">
</head>
<body>
<script>window.CMS_MANUAL_INIT = true;</script>
<script src="{SVELTIA_URL}" integrity="{SVELTIA_SRI}" crossorigin="anonymous"></script>
<script src="preview.js"></script>
</body>
</html>
""".encode("utf-8")
