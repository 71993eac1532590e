"""Articles -> the site model. Modules, in the order the data flows:
    routes     every address of the site, and url_for; the design's folder (STATIC_DIR)
    urls       an address as a page links to it: relative, or absolute under base_url
    links      a link written in a content file -> its page's or file's address; broken links
    groups     Province, YearDigest, Topic, Site: grouping, Vietnamese order, addresses
    compare    the figures that compare: year tables by province, a province's series
    geography  the tile map, coverage of the 63 and 34 units, regions, the 2025 reorganisation
"""
