"""Articles -> the site model. Modules, in the order the data flows:
    routes     every address of the site, and url_for
    groups     Province, YearDigest, Topic, Site: grouping, Vietnamese order, addresses
    compare    the figures that compare: year tables by province, a province's series
    geography  the tile map, coverage of the 63 and 34 units, regions, the 2025 reorganisation
"""
