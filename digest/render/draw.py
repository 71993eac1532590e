"""What the plan describes, drawn: the functions templates call to show a body or a chart.

The plan (plan/pages.py, plan/yearbook.py) gives a template the data of a page:
an article's body as a `Body` (its Markdown and how its links resolve) and a
chart as its data (a Series and an id, or the counts by year). Drawing them is
the render stage's: make_environment registers these functions as Jinja
globals, and a template writes `{{ markdown(body) }}` or
`{{ series_chart(series, chart_id) }}` where the HTML or SVG goes. Each returns
Markup: the HTML is made from escaped content here, so the template does not
escape it again.
"""

from __future__ import annotations

from markupsafe import Markup

from digest.model.compare import Series
from digest.model.links import broken_link_problems
from digest.plan.pages import Body
from digest.render import charts
from digest.render.markdown import render_markdown
from digest.render.pdf import PRINT_FONT
from digest.render.pictures import picture_resolver


def markdown(body: Body) -> Markup:
    """An article's body as HTML. Its broken links become the page's problems
    (render/stage.py stops the build on them) when the body says where they go."""
    article = body.article
    picture = picture_resolver(article.path, article.url, body.assets) \
        if body.assets is not None else None
    html, broken = render_markdown(article.body, body.resolve, picture)
    if body.problems is not None:
        body.problems.extend(broken_link_problems(article, broken))
    return Markup(html)


def series_chart(series: Series, chart_id: str) -> Markup:
    """A province's metric over the years (the province page)."""
    return Markup(charts.series_chart(series, chart_id))


def print_chart(series: Series, chart_id: str) -> Markup:
    """The same chart in the PDF edition's own font: the system's may lack Vietnamese,
    and the edition embeds only the font it ships (document CSS does not reach an
    inline SVG)."""
    svg = charts.series_chart(series, chart_id)
    return Markup(svg.replace(f'font-family="{charts.FONT}"', f'font-family="{PRINT_FONT}"', 1))


def year_bars(counts: list[tuple[int, int, int]], chart_id: str, title: str) -> Markup:
    """Pages per year, results and tasks (the home page)."""
    return Markup(charts.year_bars(counts, chart_id, title))


# The Jinja globals of every template (render/environment.py registers them).
GLOBALS = {"markdown": markdown, "series_chart": series_chart, "print_chart": print_chart,
           "year_bars": year_bars}
