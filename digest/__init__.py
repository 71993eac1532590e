"""The digest engine: seeds/ -> content/ -> articles -> site model -> pages -> site/.

Start reading at pipeline.build(): it names every stage in order. Modules,
in the order the data flows:

  the build
    pipeline     build() and check(): the stages, one call each; the result made once
    seeding      the import stage: new seeds -> content/ (or, on CI, an error per seed)
    importer/    seeds -> content pages (its own map is in importer/__init__.py)
  content -> articles
    frontmatter  a file's YAML front matter and body, with file:line problems
    content      the content format: Article, Figure and what each key may hold
    reader       finding, reading and checking the files of content/
  lexicons (data/*.yaml, each read once)
    places       the province gazetteer: names, spellings, mergers of 1 July 2025
    outlets      provincial newspapers and stations, their datelines and domains
    metrics      what a key figure measures
  articles -> site model
    model        Article -> Province, YearDigest, Topic, Site; addresses (assign_urls)
    routes       every address of the site, and url_for
    compare      figures that compare: year tables, a province's series
    geography    the tile map, coverage, regions, what 1 July 2025 changed
  site model -> page plan
    pages        every page: its address, template, context and key
    keyfigures   an article's "Số liệu chính" rows and sentences
  pages -> bytes
    render       the Jinja environment and its filters; template problems
    markdown     bodies: CommonMark with tables, raw HTML as text, links to pages
    charts       inline SVG charts, drawn at build time
    urls         relative and absolute addresses
  the other outputs (pure functions of the site)
    publish      the list of them: feeds, data downloads, sitemap, robots.txt, .nojekyll
    feeds        Atom feeds
    data         du-lieu/: digest.json, figures.csv, metrics.csv
    search       the search index (planned like pages, in parts)
    search_terms the folding and terms search shares with templates/static/search.js
  bytes -> site/
    output       render what changed, stage it, commit it (the last stage)
    write        staging, atomic commit, the output folder's rules (never the user's files)
    cache        .cache/: parsed content, what the last build wrote, what can be skipped
    keys         fingerprints and content hashes
  shared
    config       config.yaml: every key with its default and help
    problems     Problem: what is wrong, where, and what to do
    text         Vietnamese text: NFC, folding, slugs, sort order, dates, numbers
    fsutil       atomic writes; files that are never overwritten
    ledger       seeds/imported.list: a deleted page's seed stays deleted
    parallel     forked workers on big builds
    progress     the progress bar on a terminal
  at the edge (build.py calls these)
    commands     what each command does and prints
    serve        the preview server with live reload
    newpage      `new`: a draft page with every field ready
    github       GitHub annotations and the import pull request's text
"""
