#!/usr/bin/env python3
"""Photos on pages (issue 24): our build's image work beside Hugo's, on the same photos.

    python benchmarks/images.py --photos 1000 --work benchmarks/work/images

N articles of generate.py's corpus, each with one photo of its own (a JPEG of
3000×2000, 2–4 MB, made once and kept in WORK/photos/), as a page bundle:

- ours: content/<year>/<slug>.md with photo-<i>.jpg beside it and
  `![Ảnh minh họa](photo-<i>.jpg)` at the end of the body; the build publishes
  widths 480/960/1600 and the full size, each in WebP and JPEG, cached in .cache/;
- Hugo: content/posts/<slug>/index.md with the photo beside it and a render hook
  (layouts/_default/_markup/render-image.html) that makes the same widths with
  `.Resize "<w>x webp"` and `.Resize "<w>x"`, and a full-size WebP (the original
  JPEG is copied, where ours re-encodes it without its metadata); Hugo keeps
  what it made in resources/_gen. Both resize with Lanczos; Hugo at quality 82
  (ours: JPEG 82, WebP 80).

Timed for each tool, with the photos and on the same corpus without them:
cold (output and caches deleted) and no-change (the same command again,
median of --runs). The per-photo cost is (cold with − cold without) / N.
"""

from __future__ import annotations

import argparse
import io
import os
import random
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

from PIL import Image, ImageChops, ImageDraw

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))

import convert  # noqa: E402
import generate  # noqa: E402
from measure import timed  # noqa: E402

SIZE = (3000, 2000)
PER_BASE = 5            # photos made from one noisy base image
QUALITY = 92
ALT = "Ảnh minh họa"

RENDER_IMAGE = """\
{{- $img := .Page.Resources.GetMatch .Destination -}}
{{- if $img -}}
{{- $webp := slice -}}{{- $jpeg := slice -}}
{{- range slice 480 960 1600 -}}{{- if lt . $img.Width -}}
{{- $webp = $webp | append (printf "%s %dw" ($img.Resize (printf "%dx webp" .)).RelPermalink .) -}}
{{- $jpeg = $jpeg | append (printf "%s %dw" ($img.Resize (printf "%dx" .)).RelPermalink .) -}}
{{- end -}}{{- end -}}
{{- $full := $img.Resize (printf "%dx webp" $img.Width) -}}
{{- $webp = $webp | append (printf "%s %dw" $full.RelPermalink $img.Width) -}}
{{- $jpeg = $jpeg | append (printf "%s %dw" $img.RelPermalink $img.Width) -}}
<picture><source type="image/webp" srcset="{{ delimit $webp ", " }}" sizes="(max-width: 48rem) 100vw, 48rem">
<img src="{{ $img.RelPermalink }}" srcset="{{ delimit $jpeg ", " }}" sizes="(max-width: 48rem) 100vw, 48rem" width="{{ $img.Width }}" height="{{ $img.Height }}" alt="{{ .Text }}" loading="lazy" decoding="async"></picture>
{{- else -}}<img src="{{ .Destination | safeURL }}" alt="{{ .Text }}">{{- end -}}
"""
HUGO_IMAGING = '\n[imaging]\n  quality = 82\n  resampleFilter = "Lanczos"\n'


# --- photos ----------------------------------------------------------------------

def _noise(rng: random.Random, size: tuple[int, int], mode: str = "RGB") -> Image.Image:
    return Image.frombytes(mode, size, rng.randbytes(size[0] * size[1] * len(mode)))


def _base(number: int) -> Image.Image:
    """A noise-rich base: coarse colour blotches under fine grain."""
    rng = random.Random(f"{generate.SEED}:photo-base:{number}")
    coarse = _noise(rng, (SIZE[0] // 8, SIZE[1] // 8)).resize(SIZE, Image.BICUBIC)
    grain = _noise(rng, SIZE, "L").point(lambda v: 128 + (v - 128) // 3).convert("RGB")
    return Image.blend(coarse, grain, 0.25)


def _photo(base: Image.Image, index: int) -> bytes:
    """Photo `index`: its base shifted, with shapes of its own (so its bytes are its own)."""
    rng = random.Random(f"{generate.SEED}:photo:{index}")
    image = ImageChops.offset(base, rng.randrange(SIZE[0]), rng.randrange(SIZE[1]))
    draw = ImageDraw.Draw(image)
    for _ in range(rng.randint(6, 12)):
        x, y = rng.randrange(SIZE[0]), rng.randrange(SIZE[1])
        box = [x, y, x + rng.randint(80, 600), y + rng.randint(80, 400)]
        colour = tuple(rng.randrange(256) for _ in range(3))
        (draw.ellipse if rng.random() < 0.5 else draw.rectangle)(box, outline=colour, width=rng.randint(4, 30))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=QUALITY)
    return out.getvalue()


def photos(n: int, folder: Path) -> list[Path]:
    """photo-0.jpg … photo-<n-1>.jpg in `folder`, made once (the missing ones only)."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = [folder / f"photo-{i}.jpg" for i in range(n)]
    missing = [i for i, p in enumerate(paths) if not p.exists()]
    started, base, base_number = time.perf_counter(), None, None
    for i in missing:
        if base_number != i // PER_BASE:
            base_number = i // PER_BASE
            base = _base(base_number)
        data = _photo(base, i)
        temporary = paths[i].with_suffix(".tmp")
        temporary.write_bytes(data)
        temporary.replace(paths[i])
    sizes = [p.stat().st_size / 1e6 for p in paths]
    print(f"photos: {len(missing)} made in {time.perf_counter() - started:.1f} s, {n - len(missing)} "
          f"reused; {min(sizes):.2f}–{max(sizes):.2f} MB (mean {statistics.mean(sizes):.2f})", flush=True)
    if min(sizes) < 2 or max(sizes) > 4:
        print("warning: a photo is outside 2–4 MB", flush=True)
    return paths


def place(photo: Path, target: Path) -> None:
    """The photo at `target`: a hard link where possible (no 3 MB copy per site)."""
    try:
        os.link(photo, target)
    except OSError:
        shutil.copyfile(photo, target)


# --- the sites ---------------------------------------------------------------------

def sites(n: int, work: Path, photo_paths: list[Path]) -> dict[str, Path]:
    """Four sites under work/n<N>/: ours and Hugo, each with and without photos."""
    root = work / f"n{n}"
    names = {"ours": "ours", "ours-plain": "ours-plain", "hugo": "hugo", "hugo-plain": "hugo-plain"}
    folders = {k: root / v for k, v in names.items()}
    for folder in folders.values():
        shutil.rmtree(folder, ignore_errors=True)
    for key in ("ours", "ours-plain"):
        (folders[key] / "content").mkdir(parents=True)
        generate.write_config(folders[key], n, REPO / "templates")
    for key in ("hugo", "hugo-plain"):
        convert.hugo_site(folders[key], REPO / "templates")
    (folders["hugo"] / "layouts" / "_default" / "_markup").mkdir(parents=True, exist_ok=True)
    (folders["hugo"] / "layouts" / "_default" / "_markup" / "render-image.html").write_text(RENDER_IMAGE)
    with open(folders["hugo"] / "config.toml", "a", encoding="utf-8") as config:
        config.write(HUGO_IMAGING)
    for i in range(n):
        article = generate.make_article(i)
        meta, name = article.meta(), f"photo-{i}.jpg"
        with_photo = article.body.rstrip("\n") + f"\n\n![{ALT}]({name})\n"
        for key, text in (("ours-plain", article.body), ("ours", with_photo)):
            path = folders[key] / "content" / article.path
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(generate.our_text(meta, text), encoding="utf-8")
        place(photo_paths[i], folders["ours"] / "content" / article.path.rsplit("/", 1)[0] / name)
        convert.write_hugo(folders["hugo-plain"], meta, article.body)
        bundle = folders["hugo"] / "content" / "posts" / article.slug
        bundle.mkdir(parents=True)
        (bundle / "index.md").write_text(convert.hugo_text(meta, with_photo), encoding="utf-8")
        place(photo_paths[i], bundle / name)
    return folders


# --- timing ------------------------------------------------------------------------

def command(tool: str) -> list[str]:
    if tool.startswith("ours"):
        return [sys.executable, str(REPO / "build.py"), "build", "--config", "config.yaml"]
    return ["hugo", "--quiet"]


def clean(tool: str, folder: Path) -> None:
    outputs = ("site", ".cache", ".site.staging") if tool.startswith("ours") else ("public", "resources")
    for name in outputs:
        shutil.rmtree(folder / name, ignore_errors=True)


def bench(tool: str, folder: Path, runs: int, logs: Path) -> dict:
    """Cold, then no-change `runs` times (median); seconds, CPU and peak memory."""
    log = logs / f"{tool}.log"
    clean(tool, folder)
    cold = timed(command(tool), folder, log)
    if not cold.ok:
        raise SystemExit(f"{tool}: the cold build failed, see {log}")
    again = [timed(command(tool), folder, log) for _ in range(runs)]
    if not all(m.ok for m in again):
        raise SystemExit(f"{tool}: a no-change build failed, see {log}")
    result = {"cold": cold.seconds, "cold_cpu": cold.cpu,
              "no_change": statistics.median(m.seconds for m in again),
              "tree_mb": max(m.tree_mb for m in [cold, *again])}
    print(f"  {tool:<11} cold {result['cold']:7.2f} s (CPU {cold.cpu:.2f} s), no-change "
          + ", ".join(f"{m.seconds:.2f}" for m in again) + " s", flush=True)
    return result


def variants(folder: Path, under: str) -> dict[str, int]:
    """Files under `folder/under`, by suffix (.webp, .jpg)."""
    counts: dict[str, int] = {}
    for path in (folder / under).rglob("*"):
        if path.is_file() and path.suffix in (".webp", ".jpg"):
            counts[path.suffix] = counts.get(path.suffix, 0) + 1
    return counts


def table(n: int, results: dict[str, dict]) -> str:
    # Peak memory: the summed PSS of the build's process tree, sampled (measure.py); not
    # ru_maxrss, which here would carry this script's own memory from before the exec.
    lines = ["| tool | photos | cold s | no-change s | cold CPU s | peak MB |",
             "|---|---:|---:|---:|---:|---:|"]
    for tool, r in results.items():
        lines.append(f"| {tool.replace('-plain', '')} | {0 if tool.endswith('plain') else n:,} | "
                     f"{r['cold']:.2f} | {r['no_change']:.2f} | {r['cold_cpu']:.2f} | "
                     f"{r['tree_mb']:.0f} |")
    lines.append("")
    for tool in ("ours", "hugo"):
        if tool in results and f"{tool}-plain" in results:
            with_, without = results[tool], results[f"{tool}-plain"]
            lines.append(f"- {tool}: {1000 * (with_['cold'] - without['cold']) / n:.0f} ms per photo cold "
                         f"({1000 * (with_['cold_cpu'] - without['cold_cpu']) / n:.0f} ms CPU); the photos "
                         f"add {with_['no_change'] - without['no_change']:+.2f} s to a no-change build")
    return "\n".join(lines) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--photos", type=int, required=True, help="N: articles, one photo each")
    parser.add_argument("--work", type=Path, default=HERE / "work" / "images", help="scratch folder")
    parser.add_argument("--runs", type=int, default=3, help="no-change builds (the median is shown)")
    parser.add_argument("--tools", default="ours,hugo", help="ours, hugo or both")
    parser.add_argument("--output", type=Path, help="Markdown file (default: "
                        "benchmarks/work/images-N.md)")
    args = parser.parse_args()
    n, output = args.photos, args.output or HERE / "work" / f"images-{args.photos}.md"
    started = time.perf_counter()
    photo_paths = photos(n, args.work / "photos")
    folders = sites(n, args.work, photo_paths)
    print(f"sites written in {args.work / f'n{n}'}", flush=True)
    results = {}
    for tool in [t.strip() for t in args.tools.split(",")]:
        for key in (tool, f"{tool}-plain"):
            results[key] = bench(key, folders[key], args.runs, args.work / f"n{n}" / "logs")
    checks = []
    if "ours" in results:
        checks.append(f"ours: {variants(folders['ours'], 'site/tep')} under site/tep/")
    if "hugo" in results:
        checks.append(f"hugo: {variants(folders['hugo'], 'public/posts')} under public/posts/")
    hugo = subprocess.run(["hugo", "version"], capture_output=True, text=True).stdout.strip()
    text = (f"# Photos: {n:,} articles with one photo each\n\n"
            f"`python benchmarks/images.py {' '.join(sys.argv[1:])}`; {hugo}; load average "
            f"{os.getloadavg()[0]:.2f} at the end; {time.perf_counter() - started:.0f} s in all.\n\n"
            + table(n, results) + "\nFiles published: " + "; ".join(checks) + "\n")
    print("\n" + text)
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(text, encoding="utf-8")
    print(f"Wrote {output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
