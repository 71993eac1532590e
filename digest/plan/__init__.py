"""The site model -> the page plan: every page's address, template, context and key.
    pages       the plan itself, and each page's key (exactly what its template shows)
    keyfigures  an article's "Số liệu chính" table rows and sentences
"""
