"""The digest engine: seeds/ -> content/ -> articles -> site model -> pages -> site/.

Start reading at pipeline.build(): it names every stage in order. Packages and
modules, in the order the data flows (each package opens with its own map):

    pipeline.py   build() and check(): the stages, one call each; the result made once
    seeding.py    the import stage: new seeds -> content/ (on CI: an error per seed)
    importer/     seeds -> content pages: dates, years, province, outlet, figures, body
    content/      content/**/*.md -> checked Articles (frontmatter, schema, reader)
    lexicon/      data/*.yaml read once: places, outlets, metrics
    model/        Articles -> the site model: groups, routes and urls (every address), links
                  (a content link's address), compare, geography
    outputs/      the other outputs: feeds, downloads, search index, sitemap (publish lists them)
    plan/         the site model -> the page plan: each page's template, context (data) and key
    render/       a planned page -> bytes (Jinja, Markdown, SVG charts drawn from the plan's data),
                  and the last stage (render/stage.py): render what changed, stage it, commit it
    write/        staging and atomic writes; the output folder is the build's only
    cache.py      .cache/: parsed content, what the last build wrote, what can be skipped

The packages in the middle depend one way only, each on its own and the lower ones:
lexicon < content < model < outputs < plan < render, with cache.py just below render
(it keeps parsed content for the build); tests/test_middle.py checks it.

Shared by every stage:
    config.py     config.yaml: every key with its type, default and help
    problems.py   Problem: what is wrong, where, and what to do
    keys.py       fingerprints and content hashes
    ledger.py     seeds/imported.list: a deleted page's seed stays deleted
    i18n.py       the language of every message: Vietnamese, or English on request; the rule for seed names
    util/         Vietnamese text, forked workers and the forked finishing build,
                  the progress bar

At the edge (build.py calls these; nothing in the pipeline imports them):
    commands.py   what each command does and prints
    serve.py      the preview server with live reload
    serve_guard.py  the preview answers only its own address and pages (DNS rebinding)
    serve_watch.py  what the preview watches (and follows when config.yaml moves it), its port
    quick.py      the preview's quick rebuild: a save that changes only a body redraws its page
    newpage.py    `new`: a draft page with every field ready
    github.py     GitHub annotations and the import pull request's text
"""

# The tool's version: `python build.py --version`, the pages' <meta name="generator">,
# the feeds' <generator>, and CHANGELOG.md's newest heading.
__version__ = "0.4.0"
