"""Topics: the sector's fields an article is about, from data/topics.yaml.

Matching is on folded text (no case, no diacritics), so tone placement
("số hóa"/"số hoá") and capitals never hide a topic.
"""

from __future__ import annotations

from ..text import fold
from . import data

HEADLINE_WEIGHT = 3


def find_topics(title: str, paragraphs: list[str]) -> list[str]:
    """Topics mentioned in the headline or article, most mentioned first."""
    head = fold(title)
    body = fold("\n".join(paragraphs))
    scored = []
    for order, topic in enumerate(data.topics()):
        score = HEADLINE_WEIGHT * len(topic.triggers.findall(head)) + len(topic.triggers.findall(body))
        if score:
            scored.append((-score, order, topic.name))
    return [name for _, _, name in sorted(scored)]
