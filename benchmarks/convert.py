"""Our content format -> Pelican's and Hugo's, and each peer's site skeleton.

A page is handed over as (meta, body): `meta` is our front matter as a dict
(date as YYYY-MM-DD text), `body` the Markdown. The mapping:

| ours                    | Pelican (Markdown metadata)   | Hugo (YAML front matter)      |
|-------------------------|-------------------------------|-------------------------------|
| title, date, slug       | Title, Date, Slug             | title, date, slug             |
| province                | Category (none: "Chưa xác     | taxonomy `province`           |
|                         | định tỉnh", the default)      |                               |
| review_year, plan_year  | Review_year, Plan_year        | taxonomy `year` (both), and   |
|                         |                               | params review_year, plan_year |
| topics                  | Tags                          | taxonomy `topic`              |
| authors, summary,       | Authors, Summary, Source      | params of the same names      |
| source, figures         | (figures are not shown)       |                               |

The skeletons (settings, Hugo layouts) are files in benchmarks/peer_sites/.
`python benchmarks/convert.py CONTENT_DIR TARGET` converts an existing
content folder (e.g. the real one) into TARGET/pelican and TARGET/hugo.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
from pathlib import Path

import yaml

PEER_SITES = Path(__file__).resolve().parent / "peer_sites"


# --- site skeletons ------------------------------------------------------------

def pelican_site(root: Path) -> None:
    """An empty Pelican site: pelicanconf.py and content/."""
    (root / "content").mkdir(parents=True, exist_ok=True)
    shutil.copy(PEER_SITES / "pelicanconf.py", root / "pelicanconf.py")


def hugo_site(root: Path, templates: Path) -> None:
    """An empty Hugo site: config, our small layouts, the search and data pages, our
    stylesheet, content/posts/."""
    (root / "content" / "posts").mkdir(parents=True, exist_ok=True)
    shutil.copy(PEER_SITES / "hugo" / "config.toml", root / "config.toml")
    shutil.copytree(PEER_SITES / "hugo" / "layouts", root / "layouts", dirs_exist_ok=True)
    shutil.copytree(PEER_SITES / "hugo" / "content", root / "content", dirs_exist_ok=True)
    (root / "static").mkdir(exist_ok=True)
    shutil.copy(Path(templates) / "static" / "style.css", root / "static" / "style.css")


# --- pages ---------------------------------------------------------------------

def _one_line(text) -> str:
    return " ".join(str(text).split())


def pelican_text(meta: dict, body: str) -> str:
    """A Pelican Markdown file: 'Key: value' lines, a blank line, the body."""
    lines = [f"Title: {_one_line(meta['title'])}", f"Date: {meta['date']}"]
    if meta.get("province"):
        lines.append(f"Category: {meta['province']}")
    if meta.get("topics"):
        lines.append("Tags: " + ", ".join(t.replace(",", " ") for t in meta["topics"]))
    lines.append(f"Slug: {meta['slug']}")
    if meta.get("authors"):
        lines.append("Authors: " + ", ".join(meta["authors"]))
    for key in ("summary", "source", "review_year", "plan_year"):
        if meta.get(key) not in (None, ""):
            lines.append(f"{key.capitalize()}: {_one_line(meta[key])}")
    return "\n".join(lines) + "\n\n" + body


def hugo_text(meta: dict, body: str) -> str:
    """A Hugo content file: YAML front matter with the three taxonomies."""
    years = [str(y) for y in (meta.get("review_year"), meta.get("plan_year")) if y]
    front = {
        "title": meta["title"], "slug": meta["slug"],
        "province": [meta["province"]] if meta.get("province") else [],
        "year": sorted(set(years)), "topic": meta.get("topics") or [],
        "authors": meta.get("authors") or [], "summary": meta.get("summary") or "",
        "source": meta.get("source") or "", "review_year": meta.get("review_year"),
        "plan_year": meta.get("plan_year"), "figures": meta.get("figures") or [],
    }
    lines = ["---", f"date: {meta['date']}"]
    lines += [f"{key}: {json.dumps(value, ensure_ascii=False)}" for key, value in front.items()]
    return "\n".join(lines) + "\n---\n" + body


def write_pelican(root: Path, meta: dict, body: str) -> Path:
    path = root / "content" / f"{meta['slug']}.md"
    path.write_text(pelican_text(meta, body), encoding="utf-8")
    return path


def write_hugo(root: Path, meta: dict, body: str) -> Path:
    path = root / "content" / "posts" / f"{meta['slug']}.md"
    path.write_text(hugo_text(meta, body), encoding="utf-8")
    return path


def pelican_path(root: Path, slug: str) -> Path:
    return root / "content" / f"{slug}.md"


def hugo_path(root: Path, slug: str) -> Path:
    return root / "content" / "posts" / f"{slug}.md"


# --- converting an existing content folder -------------------------------------

def read_page(path: Path) -> tuple[dict, str]:
    """(front matter, body) of one of our content files."""
    text = path.read_text(encoding="utf-8")
    _, front, body = text.split("---\n", 2)
    meta = yaml.load(front, Loader=yaml.CSafeLoader) or {}
    meta["date"] = str(meta["date"])
    return meta, body


def convert_folder(content_dir: Path, target: Path, templates: Path) -> int:
    """Every page of `content_dir` into target/pelican and target/hugo; returns the count."""
    pelican_site(target / "pelican")
    hugo_site(target / "hugo", templates)
    count = 0
    for path in sorted(Path(content_dir).rglob("*.md")):
        meta, body = read_page(path)
        if meta.get("draft"):
            continue
        meta.setdefault("slug", path.stem)
        write_pelican(target / "pelican", meta, body)
        write_hugo(target / "hugo", meta, body)
        count += 1
    return count


def main() -> int:
    parser = argparse.ArgumentParser(description="Convert our content/ for Pelican and Hugo.")
    parser.add_argument("content_dir", type=Path)
    parser.add_argument("target", type=Path, help="writes TARGET/pelican and TARGET/hugo")
    args = parser.parse_args()
    templates = Path(__file__).resolve().parent.parent / "templates"
    count = convert_folder(args.content_dir, args.target, templates)
    print(f"Converted {count} pages into {args.target}/pelican and {args.target}/hugo")
    return 0


if __name__ == "__main__":
    sys.exit(main())
