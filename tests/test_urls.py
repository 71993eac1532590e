import posixpath

from hypothesis import given, strategies as st

from digest.model.urls import absolute_url, relative_url

segment = st.sampled_from(["a", "b", "nam", "2020", "tinh", "lang-son", "bai-viet"])
site_path = st.builds(lambda parts, name: "/".join(parts + [name]),
                      st.lists(segment, max_size=4), st.sampled_from(["index.html", "feed.xml"]))


@given(site_path, site_path)
def test_relative_url_agrees_with_posixpath(target, page):
    expected = posixpath.relpath(target, posixpath.dirname(page) or ".")
    assert relative_url(target, page) == expected
    # and following the link from the page's folder lands on the target
    assert posixpath.normpath(posixpath.join(posixpath.dirname(page), expected)) == target


def test_external_links_are_left_alone():
    for url in ("https://example.org/x", "#top", "mailto:a@b.vn"):
        assert relative_url(url, "a/b/index.html") == url


def test_absolute_urls_drop_index_html():
    base = "https://user.github.io/repo/"
    assert absolute_url("index.html", base) == base
    assert absolute_url("tinh/lang-son/index.html", base) == base + "tinh/lang-son/"
    assert absolute_url("feed.xml", base) == base + "feed.xml"
