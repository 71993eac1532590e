"""Nothing lost, nothing leaked, nothing moved: the output folder, drafts,
addresses and hostile input (each test here failed on the code before it)."""

from __future__ import annotations

import itertools
import os
import shutil
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

import build
from conftest import REPO, Project
from test_incremental import cold_build, tree

GOOD = ("---\ntitle: {title}\ndate: 2020-01-13\nprovince: Lạng Sơn\nreview_year: 2019\n"
        "{extra}---\n{body}\n")


def page(title: str = "Tốt", extra: str = "", body: str = "Thân bài.") -> str:
    return GOOD.format(title=title, extra=extra, body=body)


def run(project: Project, *args: str) -> int:
    return build.main([args[0], "--config", str(project.config), *args[1:]])


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


# --- the output folder is the build's, and only the build's --------------------

@pytest.mark.parametrize("output", [".", "", "content", "content/site", "templates/x", ".."])
def test_an_output_folder_holding_or_inside_the_sources_is_refused(project, capsys, output):
    project.templates = project.root / "templates"
    shutil.copytree(Path(build.__file__).parent / "templates", project.templates)
    project.write_config(templates_dir="templates", output_dir=output)
    before = snapshot(project.root)
    assert project.build() == 1
    out = capsys.readouterr().out
    assert "the output folder" in out and ("choose a folder" in out)
    assert snapshot(project.root) == before  # nothing deleted, nothing written


def test_output_on_the_command_line_is_checked_too(project, capsys):
    before = snapshot(project.root)
    assert project.build("--output", str(project.root)) == 1
    assert "is the project folder itself" in capsys.readouterr().out
    assert snapshot(project.root) == before


def test_a_folder_with_files_the_build_did_not_make_is_refused(project, tmp_path, capsys):
    other = tmp_path / "notes"
    other.mkdir()
    (other / "thu.txt").write_text("của tôi", encoding="utf-8")
    assert project.build("--output", str(other)) == 1
    out = capsys.readouterr().out
    assert "is not empty and was not made by this build" in out and ".digest-output" in out
    assert [p.name for p in other.iterdir()] == ["thu.txt"]
    (other / ".digest-output").write_text("", encoding="utf-8")  # adopting it, as told
    assert project.build("--output", str(other)) == 0
    assert (other / "index.html").is_file() and not (other / "thu.txt").exists()


@pytest.mark.parametrize("incremental", [False, True])
def test_git_cname_and_kept_files_survive_full_and_incremental_builds(project, incremental):
    project.write_config(keep=["README.md", "extra/*"])
    assert project.build() == 0
    mine = {".git/HEAD": "ref: refs/heads/gh-pages\n", ".git/refs/tags/.keep": "",
            "CNAME": "digest.example.vn\n", "README.md": "# site\n", "extra/a.txt": "a"}
    for rel, text in mine.items():
        (project.site / rel).parent.mkdir(parents=True, exist_ok=True)
        (project.site / rel).write_text(text, encoding="utf-8")
    (project.site / "stray.html").write_text("old", encoding="utf-8")
    if not incremental:  # a folder adopted by hand, with an empty marker, is walked
        shutil.rmtree(project.root / ".cache")
        (project.site / ".digest-output").write_text("", encoding="utf-8")
    (project.content / "dien-bien-2021.md").unlink()
    assert project.build() == 0
    for rel, text in mine.items():
        assert (project.site / rel).read_text(encoding="utf-8") == text, rel
    assert not (project.site / "bai-viet/dien-bien-tong-ket-nam-2020").exists()
    # a file the build did not write goes only from a folder adopted by hand
    assert (project.site / "stray.html").exists() is incremental


def test_a_symlinked_output_folder_works(project, tmp_path):
    target = tmp_path / "real-site"
    target.mkdir()
    project.site.symlink_to(target, target_is_directory=True)
    assert project.build() == 0
    assert project.site.is_symlink() and (target / "index.html").is_file()
    (project.content / "dien-bien-2021.md").unlink()
    assert project.build() == 0
    assert project.site.is_symlink()
    assert tree(target) == cold_build(project, tmp_path)


# --- drafts never leak ------------------------------------------------------------

@pytest.mark.parametrize("sequence", list(itertools.product([(), ("--drafts",)], repeat=3)))
def test_any_sequence_of_builds_ends_as_a_cold_build_of_the_last(project, tmp_path, sequence):
    for args in sequence:
        assert project.build(*args) == 0
    assert tree(project.site) == cold_build(project, tmp_path / "cold", *sequence[-1])


# --- addresses never move ------------------------------------------------------------

SAME = "Tổng kết năm 2022"


def test_two_pages_with_one_title_are_an_error_naming_both(project, capsys):
    project.write("a.md", page(SAME).replace("2020-01-13", "2023-01-05"))
    project.write("b.md", page(SAME).replace("2020-01-13", "2023-01-10"))
    assert run(project, "check") == 1
    out = capsys.readouterr().out
    assert ("error: content/b.md: this page and content/a.md would both be at "
            "bai-viet/tong-ket-nam-2022/") in out


def test_new_with_a_taken_title_never_moves_the_existing_pages(project, capsys):
    project.write("a.md", page(SAME).replace("2020-01-13", "2023-01-05"))
    project.write("b.md", page(SAME, "slug: tong-ket-nam-2022-2023-01-10\n")
                  .replace("2020-01-13", "2023-01-10"))
    assert project.build() == 0
    before = {p.name for p in (project.site / "bai-viet").iterdir()}
    assert run(project, "new", SAME, "--review-year", "2022", "--date", "2023-01-10") == 0
    assert run(project, "check") == 0
    assert project.build("--drafts") == 0  # `new` starts a draft
    after = {p.name for p in (project.site / "bai-viet").iterdir()}
    assert before < after and {"tong-ket-nam-2022", "tong-ket-nam-2022-2023-01-10"} <= before


# --- check finds whatever makes build fail ---------------------------------------------

@pytest.mark.parametrize("name,text,message", [
    ("link.md", page("Trỏ", body="Xem [bản nháp](draft.md)."), "that page is a draft"),
    ("long.md", page("Dài", "slug: " + "-".join(["abc"] * 80) + "\n"), "too long for an address"),
    ("time.md", page("Giờ", "ghi_chu: !!timestamp 2020-01-01 10:00:00\n"), "holds a date and time"),
    ("self.md", page("Tự", "x: &a [*a]\n"), "YAML anchors and aliases are not allowed"),
    ("set.md", page("Tập", "x: !!set {a, b}\n"), "holds a set"),
])
def test_check_fails_on_what_would_stop_the_build(project, capsys, name, text, message):
    project.write(name, text)
    assert run(project, "check") == 1
    assert message in capsys.readouterr().out
    before = snapshot(project.root)
    assert project.build() == 1  # a clean failure with a message, never a crash
    assert "Traceback" not in capsys.readouterr().out
    assert snapshot(project.root) == before


def _with_a_memory_limit() -> None:
    """In the child, before the build starts: at most 1 GiB of address space, so a
    refusal that breaks ends in a MemoryError, never in the machine swapping."""
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))


def test_an_alias_bomb_is_refused_at_once(project):
    levels = ["a: &a [x, x, x, x, x, x, x, x, x]"] + [
        f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]" for i in range(8)]
    project.write("bomb.md", "---\ntitle: Bom\ndate: 2020-01-13\nreview_year: 2019\n"
                  + "\n".join(levels) + "\n---\n")
    # In a child process with a memory limit and a time limit: if the refusal ever
    # breaks, this test fails in seconds instead of taking the machine's memory.
    started = time.perf_counter()
    try:
        done = subprocess.run([sys.executable, str(REPO / "build.py"), "build",
                               "--config", str(project.config)],
                              cwd=project.root, capture_output=True, text=True, timeout=20,
                              preexec_fn=_with_a_memory_limit)
    except subprocess.TimeoutExpired:
        pytest.fail("the build did not refuse the alias bomb within 20 s")
    elapsed = time.perf_counter() - started
    assert done.returncode == 1, (done.returncode, done.stderr[-2000:])  # no signal, no crash
    assert "Traceback" not in done.stdout + done.stderr
    assert "content/bomb.md:5: an anchor (&a) — YAML anchors and aliases are not allowed" \
        in done.stdout
    assert elapsed < 20  # a sanity bound only: before, this build ran out of memory


def test_control_characters_never_reach_the_html(project):
    project.write("nul.md", page("Có\x00 ký\x1b tự lạ", "summary: \"Tóm\\x07 tắt\\0\"\n",
                                 body="Thân\x0b bài\x7f."))
    assert project.build() == 0
    for path in project.site.rglob("*.html"):
        data = path.read_bytes()
        assert not any(b in data for b in (b"\x00", b"\x1b", b"\x07", b"\x0b", b"\x7f")), path
    assert "Có ký tự lạ" in project.page("bai-viet/co-ky-tu-la/index.html").text


def test_line_separators_cannot_break_a_generated_script(project):
    project.write("ls.md", page("Dòng mới</script><script>alert(1)</script>",
                                'summary: "Tóm\\Ltắt\\P </script>"\n',  # YAML's U+2028, U+2029
                                body="Thân\u2029bài </script>"))
    assert project.build() == 0
    for path in project.site.rglob("*.js"):
        text = path.read_text(encoding="utf-8")
        assert "\u2028" not in text and "\u2029" not in text and "</script" not in text, path
    for path in project.site.rglob("*.html"):
        assert "<script>alert(1)" not in path.read_text(encoding="utf-8"), path


@pytest.mark.parametrize("letter", ["Ð", "ð", "Ɖ"])
def test_legacy_d_letters_fold_like_dj(project, letter):
    from digest.lexicon.places import load_gazetteer
    from digest.util.text import fold, slugify

    assert slugify(f"{letter}ắk Lắk") == "dak-lak" and fold(letter) == "d"
    assert load_gazetteer().lookup(f"{letter}ắk Lắk").name == "Đắk Lắk"


# --- the cache knows what built the site ---------------------------------------------------

def test_another_renderer_version_renders_every_page_again(project, monkeypatch, capsys):
    import jinja2
    import markdown_it
    import yaml

    from digest import cache

    assert project.build() == 0
    for module in (jinja2, markdown_it, yaml):
        cache.code_version.cache_clear()
        monkeypatch.setattr(module, "__version__", "0.0-test-" + module.__name__)
        capsys.readouterr()
        assert project.build() == 0
        summary = capsys.readouterr().out.splitlines()[-1]
        pages = summary.split("Built ")[1].split(" pages")[0]
        assert f"({pages} rendered" in summary, summary  # every page again: nothing reused
    cache.code_version.cache_clear()


# --- files like any editor's ------------------------------------------------------------------

def test_new_and_import_make_files_with_the_umask_mode(project, capsys):
    old = os.umask(0o022)
    try:
        assert run(project, "new", "Một bài mới", "--review-year", "2022",
                   "--date", "2023-01-10") == 0
        capsys.readouterr()
        made = project.content / "2023-01-10-mot-bai-moi.md"
        assert stat.S_IMODE(made.stat().st_mode) == 0o644
        seeds = Path(build.__file__).parent / "seeds"
        shutil.copy(sorted(seeds.glob("*.txt"))[0], project.root / "seeds")
        assert run(project, "import") == 0
        imported = [p for p in project.content.glob("*.md") if "source:" in p.read_text("utf-8")]
        assert imported and all(stat.S_IMODE(p.stat().st_mode) == 0o644 for p in imported)
    finally:
        os.umask(old)


def test_new_works_where_hard_links_do_not(project, monkeypatch, capsys):
    def no_links(*_):
        raise PermissionError(1, "Operation not permitted")

    monkeypatch.setattr(os, "link", no_links)
    assert run(project, "new", "Không có liên kết cứng", "--review-year", "2022",
               "--date", "2023-01-10") == 0
    made = project.content / "2023-01-10-khong-co-lien-ket-cung.md"
    assert made.is_file() and "title: Không có liên kết cứng" in made.read_text("utf-8")
    assert run(project, "new", "Không có liên kết cứng", "--review-year", "2022",
               "--date", "2023-01-10") == 2  # still never overwrites
    assert not [p for p in project.content.iterdir() if p.name.endswith(".tmp")]


@pytest.mark.parametrize("command", ["build", "check"])
def test_outside_a_project_one_line_says_where_it_looked(tmp_path, monkeypatch, capsys, command):
    monkeypatch.chdir(tmp_path)
    assert build.main([command]) == 2
    captured = capsys.readouterr()
    lines = (captured.out + captured.err).strip().splitlines()
    assert len(lines) == 1
    assert "not a digest project" in lines[0] and "--config" in lines[0]
    assert str(tmp_path / "config.yaml") in lines[0]


# --- interruptions and the forked workers -----------------------------------------------------

def test_a_build_interrupted_while_committing_leaves_whole_files_and_heals(built, tmp_path,
                                                                            monkeypatch):
    from digest.write import folder as write

    old = tree(built.site)
    for name in ("dak-lak-2020.md", "bac-giang-2021.md"):
        path = built.content / name
        path.write_text(path.read_text("utf-8").replace("title: ", "title: Mới: ", 1)
                        .replace("title: Mới: ", "title: Mới - ", 1), encoding="utf-8")
    real, renames = os.replace, []

    def ctrl_c_on_the_third_rename(src, dst):
        renames.append(dst)
        if len(renames) == 3:
            raise KeyboardInterrupt
        return real(src, dst)

    monkeypatch.setattr(write.os, "replace", ctrl_c_on_the_third_rename)
    with pytest.raises(KeyboardInterrupt):
        built.build()
    monkeypatch.setattr(write.os, "replace", real)
    assert len(renames) == 3
    new = cold_build(built, tmp_path / "new")
    for rel, data in tree(built.site).items():  # every file whole: the old one or the new one
        assert data in (old.get(rel), new.get(rel)), rel
    assert not (built.root / ".site.staging").exists()
    assert built.build() == 0
    assert tree(built.site) == new


def test_the_forked_workers_build_the_same_site(project, tmp_path, monkeypatch):
    from digest.util import parallel

    if parallel.workers() < 2 or "fork" not in parallel.multiprocessing.get_all_start_methods():
        pytest.skip("one core or no fork here: the serial path is the only path")
    calls = []
    real_pool = parallel.multiprocessing.get_context("fork").Pool

    def counting_pool(*args, **kwargs):
        calls.append(args)
        return real_pool(*args, **kwargs)

    monkeypatch.setattr(parallel, "MIN_ITEMS", 2)  # fork even for the small fixture
    monkeypatch.setattr(parallel.multiprocessing.context.ForkContext, "Pool",
                        lambda self, *a, **k: counting_pool(*a, **k))
    assert project.build() == 0
    assert len(calls) >= 2  # parsing and rendering both went through the workers
    monkeypatch.undo()
    assert tree(project.site) == cold_build(project, tmp_path / "serial")


# --- check passing means build passing ----------------------------------------------------------

from hypothesis import HealthCheck, given, settings, strategies as st  # noqa: E402

EXTRAS = ["", "ghi_chu: văn bản\n", "x: !!timestamp 2020-01-01\n", "x: &a [1]\n",
          "x: !!set {a}\n", "x: {a: [1, 2.5, true, null]}\n", "x: .nan\n",
          "summary: \"Tóm\\0 tắt\\L\"\n"]
one_page = st.fixed_dictionaries({
    "title": st.sampled_from(["Tổng kết năm 2022", "Kế hoạch 2023", "Sở TT&TT Sơn La"]),
    "slug": st.sampled_from([None, "trang-rieng", "-".join(["dai"] * 30), "Sai Chu"]),
    "draft": st.booleans(),
    "extra": st.sampled_from(EXTRAS),
    "link": st.sampled_from([None, "p0.md", "p1.md", "p2.md", "khong-co.md"]),
})


@settings(max_examples=25, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(one_page, min_size=1, max_size=3))
def test_when_check_passes_build_passes(tmp_path_factory, pages):
    root = tmp_path_factory.mktemp("gen")
    project = Project(root)
    project.content.mkdir()
    (root / "seeds").mkdir()
    project.write_config()
    for n, spec in enumerate(pages):
        extra = spec["extra"] + (f"slug: {spec['slug']}\n" if spec["slug"] else "")
        extra += "draft: true\n" if spec["draft"] else ""
        body = f"Xem [trang]({spec['link']})." if spec["link"] else "Thân bài."
        project.write(f"p{n}.md", page(spec["title"], extra, body))
    checked = build.main(["check", "--config", str(project.config)])
    built = build.main(["build", "--config", str(project.config)])
    if checked == 0:
        assert built == 0
    assert built in (0, 1)  # never a crash
