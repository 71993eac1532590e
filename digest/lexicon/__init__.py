"""The lexicons in data/*.yaml, each read once and cached:
    places   the province gazetteer (provinces.yaml): names, spellings, domains, the 1 July 2025 mergers
    outlets  provincial newspapers and radio-TV stations (outlets.yaml): names, datelines, domains
    metrics  what a key figure measures (metrics.yaml): ids, labels, units, cues
    choices  the topics (topics.yaml) and figure qualifiers (figure_cues.yaml) a page picks from
"""
