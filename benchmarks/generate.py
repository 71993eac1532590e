#!/usr/bin/env python3
"""A deterministic synthetic corpus in our content format, plus its Pelican and Hugo twins.

    python benchmarks/generate.py 1000 benchmarks/work/n1000

writes, under the target folder:

    ours/config.yaml      templates_dir points at the repo's templates (absolute)
    ours/content/<year>/<slug>.md
    pelican/…  hugo/…     the same articles in each peer's format (see convert.py)

Article i is drawn from its own `random.Random(f"{SEED}:{i}")`, so it is the
same whatever N is: the 1,000-article corpus is the first 1,000 of the
20,000-article one. Every article has 600–1,500 words of Vietnamese text with
headings, numbered lists and now and then a table; a province from the 63
provinces in force before 2025 (1 % have none); review and plan years within
2015–2024; 2–4 topics, 1–2 authors and 2–4 key figures.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import shutil
import sys
import time
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from digest.lexicon.places import load_gazetteer  # noqa: E402
from digest.util.text import slugify, vi_number  # noqa: E402

import convert  # noqa: E402  (benchmarks/convert.py)

SEED = "ict-digest-bench-1"
FIRST_YEAR, LAST_YEAR = 2015, 2024

TOPICS = [
    "Chuyển đổi số", "Viễn thông", "Bưu chính", "Báo chí", "Xuất bản",
    "An toàn thông tin", "Chính quyền điện tử", "Công nghệ thông tin",
    "Phát thanh truyền hình", "Thông tin cơ sở", "Thông tin đối ngoại", "Hạ tầng số",
    "Kinh tế số", "Xã hội số", "Dịch vụ công trực tuyến", "Đô thị thông minh",
    "Internet băng rộng", "Tần số vô tuyến điện", "Quảng cáo", "Cải cách hành chính",
]
SURNAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Ngô", "Lý"]
MIDDLE = ["Văn", "Thị", "Minh", "Hồng", "Đức", "Thu", "Quang", "Thanh"]
GIVEN = ["An", "Bình", "Châu", "Dũng", "Giang", "Hà", "Hải", "Hương", "Khánh", "Lan",
         "Long", "Mai", "Nam", "Phương", "Quân", "Sơn", "Tâm", "Trang", "Tuấn", "Vân"]

SUBJECTS = [
    "Sở Thông tin và Truyền thông", "Ủy ban nhân dân tỉnh", "Ban Chỉ đạo chuyển đổi số tỉnh",
    "Trung tâm Công nghệ thông tin và Truyền thông", "các doanh nghiệp viễn thông",
    "Bưu điện tỉnh", "các cơ quan báo chí địa phương", "ngành thông tin và truyền thông",
    "các sở, ban, ngành", "Ủy ban nhân dân các huyện, thành phố", "Đài Phát thanh và Truyền hình",
    "Viễn thông tỉnh", "các tổ công nghệ số cộng đồng", "Hội Nhà báo tỉnh",
]
VERBS = [
    "đã triển khai", "tiếp tục đẩy mạnh", "hoàn thành", "phối hợp thực hiện",
    "tập trung nâng cao chất lượng", "tham mưu ban hành", "chỉ đạo quyết liệt việc triển khai",
    "tổ chức kiểm tra", "rà soát và nâng cấp", "đưa vào vận hành", "duy trì ổn định",
    "tăng cường tuyên truyền về", "bố trí kinh phí cho", "đánh giá kết quả thực hiện",
]
OBJECTS = [
    "hệ thống quản lý văn bản và điều hành", "cổng dịch vụ công trực tuyến của tỉnh",
    "hạ tầng mạng băng rộng cố định", "các trạm phát sóng di động 4G và 5G",
    "kế hoạch chuyển đổi số giai đoạn 2021–2025", "trung tâm điều hành thông minh",
    "mạng truyền số liệu chuyên dùng", "hệ thống thư điện tử công vụ",
    "dịch vụ bưu chính công ích", "hoạt động thông tin cơ sở ở thôn, bản",
    "công tác bảo đảm an toàn thông tin mạng", "nền tảng tích hợp, chia sẻ dữ liệu",
    "các điểm bưu điện văn hóa xã", "chương trình phổ cập điện thoại thông minh",
    "hệ thống truyền thanh ứng dụng công nghệ thông tin - viễn thông",
    "cơ sở dữ liệu chuyên ngành", "công tác quản lý báo chí, xuất bản",
]
TAILS = [
    "trên địa bàn tỉnh", "theo đúng kế hoạch đề ra", "đạt {pct}% kế hoạch năm",
    "với tổng kinh phí {money} tỷ đồng", "góp phần nâng cao hiệu quả quản lý nhà nước",
    "tăng {pct}% so với cùng kỳ năm trước", "tại {count} xã, phường, thị trấn",
    "phục vụ kịp thời công tác chỉ đạo, điều hành", "bảo đảm thông suốt trong các dịp lễ, Tết",
    "cho {count} cán bộ, công chức", "ở tất cả các huyện, thành phố",
    "đáp ứng yêu cầu phát triển kinh tế - xã hội",
]
HEADINGS = [
    "Kết quả nổi bật", "Hạ tầng viễn thông", "Ứng dụng công nghệ thông tin",
    "Chuyển đổi số", "Bưu chính", "Báo chí và xuất bản", "Thông tin cơ sở",
    "An toàn thông tin", "Tồn tại, hạn chế", "Nhiệm vụ trọng tâm", "Giải pháp thực hiện",
    "Kiến nghị, đề xuất",
]
INDICATORS = [
    ("Thuê bao di động", "thuê bao"), ("Thuê bao Internet băng rộng cố định", "thuê bao"),
    ("Trạm BTS", "trạm"), ("Dịch vụ công trực tuyến toàn trình", "dịch vụ"),
    ("Hồ sơ trực tuyến", "hồ sơ"), ("Điểm phục vụ bưu chính", "điểm"),
    ("Văn bản điện tử", "%"), ("Doanh thu bưu chính, viễn thông", "tỷ đồng"),
]
FIGURE_UNITS = ["hộp thư điện tử", "%", "tỷ đồng", "trạm BTS", "thuê bao", "điểm phục vụ",
                "hồ sơ trực tuyến", "dịch vụ công", "xã"]


@dataclass
class Article:
    index: int
    slug: str
    title: str
    date: dt.date
    province: str | None
    review_year: int | None
    plan_year: int | None
    authors: list[str]
    topics: list[str]
    summary: str
    source: str
    figures: list[dict] = field(default_factory=list)
    body: str = ""

    @property
    def path(self) -> str:
        """Where the article lives under our content/ folder."""
        return f"{self.date.year}/{self.slug}.md"

    def meta(self) -> dict:
        """The front matter, as our content format has it (date as text)."""
        return {"title": self.title, "date": self.date.isoformat(), "province": self.province,
                "review_year": self.review_year, "plan_year": self.plan_year,
                "authors": self.authors, "topics": self.topics, "summary": self.summary,
                "source": self.source, "slug": self.slug, "figures": self.figures}


@lru_cache(maxsize=1)
def provinces() -> tuple[str, ...]:
    names = tuple(load_gazetteer().names(dt.date(LAST_YEAR, 12, 31)))
    assert len(names) == 63, f"expected the 63 pre-2025 provinces, got {len(names)}"
    return names


@lru_cache(maxsize=None)
def place_phrase(name: str) -> str:
    """'tỉnh Lạng Sơn', 'thành phố Hà Nội', 'Thành phố Hồ Chí Minh'."""
    if name.startswith("Thành phố"):
        return name
    level = "tỉnh" if load_gazetteer().lookup(name).kind == "tỉnh" else "thành phố"
    return f"{level} {name}"


# --- text ----------------------------------------------------------------------

def _number(rng: random.Random, low: int, high: int) -> str:
    return vi_number(rng.randint(low, high))


def sentence(rng: random.Random, province: str | None) -> str:
    tail = rng.choice(TAILS).format(pct=vi_number(round(rng.uniform(1, 99), 1)),
                                    money=_number(rng, 2, 900), count=_number(rng, 12, 4000))
    text = f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(OBJECTS)} {tail}"
    if province and rng.random() < 0.15:
        text += f" của {province}"
    if rng.random() < 0.1:
        text = text.replace(" đã ", " **đã** ", 1)
    return text[0].upper() + text[1:] + "."


def paragraph(rng: random.Random, province: str | None) -> str:
    return " ".join(sentence(rng, province) for _ in range(rng.randint(3, 7)))


def numbered_list(rng: random.Random, province: str | None) -> str:
    items = [sentence(rng, province) for _ in range(rng.randint(3, 7))]
    return "\n".join(f"{n}. {item}" for n, item in enumerate(items, 1))


def table(rng: random.Random, year: int) -> str:
    rows = rng.sample(INDICATORS, rng.randint(3, 6))
    lines = [f"| Chỉ tiêu | Năm {year - 1} | Năm {year} | Đơn vị |", "|---|---:|---:|---|"]
    for name, unit in rows:
        before = rng.randint(50, 90_000)
        after = int(before * rng.uniform(0.9, 1.4))
        lines.append(f"| {name} | {vi_number(before)} | {vi_number(after)} | {unit} |")
    return "\n".join(lines)


MAX_WORDS = 1490  # and a closing link of 8 words at most: 1,500


def _words(blocks: list[str]) -> int:
    return sum(len(b.split()) for b in blocks)


def body(rng: random.Random, province: str | None, year: int) -> tuple[str, str]:
    """(Markdown body of 600–1,500 words, its first sentence as the summary)."""
    target = rng.randint(600, 1500)
    intro = paragraph(rng, province)
    blocks, words = [intro], len(intro.split())
    has_table = rng.random() < 0.25
    headings = rng.sample(HEADINGS, len(HEADINGS))
    while words < target:           # sections: a heading, a paragraph, maybe a list or table
        section = [f"## {headings.pop() if headings else 'Nội dung khác'}",
                   paragraph(rng, province)]
        if rng.random() < 0.4:
            section.append(numbered_list(rng, province))
        if has_table and rng.random() < 0.3:
            section.append(table(rng, year))
            has_table = False
        if rng.random() < 0.5:
            section.append(paragraph(rng, province))
        while len(section) > 2 and words + _words(section) > MAX_WORDS:
            section.pop()
        if words + _words(section) > MAX_WORDS:
            break
        blocks += section
        words += _words(section)
    if rng.random() < 0.3:
        blocks.append("Xem thêm trên [Cổng thông tin điện tử của tỉnh](https://example.gov.vn/tin-tuc).")
    return "\n\n".join(blocks) + "\n", intro.split(". ")[0].replace("**", "") + "."


# --- articles ------------------------------------------------------------------

def _years_and_date(rng: random.Random) -> tuple[int | None, int | None, dt.date]:
    """(review_year, plan_year, date) that our checks accept, all years in 2015–2024."""
    kind = rng.random()
    if kind < 0.55:      # a year-end conference: results of R, tasks of R + 1
        review = rng.randint(FIRST_YEAR, LAST_YEAR - 1)
        plan = review + 1
        day = (dt.date(review, 12, rng.randint(15, 31)) if rng.random() < 0.5
               else dt.date(plan, 1, 2) + dt.timedelta(days=rng.randint(0, 57)))
    elif kind < 0.8:     # results only, reported during the year
        review, plan = rng.randint(FIRST_YEAR, LAST_YEAR), None
        day = dt.date(review, 6, 1) + dt.timedelta(days=rng.randint(0, 213))
    else:                # tasks only, set early in the year
        review, plan = None, rng.randint(FIRST_YEAR, LAST_YEAR)
        day = dt.date(plan, 1, 2) + dt.timedelta(days=rng.randint(0, 110))
    return review, plan, day


def _title(rng: random.Random, where: str, review: int | None, plan: int | None) -> str:
    if review and plan:
        forms = [f"Sở Thông tin và Truyền thông {where} tổng kết năm {review}, triển khai nhiệm vụ năm {plan}",
                 f"Ngành thông tin và truyền thông {where}: kết quả năm {review} và mục tiêu năm {plan}",
                 f"Hội nghị tổng kết công tác thông tin và truyền thông {where} năm {review}"]
    elif review:
        forms = [f"{where}: {rng.choice(TOPICS).lower()} đạt kết quả tích cực trong năm {review}",
                 f"Sơ kết công tác thông tin và truyền thông {where} năm {review}"]
    else:
        forms = [f"Ngành thông tin và truyền thông {where} đặt mục tiêu năm {plan}",
                 f"{where} triển khai nhiệm vụ thông tin và truyền thông năm {plan}"]
    title = rng.choice(forms)
    return title[0].upper() + title[1:]


def make_article(index: int) -> Article:
    """Article number `index`: the same for every N."""
    rng = random.Random(f"{SEED}:{index}")
    review, plan, day = _years_and_date(rng)
    province = rng.choice(provinces()) if rng.random() >= 0.01 else None
    where = place_phrase(province) if province else "các địa phương"
    title = _title(rng, where, review, plan)
    main_year = review or plan
    text, summary = body(rng, province, main_year)
    kind = "tong-ket" if review else "nhiem-vu"
    slug = f"{slugify(province or 'chua-xac-dinh')}-{kind}-{main_year}-{index:05d}"
    authors = [f"{rng.choice(SURNAMES)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"
               for _ in range(rng.randint(1, 2))]
    figures = []
    for _ in range(rng.randint(2, 4)):
        unit = rng.choice(FIGURE_UNITS)
        value = round(rng.uniform(50, 99.9), 1) if unit == "%" else rng.randint(10, 20_000)
        label = f"{vi_number(value)}%" if unit == "%" else f"{vi_number(value)} {unit}"
        figures.append({"value": value, "unit": unit,
                        "text": f"Năm {main_year}, toàn tỉnh đạt {label}."})
    return Article(index, slug, title, day, province, review, plan, authors,
                   rng.sample(TOPICS, rng.randint(2, 4)), summary,
                   f"{index:06d}_{rng.getrandbits(64):016x}.txt", figures, text)


def _yaml(value) -> str:
    """A front matter value as YAML (JSON strings and lists are valid YAML)."""
    if value is None:
        return "null"
    return json.dumps(value, ensure_ascii=False)


def our_text(meta: dict, text: str) -> str:
    """One content file in our format."""
    lines = ["---"]
    for key, value in meta.items():
        if key == "figures":
            lines.append("figures:")
            lines += [f"  - {{value: {f['value']}, unit: {_yaml(f['unit'])}, text: {_yaml(f['text'])}}}"
                      for f in value]
        elif key == "date":
            lines.append(f"date: {value}")
        else:
            lines.append(f"{key}: {_yaml(value)}")
    return "\n".join(lines) + "\n---\n" + text


CONFIG = """\
# Written by benchmarks/generate.py: {n} synthetic articles.
title: "Toàn cảnh thông tin và truyền thông các tỉnh (bộ thử {n} bài)"
intro: "Bộ dữ liệu tổng hợp dùng để đo tốc độ dựng trang."
content_dir: content
seeds_dir: seeds
templates_dir: {templates}
output_dir: site
# The peers make no PDF: the yearly editions are measured on their own (results.md)
yearbook: false
"""


def write_config(ours: Path, n: int, templates: Path) -> None:
    (ours / "config.yaml").write_text(
        CONFIG.format(n=n, templates=json.dumps(str(templates.resolve()))), encoding="utf-8")


def generate(n: int, target: Path, templates: Path = REPO / "templates",
             peers: bool = True) -> None:
    """Write N articles in our format (and the peers' formats) under `target`, afresh."""
    target = Path(target)
    for sub in ("ours", "pelican", "hugo"):
        shutil.rmtree(target / sub, ignore_errors=True)
    ours = target / "ours"
    (ours / "content").mkdir(parents=True)
    write_config(ours, n, templates)
    if peers:
        convert.pelican_site(target / "pelican")
        convert.hugo_site(target / "hugo", templates)
    made_dirs = set()
    for index in range(n):
        article = make_article(index)
        path = ours / "content" / article.path
        if path.parent not in made_dirs:
            path.parent.mkdir(parents=True, exist_ok=True)
            made_dirs.add(path.parent)
        meta = article.meta()
        path.write_text(our_text(meta, article.body), encoding="utf-8")
        if peers:
            convert.write_pelican(target / "pelican", meta, article.body)
            convert.write_hugo(target / "hugo", meta, article.body)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("n", type=int, help="number of articles")
    parser.add_argument("target", type=Path, help="folder to write into (its ours/, "
                        "pelican/ and hugo/ are replaced)")
    parser.add_argument("--no-peers", action="store_true", help="only our format")
    args = parser.parse_args()
    started = time.perf_counter()
    generate(args.n, args.target, peers=not args.no_peers)
    print(f"Wrote {args.n} articles under {args.target} in {time.perf_counter() - started:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
