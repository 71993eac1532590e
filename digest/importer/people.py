"""Authors: the signature line at the end of an article.

"Hồng Vân - Minh Quang" is two people; "Vũ Quốc Thạnh – Giám đốc sở TT&T"
is one person and a role; "HOÀNG VƯƠNG" is written in capitals; "PV", "BT",
"TH" are newsroom abbreviations, not names. Roles and words that never occur
in names are listed in data/chrome.yaml (section `signature`).
"""

from __future__ import annotations

import re

from digest.importer import lexicons
from digest.importer.normalize import ends_sentence

MAX_TRAILING = 6   # short lines looked at above the end of the article

_VOWEL = re.compile(r"[aăâeêioôơuưyáàảãạấầẩẫậắằẳẵặéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ]",
                    re.IGNORECASE)
_LEAD_IN = re.compile(r"^(?:tin|bài|ảnh|tin và ảnh|bài và ảnh|tin,\s*ảnh|bài,\s*ảnh|tin/ảnh|bài/ảnh|"
                      r"thực hiện|nhóm phóng viên|phóng viên|tác giả|người viết|bài viết)\s*:\s*", re.IGNORECASE)
_HONORIFIC = re.compile(r"^(?:ths|ts|pgs\.?\s*ts|gs\.?\s*ts|gs|pgs|ks|bs|ls|nhà báo|đ/c|đồng chí)\.?\s+",
                        re.IGNORECASE)
_SPLIT = re.compile(r"\s*[–—]\s*|\s+-\s+|\s*[,;/]\s*|\s+và\s+|(?<=\w)-(?=[A-ZĐ])")
_PARENS = re.compile(r"\s*\(([^()]*)\)\s*")


def _abbreviation(part: str) -> bool:
    """'PV', 'BT', 'TTXVN', 'CTV': capitals with no vowel are never a Vietnamese name."""
    tokens = part.replace(".", " ").split()
    return 0 < len(tokens) <= 2 and all(t.isupper() and t.isalpha() and not _VOWEL.search(t)
                                       for t in tokens)


def _name(part: str) -> str | None:
    """A person's name, title-cased ('HOÀNG VƯƠNG' -> 'Hoàng Vương'), or None."""
    tokens = part.split()
    if not 2 <= len(tokens) <= 5 or lexicons.chrome().not_names.search(part):
        return None
    if not all(t.isalpha() and t[0].isupper() for t in tokens):
        return None
    if any(t.isupper() and not _VOWEL.search(t) for t in tokens):
        return None
    return " ".join(t.capitalize() if t.isupper() else t for t in tokens)


def parse_signature(line: str) -> list[str] | None:
    """Authors named by a signature line; [] for an abbreviation; None if not a signature."""
    c = lexicons.chrome()
    text = line.strip()
    if not text or len(text) > c.signature_max or re.search(r"\d", text) or c.caption_credit.match(text):
        return None                                    # "Ảnh: …" credits a photo, not the text
    text = _LEAD_IN.sub("", text).rstrip(".").strip()
    if text.startswith("(") and text.endswith(")") and text.count("(") == 1:
        text = text[1:-1].strip()
    text = _PARENS.sub(" - ", text).strip(" -")      # "Hồng Vân (Báo Lạng Sơn)": a role
    names: list[str] = []
    abbreviation = False
    for i, part in enumerate(p.strip() for p in _SPLIT.split(text)):
        part = _HONORIFIC.sub("", part).strip(" .")
        if not part:
            continue
        if _abbreviation(part):
            abbreviation = True
        elif i > 0 and (c.roles.match(part) or not part[0].isupper() or any(
                w[0].islower() for w in part.split())):
            continue                                   # a role after the name
        elif (name := _name(part)) is not None:
            names.append(name)
        else:
            return None
    if not names and not abbreviation:
        return None
    return list(dict.fromkeys(names))


def _closing(line: str) -> bool:
    """A short line that does not close a sentence, or that is a signature anyway."""
    return len(line) <= lexicons.chrome().signature_max and (
        not ends_sentence(line) or parse_signature(line) is not None)


def trailing_credits(lines: list[str]) -> int:
    """How many lines at the end are credits ("Theo Báo Lạng Sơn", "Nguồn: …")."""
    c = lexicons.chrome()
    count = 0
    while count < len(lines) - 1 and c.credits.match(lines[len(lines) - 1 - count]):
        count += 1
    return count


def find_signature(lines: list[str]) -> tuple[int | None, list[str]]:
    """(index of the signature line, its authors) among the article's lines.

    The signature is the first name-like line in the short run that ends the
    article (after its last sentence, above any "Theo …"/"Nguồn: …" credit);
    the lead (index 0) never is one.
    """
    end = len(lines) - trailing_credits(lines)
    run = []
    i = end - 1
    while i >= 1 and len(run) < MAX_TRAILING and _closing(lines[i]):
        run.append(i)
        i -= 1
    for index in reversed(run):
        authors = parse_signature(lines[index])
        if authors is not None:
            return index, authors
    return None, []
