"""The command line's own words, the build's summaries and the preview's error page
speak Vietnamese by default and English with --lang en (or DIGEST_LANG=en).

The conftest runs every test in English (DIGEST_LANG=en): these tests take that
away to see the default. They read the compiled catalog in locale/.
"""

import os
import re
import subprocess
import sys

import pytest

import build
from conftest import REPO
from digest import i18n
from digest.problems import Problem


@pytest.fixture
def default_language(monkeypatch, tmp_path):
    """No language asked for anywhere: no DIGEST_LANG, no config.yaml with `language:`."""
    monkeypatch.delenv(i18n.ENV, raising=False)
    monkeypatch.chdir(tmp_path)


def run_cli(*args: str) -> subprocess.CompletedProcess:
    """`python build.py ARGS` as a user types it, without DIGEST_LANG."""
    env = {k: v for k, v in os.environ.items() if k != i18n.ENV}
    return subprocess.run([sys.executable, str(REPO / "build.py"), *args], env=env,
                          capture_output=True, text=True, encoding="utf-8", cwd=REPO / "tests")


def test_help_is_vietnamese_by_default_and_english_with_lang_en():
    vi = run_cli("--help")
    assert vi.returncode == 0
    assert vi.stdout.startswith("cách dùng: build.py ")
    for words in ("Dựng trang web bản tin CNTT hằng năm", "đối số vị trí:", "tùy chọn:",
                  "hiện trợ giúp này rồi thoát", "hiện phiên bản rồi thoát",
                  "kiểm tra content/ mà không ghi gì", "các thiết lập trong config.yaml:"):
        assert words in vi.stdout
    assert "usage:" not in vi.stdout and "show this help" not in vi.stdout
    en = run_cli("--lang", "en", "--help")
    assert en.stdout.startswith("usage: build.py ")
    assert "show this help message and exit" in en.stdout and "positional arguments:" in en.stdout
    assert "Build the yearly ICT digest website" in en.stdout and "cách dùng" not in en.stdout


@pytest.mark.parametrize("english", [["--lang", "en", "check", "--help"],
                                     ["check", "--lang", "en", "--help"],
                                     ["check", "--help", "--lang=en"]])
def test_a_command_s_help_in_both_languages(default_language, capsys, english):
    with pytest.raises(SystemExit) as done:
        build.main(["check", "--help"])
    assert done.value.code == 0
    vi = capsys.readouterr().out
    assert vi.startswith("cách dùng: build.py check ")
    assert "Kiểm tra mọi trang (kể cả bản nháp): thoát với mã 1 nếu có lỗi." in vi
    assert "tệp cấu hình (mặc định: config.yaml)" in vi
    assert "plain (mặc định): 'lỗi: tệp:dòng: thông báo'" in " ".join(vi.split())
    with pytest.raises(SystemExit):
        build.main(english)
    en = capsys.readouterr().out
    assert en.startswith("usage: build.py check ")
    assert "Check every page (drafts included): exit 1 on errors." in en
    assert "the configuration file (default: config.yaml)" in en


def test_an_unknown_option_is_refused_in_vietnamese_by_default():
    vi = run_cli("--nonsense")
    assert vi.returncode == 2
    assert vi.stderr.startswith("cách dùng: build.py ")
    assert vi.stderr.splitlines()[-1] == "build.py: lỗi: đối số không nhận ra được: --nonsense"


@pytest.mark.parametrize("argv", [["--lang", "en", "--nonsense"], ["--nonsense", "--lang", "en"],
                                  ["build", "--lang", "en", "--nonsense"]])
def test_an_unknown_option_is_refused_in_english_with_lang_en(default_language, capsys, argv):
    with pytest.raises(SystemExit) as done:
        build.main(argv)
    assert done.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith("usage: build.py ")
    assert err.splitlines()[-1].endswith("error: unrecognized arguments: --nonsense")


def test_a_bad_choice_in_vietnamese(default_language, capsys):
    with pytest.raises(SystemExit):
        build.main(["check", "--format", "xml"])
    last = capsys.readouterr().err.splitlines()[-1]
    assert last.startswith("build.py check: lỗi: đối số --format: lựa chọn không hợp lệ: ")
    assert "'xml'" in last


def test_the_build_s_summary_in_vietnamese(project, default_language, capsys):
    assert project.build() == 0
    out = capsys.readouterr().out.splitlines()
    assert re.fullmatch(r"Đã dựng \d+ trang \(\d+ trang dựng mới; tệp: \d+ ghi mới, 0 không đổi, "
                        r"0 đã xóa\): \d+ bài viết, \d+ tỉnh, \d+ năm trong \d+,\d\d giây\. "
                        r"Mở file://\S+/site/index\.html", out[-1]), out[-1]
    assert any(line.startswith("cảnh báo: base_url: chưa đặt — sitemap.xml") for line in out)
    assert project.build("--lang", "en") == 0  # after the command name too
    assert capsys.readouterr().out.splitlines()[-1].startswith("Built ")


def test_a_stopped_build_in_vietnamese(project, default_language, capsys):
    project.write("hong.md", "---\ntitle: Hỏng\ndate: 2019-13-01\n---\n")
    assert project.build() == 1
    out = capsys.readouterr().out.splitlines()
    assert any(line.startswith("lỗi: content/hong.md:") for line in out)
    assert re.fullmatch(r"Đã dừng dựng trang: \d+ lỗi trong 1 tệp; site/ được giữ nguyên như cũ\. "
                        r"Hãy sửa các dòng ở trên rồi dựng lại\.", out[-1]), out[-1]
    assert not project.site.exists()


def test_check_s_summary_in_vietnamese(project, default_language, capsys):
    assert build.main(["check", "--config", str(project.config)]) == 0
    last = capsys.readouterr().out.splitlines()[-1]
    assert re.fullmatch(r"Đã kiểm tra \d+ trang trong content/: 0 lỗi, \d+ cảnh báo\.", last), last


def test_a_refused_output_folder_in_vietnamese_with_its_code(project, default_language, capsys):
    (project.root / "khac").mkdir()
    (project.root / "khac" / "ghi-chu.txt").write_text("của tôi", encoding="utf-8")
    assert project.build("--output", str(project.root / "khac")) == 1
    out = capsys.readouterr().out
    assert "thư mục đầu ra không trống và không do lệnh dựng trang này tạo ra" in out
    assert (project.root / "khac" / "ghi-chu.txt").read_text(encoding="utf-8") == "của tôi"
    from digest.config import load_config
    from digest.pipeline import output_folder_problem

    config = load_config(project.config, output_dir=str(project.root / "khac"))
    assert output_folder_problem(config).code == "output-folder-refused"


def test_the_preview_s_error_page_is_vietnamese_by_default():
    from digest import serve

    errors = [Problem("content/a.md", 3, 'date: "2020-01-33" <sai>', code="date-format")]
    i18n.use(i18n.DEFAULT)
    page = serve.error_html(errors)
    assert '<html lang="vi">' in page
    assert "<title>Lỗi khi dựng trang</title>" in page and "<h1>Lỗi khi dựng trang</h1>" in page
    assert ("<p>Bản xem trước dừng ở lần dựng tốt gần nhất. Sửa các lỗi sau rồi lưu tệp, "
            "trang sẽ tự tải lại:</p>") in page
    assert "<code>content/a.md:3: date: &quot;2020-01-33&quot; &lt;sai&gt;</code>" in page
    i18n.use("en")
    page = serve.error_html(errors)
    assert '<html lang="en">' in page and "<h1>The build failed</h1>" in page
    assert "Fix these errors, then save the file; the page reloads by itself:" in page


def test_the_preview_s_refusal_in_vietnamese():
    from types import SimpleNamespace

    from digest.serve_guard import refusal

    i18n.use("vi")
    request = SimpleNamespace(headers={"Host": "evil.example:8000"})
    assert refusal(request, "127.0.0.1", 8000, False) == (
        'Host "evil.example:8000" không phải địa chỉ của bản xem trước này — hãy mở bản xem '
        "trước tại http://127.0.0.1:8000/")


def test_the_build_s_seconds_are_written_the_vietnamese_way(project, default_language, capsys):
    assert build.main(["build", "--config", str(project.config)]) == 0
    summary = capsys.readouterr().out.strip().splitlines()[-1]
    assert re.search(r" trong \d+,\d\d giây\. ", summary), summary
    assert build.main(["build", "--lang", "en", "--config", str(project.config)]) == 0
    assert re.search(r" in \d+\.\d\d s\. ", capsys.readouterr().out)
