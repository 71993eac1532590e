"""A planned page -> its bytes:
    environment  the Jinja environment, its filters and globals; template problems
    markdown   article bodies: CommonMark with tables, raw HTML as text, links to other pages
    charts     inline SVG charts, drawn at build time
    urls       relative and absolute addresses
"""
