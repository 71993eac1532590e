"""Topics: the sector's fields an article is about, from data/topics.yaml.

Matching is on folded text (no case, no diacritics), so tone placement
("số hóa"/"số hoá") and capitals never hide a topic. A topic needs real
evidence: one strong cue, or several weak ones (see data/topics.yaml); a
page keeps at most MAX_TOPICS, the best evidenced first.
"""

from __future__ import annotations

from digest.util.text import fold
from digest.importer import lexicons

HEADLINE_WEIGHT = 3    # a cue in the headline counts three times
STRONG_WEIGHT = 3      # a strong cue counts as three weak ones
MIN_EVIDENCE = 3       # one strong mention, or three weak ones
MAX_TOPICS = 5


def _evidence(topic: lexicons.Topic, text: str) -> int:
    return STRONG_WEIGHT * len(topic.strong.findall(text)) + len(topic.weak.findall(text))


def find_topics(title: str, paragraphs: list[str]) -> list[str]:
    """Topics with enough evidence in the headline and article, strongest first."""
    head = fold(title)
    body = fold("\n".join(paragraphs))
    scored = []
    for order, topic in enumerate(lexicons.topics()):
        score = HEADLINE_WEIGHT * _evidence(topic, head) + _evidence(topic, body)
        if score >= MIN_EVIDENCE:
            scored.append((-score, order, topic.name))
    return [name for _, _, name in sorted(scored)[:MAX_TOPICS]]
