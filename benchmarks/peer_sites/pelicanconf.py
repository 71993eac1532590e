# Pelican settings for the benchmark (copied by benchmarks/convert.py).
# Pelican's bundled default theme, so nothing is downloaded; relative URLs on;
# feeds OFF (ours writes none yet, and Hugo's RSS is off too); no author pages
# (ours has none); one archive page per year of publication, like our year pages.
AUTHOR = "Ban biên tập"
SITENAME = "Toàn cảnh thông tin và truyền thông các tỉnh"
SITEURL = ""
PATH = "content"
TIMEZONE = "Asia/Ho_Chi_Minh"
DEFAULT_LANG = "vi"
DEFAULT_DATE_FORMAT = "%d/%m/%Y"

THEME = "notmyidea"           # bundled with Pelican
RELATIVE_URLS = True
DEFAULT_CATEGORY = "Chưa xác định tỉnh"   # category = province, tags = topics
DEFAULT_PAGINATION = False    # one page per list, as ours

FEED_ALL_ATOM = None
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None

AUTHOR_SAVE_AS = ""
AUTHORS_SAVE_AS = ""
YEAR_ARCHIVE_SAVE_AS = "posts/{date:%Y}/index.html"

# Pelican's own content cache: the benchmark's cold build passes --ignore-cache.
CACHE_CONTENT = True
LOAD_CONTENT_CACHE = True
CACHE_PATH = "cache"
