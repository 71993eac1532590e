"""The site model -> the page plan: every page's address, template, context and key.
    pages       the plan itself, and each page's key (exactly what its template shows);
                a body and a chart are described here (their data) and drawn by render/draw.py
    yearbook    each year's printable PDF edition, planned like a page
    keyfigures  an article's "Số liệu chính" table rows and sentences
"""
