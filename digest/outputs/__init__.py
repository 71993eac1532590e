"""The site's other outputs, each a module of pure functions of the site model:
    publish       the list of them: feeds, downloads, sitemap, robots.txt, .nojekyll
    feeds         Atom feeds (the site's and each province's)
    downloads     du-lieu/: digest.json, figures.csv, metrics.csv
    search        the search index, in parts planned like pages
    search_terms  the folding and terms search shares with templates/static/search.js
    pageschema    du-lieu/page.schema.json: the front matter's JSON Schema
    cms           admin/: the editing page (Sveltia CMS), only with `cms:` in config.yaml
"""
