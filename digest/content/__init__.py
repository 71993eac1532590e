"""content/**/*.md -> checked Articles. Modules, in the order the data flows:
    frontmatter  a file's YAML front matter and body; anchors, aliases and control characters refused
    pageformat   the page format declared once: keys, types, allowed values, labels (check, CMS, JSON Schema)
    schema       the content check: Article, what each key may hold and what an editor is told
    figures      a figure's value and year: what a chart can draw, or what to write instead
    reader       finding, reading and checking the files of a content folder
    assets       a page's images and documents: found, addressed (tep/…), named by pages, checked
    imagefacts   an image's size read from its header; whether an SVG is safe to publish
"""
