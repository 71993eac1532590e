"""Seed import: raw article texts in seeds/ become YAML-fronted Markdown pages in content/.

    import_seeds(seeds_dir, content_dir, update=False, out=print) -> ImportReport
    extract(text, source) -> Extracted      # pure: one seed's text -> every field

Modules, in the order the data flows:
    lexicons   the importer's word lists and patterns (data/*.yaml), read once, compiled
    normalize  text clean-up; headline, article lines and chrome (data/chrome.yaml)
    people     the signature -> authors
    dates      the event's day or the publication stamp
    years      review_year and plan_year (data/year_cues.yaml)
    when       date and years settled together; quarterly reports (data/page_kinds.yaml)
    dateline   the outlet: the lead's marker, a closing credit, the footer (digest.lexicon.outlets)
    province   the page's province from strong evidence only (digest.lexicon.places)
    topics     sector fields (data/topics.yaml)
    figures    key numbers with units (data/units.yaml)
    meaning    each figure's metric, kind, year, qualifier, scope
               (data/metrics.yaml, data/figure_cues.yaml)
    bridge     a national conference seen from a bridge point: national figures
    body       article lines -> Markdown
    extract    all of the above for one seed
    writer     page text, fingerprint, slugs and file names
    run        the folder walk: never overwrite, --update, the report

and, outside the package (the build reads it without loading the importer):
    digest.ledger  seeds/imported.list: seeds imported once, so a deleted page stays deleted
"""

from digest.importer.extract import Extracted, extract
from digest.importer.run import ImportReport, import_seeds

__all__ = ["Extracted", "ImportReport", "extract", "import_seeds"]
