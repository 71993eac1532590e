"""A planned page -> its bytes, and the build's last stage:
    environment  the Jinja environment, its filters and globals; template problems
    markdown     article bodies: CommonMark with tables, raw HTML as text, links to pages
    charts       inline SVG charts, drawn at build time
    urls         relative and absolute addresses
    stage        render only what changed, over all cores, stage it beside site/, commit it
"""
