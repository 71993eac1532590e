"""A planned page -> its bytes, and the build's last stage:
    environment  the Jinja environment, its filters and globals; template problems
    draw         what the plan describes, drawn: the globals templates call for a body or a chart
    markdown     article bodies: CommonMark with tables, raw HTML as text, links to pages
    pictures     how a body shows its images: srcset, sizes, <picture>, <figure> with a caption
    images       a raster image -> its widths in WebP and its own format, cached
    assetfiles   a page's files staged like pages: copied, or published by images, when changed
    charts       inline SVG charts, drawn at build time
    stage        render only what changed, over all cores, stage it beside site/, commit it
"""
