"""seeds/*.txt -> content/*.md: one page per seed that has none, never overwriting.

A seed counts as imported when any content page names it in `source:`, or
when the ledger (seeds/imported.list, see ledger.py) lists it: a seed whose
page was deleted is not imported again unless `--again` names it.
Editors own the pages: an existing file is never replaced, and `--update`
only rewrites pages whose fingerprint shows nobody has edited them.
"""

from __future__ import annotations

import shlex
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

from digest.write.fsutil import atomic_write, write_new
from digest.content.figures import Figure
from digest.content.reader import content_files
from digest.content.frontmatter import ContentError, decode, parse_page
from digest.lexicon.places import load_gazetteer
from digest.util.text import slugify
from digest.i18n import _, ngettext
from digest.importer import writer
from digest.importer.extract import Extracted, extract
from digest.ledger import name_problem, read_ledger, seed_key, seed_names, shown_name, write_ledger


@dataclass
class ImportReport:
    """Seed file names by outcome, and the page each seed has now."""
    written: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)       # already imported (or up to date)
    updated: list[str] = field(default_factory=list)
    edited_kept: list[str] = field(default_factory=list)   # --update left an edited page alone
    failed: list[str] = field(default_factory=list)        # could not be read / nothing in it
    deleted: list[str] = field(default_factory=list)       # in the ledger, page deleted: left out
    pages: dict[str, Path] = field(default_factory=dict)
    lines: list[str] = field(default_factory=list)         # everything reported, in order

    @property
    def exit_code(self) -> int:
        return 1 if self.failed else 0


@dataclass
class Existing:
    """What content/ holds already: seed -> page, and every slug in use."""
    sources: dict[str, Path] = field(default_factory=dict)
    slugs: dict[Path, str] = field(default_factory=dict)


class SeedError(Exception):
    pass


def shown(path: Path) -> str:
    """A path relative to the working folder when inside it, else as given."""
    try:
        return Path(path).resolve().relative_to(Path.cwd().resolve()).as_posix()
    except (ValueError, OSError):
        return Path(path).as_posix()


def read_seed(path: Path) -> str:
    """The seed's text; SeedError with a message that names the file and the fix."""
    try:
        raw = path.read_bytes()
    except OSError as err:
        raise SeedError(_("{path}: cannot be read: {reason}").format(
            path=shown(path), reason=err.strerror or err)) from None
    try:
        text = decode(raw, shown(path))
    except ContentError as err:   # names the file and the line of the first bad byte
        raise SeedError(_("{problem}; the seed was not imported").format(
            problem=err.problem)) from None
    if not text.strip():
        raise SeedError(_("{path}: is empty — nothing to import").format(path=shown(path)))
    return text


def scan_content(content_dir: Path) -> Existing:
    """Front matter of every page; a broken page is skipped (the site check reports it)."""
    found = Existing()
    if not content_dir.is_dir():
        return found
    for path in map(Path, content_files(content_dir)):  # the files the site reads
        try:
            raw = path.read_bytes()
        except OSError:
            continue
        try:
            data = parse_page(decode(raw, str(path)), str(path)).data
        except ContentError:
            source = writer.source_of_broken(raw.decode("utf-8", "replace"))
            if source:
                found.sources.setdefault(seed_key(source), path)
            continue
        source, slug, title = data.get("source"), data.get("slug"), data.get("title")
        if isinstance(source, str) and source:
            found.sources.setdefault(seed_key(source), path)
        if isinstance(slug, str) and slug:
            found.slugs[path] = slug
        elif isinstance(title, (str, int)) and str(title).strip():
            found.slugs[path] = slugify(str(title))
    return found


def _describe(ex: Extracted) -> str:
    def show(value):
        return "?" if value in (None, [], "") else value
    when = f" ({ex.how['date']})" if "date" in ex.how else ""
    outlet = " " + _("(outlet {outlet})").format(outlet=ex.outlet) if ex.outlet else ""
    return _("date {date}{how}, province {province}{outlet}, review {review}, plan {plan}, "
             "authors {authors}, {topics} topics, {figures} figures").format(
        date=show(ex.date), how=when, province=show(ex.province), outlet=outlet,
        review=show(ex.review_year), plan=show(ex.plan_year),
        authors=", ".join(ex.authors) or "?", topics=len(ex.topics), figures=len(ex.figures))


def _fill_in_lines(name: str, ex: Extracted, page: Path) -> list[str]:
    """One line per field the editor still has to fill in."""
    out = []
    order = {key: i for i, key in enumerate(writer.KEYS)}
    for key, note in sorted(ex.missing.items(), key=lambda item: order.get(item[0], 99)):
        if key in ("review_year", "plan_year") and (ex.review_year or ex.plan_year):
            continue   # one year is enough; the comment in the page says so
        out.append(_('{name}: {key}: {note} — set "{key}:" in {page}').format(
            name=name, key=key, note=note.split(" — ")[0], page=shown(page)))
    if writer.needs_draft(ex):
        out.append(_('{name}: written as a draft — set "draft: false" in {page} '
                     "once the fields above are filled in").format(name=name, page=shown(page)))
    return out + _weak_metric_lines(name, ex, page) + _media_lines(name, ex, page)


def _weak_metric_lines(name: str, ex: Extracted, page: Path) -> list[str]:
    """The figures whose metric rests on a word outside their own clause (or on the
    figure before them): likely right, but an editor should look before a year
    table shows them."""
    if not ex.weak_metrics:
        return []
    def item(number: int) -> str:
        figure = ex.figures[number - 1]
        return _("item {number} ({figure}: {metric})").format(
            number=number, figure=Figure(figure["value"], figure["unit"], "").label,
            metric=figure.get("metric"))
    items = "; ".join(item(n) for n in ex.weak_metrics)
    return [ngettext(
        "{name}: {n} figure's metric was read from a weak cue, outside the figure's own "
        "clause ({items}) — check its \"metric:\" in {page}",
        "{name}: {n} figures' metrics were read from weak cues, outside the figures' own "
        "clauses ({items}) — check their \"metric:\" in {page}",
        len(ex.weak_metrics)).format(name=name, n=len(ex.weak_metrics), items=items,
                                    page=shown(page))]


def _media_lines(name: str, ex: Extracted, page: Path) -> list[str]:
    """The photos and documents the seed shows: the importer reads text only, never
    fetches them and never writes a reference to a file it does not have."""
    out = []
    if ex.photos:
        captions = "; ".join(f'"{c}"' for c in ex.photos if c) or "—"
        out.append(ngettext(
            "{name}: the seed shows {n} photo ({captions}) that the importer cannot fetch — "
            "add it to content/ and show it in {page} as ![caption](file.jpg)",
            "{name}: the seed shows {n} photos ({captions}) that the importer cannot fetch — "
            "add them to content/ and show them in {page} as ![caption](file.jpg)",
            len(ex.photos)).format(name=name, n=len(ex.photos), captions=captions,
                                   page=shown(page)))
    if ex.documents:
        out.append(ngettext(
            "{name}: the seed offers {n} document ({files}) that the importer cannot fetch — "
            "add it to content/ and link it from {page}",
            "{name}: the seed offers {n} documents ({files}) that the importer cannot fetch — "
            "add them to content/ and link them from {page}",
            len(ex.documents)).format(name=name, n=len(ex.documents),
                                      files="; ".join(ex.documents), page=shown(page)))
    return out


def _write_new(ex: Extracted, slug: str, content_dir: Path) -> Path:
    text = writer.render_page(ex, slug)
    for attempt in range(1, 1000):
        path = content_dir / writer.file_name(ex.date, slug, attempt)
        if write_new(path, text):
            return path
    raise SeedError(_("no free file name for {slug} in {folder}").format(
        slug=slug, folder=shown(content_dir)))


def _update(name: str, ex: Extracted, path: Path, existing: Existing,
            report: ImportReport, out: Callable[[str], None]) -> None:
    try:
        current = path.read_bytes().decode("utf-8")
    except (OSError, UnicodeDecodeError):
        current = ""
    if not writer.untouched(current):
        report.edited_kept.append(name)
        out(_("{name}: {page} was edited since it was imported — kept as it is").format(
            name=name, page=shown(path)))
        return
    slug = existing.slugs.get(path) or writer.base_slug(ex)   # the URL never changes
    text = writer.render_page(ex, slug)
    if text == current:
        report.skipped.append(name)
        return
    atomic_write(path, text)
    report.updated.append(name)
    out(_("{name}: updated {page} — {details}").format(
        name=name, page=shown(path), details=_describe(ex)))


def _again_names(again: Iterable[str], seeds: list[Path], existing: Existing,
                 report: ImportReport, say: Callable[[str], None]) -> set[str]:
    """The seeds `--again` names (as `x.txt` or `seeds/x.txt`) that can be imported again."""
    names = {seed_key(Path(name).name) for name in again}
    present = {seed_key(seed.name) for seed in seeds}
    for name in sorted(names):
        if name not in present:
            report.failed.append(name)
            say(_("{name}: --again: there is no such seed in the seeds folder — "
                  "give the name of a file in it, e.g. 000_9dc374b1c95072b6.txt").format(
                name=name))
        elif name in existing.sources:
            say(_("{name}: --again: it has a page already, {page} — "
                  "nothing to bring back").format(name=name, page=shown(existing.sources[name])))
    return names & present


def _record_in_ledger(seeds_dir: Path, ledger: set[str], seeds: list[Path],
                      report: ImportReport, say: Callable[[str], None]) -> None:
    """Add every seed that has a page now; names already listed stay listed."""
    with_page = {seed_key(seed.name) for seed in seeds if seed.name in report.pages}
    try:
        write_ledger(seeds_dir, ledger | with_page)
    except OSError as err:
        say(_("{folder}: could not update the list of imported seeds: "
              "{reason} — the pages were written; run the import again").format(
            folder=shown(seeds_dir), reason=err.strerror or err))


def import_seeds(seeds_dir, content_dir, *, update: bool = False, again: Iterable[str] = (),
                 out: Callable[[str], None] = print) -> ImportReport:
    """Import every seed in `seeds_dir` that has no page in `content_dir` yet and
    whose page was not deleted (the ledger); `again` names deleted ones to restore."""
    seeds_dir, content_dir = Path(seeds_dir), Path(content_dir)
    report = ImportReport()

    def say(line: str) -> None:
        report.lines.append(line)
        out(line)

    seeds = [seeds_dir / name for name in seed_names(seeds_dir)]
    existing = scan_content(content_dir)
    ledger = read_ledger(seeds_dir)
    restore = _again_names(again, seeds, existing, report, say)
    gaz = load_gazetteer()
    todo: list[tuple[str, Extracted]] = []
    for seed in seeds:
        key = seed_key(seed.name)   # the name as pages and the ledger hold it
        if name_problem(seed.name):
            report.failed.append(seed.name)
            say(f"{shown_name(seed.name)}: {name_problem(seed.name)}")
            continue
        if key in existing.sources and not update:
            report.skipped.append(seed.name)
            report.pages[seed.name] = existing.sources[key]
            continue
        if key in ledger and key not in existing.sources and key not in restore:
            report.deleted.append(seed.name)
            # Quoted for a shell: a name such as "$(touch x).txt" is never run.
            say(_("{name}: skipped: its page was deleted — "
                  "`python build.py import --again {quoted}` brings it back").format(
                name=seed.name, quoted=shlex.quote(seed.name)))
            continue
        try:
            todo.append((seed.name, extract(read_seed(seed), key, gaz)))
        except SeedError as err:
            report.failed.append(seed.name)
            say(str(err))
    taken = set(existing.slugs.values())
    new_slugs = Counter(writer.base_slug(ex) for name, ex in todo
                        if ex.source not in existing.sources)
    for name, ex in todo:
        if ex.source in existing.sources:   # ex.source is the seed's key
            report.pages[name] = existing.sources[ex.source]
            _update(name, ex, existing.sources[ex.source], existing, report, say)
            continue
        if ex.empty:
            report.failed.append(name)
            say(_("{name}: no headline or article text found (only page chrome?) — "
                  "not imported").format(name=name))
            continue
        slug = writer.unique_slug(ex, taken, shared=new_slugs[writer.base_slug(ex)] > 1)
        taken.add(slug)
        try:
            path = _write_new(ex, slug, content_dir)
        except (OSError, SeedError) as err:
            report.failed.append(name)
            say(_("{name}: could not write the page: {reason}").format(name=name, reason=err))
            continue
        report.written.append(name)
        report.pages[name] = path
        say(_("{name}: wrote {page} — {details}").format(
            name=name, page=shown(path), details=_describe(ex)))
        for line in _fill_in_lines(name, ex, path):
            say(line)
    _record_in_ledger(seeds_dir, ledger, seeds, report, say)
    # The English says "seed(s)" for any count (as it always has); ngettext gives
    # languages with other plural rules their forms.
    say(ngettext("Import: {seeds} seed(s): {written} written, {updated} updated, "
                 "{skipped} already imported, {kept} edited page(s) kept, "
                 "{deleted} skipped (page deleted), {failed} failed.",
                 "Import: {seeds} seed(s): {written} written, {updated} updated, "
                 "{skipped} already imported, {kept} edited page(s) kept, "
                 "{deleted} skipped (page deleted), {failed} failed.", len(seeds)).format(
        seeds=len(seeds), written=len(report.written), updated=len(report.updated),
        skipped=len(report.skipped), kept=len(report.edited_kept),
        deleted=len(report.deleted), failed=len(report.failed)))
    return report
