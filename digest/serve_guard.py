"""The preview server's guard: only the preview's own pages may use it.

Any web site can make a browser send requests to 127.0.0.1. With DNS
rebinding (evil.example first resolving to the attacker, then to 127.0.0.1)
it can even read the answers, as its own. Such requests carry the attacker's
name in `Host`, so every request must name the preview's own address there;
and the live-reload endpoints, which act instead of showing a file, must come
from the preview's own pages (`Origin`, `Sec-Fetch-Site`), since a cross-site
websocket or `GET /forcereload` needs no rebinding at all.

livereload's Server hard-codes its handlers, which answer any Host and accept
any Origin, so GuardedServer builds the same application with guarded ones.
"""

from __future__ import annotations

import ipaddress
import logging
from urllib.parse import urlsplit

from livereload import Server
from livereload.handlers import (ForceReloadHandler, LiveReloadHandler,
                                 LiveReloadJSHandler)
from livereload.server import LiveScriptInjector
from tornado import web

from digest.i18n import _

LOOPBACK = ("127.0.0.1", "localhost", "[::1]")
# Bound to every interface, the preview is opened from other devices by the
# computer's address; an IP address, unlike a name, cannot be rebound.
EVERY_INTERFACE = ("0.0.0.0", "[::]")
# What a page's own requests say in Sec-Fetch-Site ("none": typed or bookmarked).
OWN_FETCHES = ("same-origin", "none")

# livereload's snippet: loads livereload.js from the address the page came from.
LIVE_SCRIPT = (b'<script type="text/javascript">(function(){'
               b'var s=document.createElement("script");'
               b'var port=(window.location.port'
               b' || (window.location.protocol == "https:" ? 443: 80));'
               b's.src="//"+window.location.hostname+":"+port+"/livereload.js?port="+port;'
               b'document.head.appendChild(s);})();</script>')


def bracketed(host: str) -> str:
    """An address as it is written in a Host header: IPv6 in brackets."""
    host = host.lower()
    return f"[{host}]" if ":" in host and not host.startswith("[") else host


def host_name(host: str) -> str:
    """A Host header without its port: "localhost:8000" -> "localhost",
    "[::1]:8000" -> "[::1]"."""
    host = host.strip().lower()
    name, colon, port = host.rpartition(":")
    if colon and port.isdigit() and (not name.startswith("[") or name.endswith("]")):
        return name
    return host


def host_allowed(host: str, bound: str) -> bool:
    """Whether a request with this Host header is for the preview bound to `bound`."""
    name, bound = host_name(host), bracketed(bound)
    if name in LOOPBACK or name == bound:
        return True
    if bound not in EVERY_INTERFACE:
        return False
    try:
        ipaddress.ip_address(name.strip("[]"))
    except ValueError:
        return False
    return True


def cross_site(headers, host: str) -> str | None:
    """Where a request comes from when that is another site than `host`, else None.
    Browsers send Origin with every websocket and most other cross-site requests,
    and Sec-Fetch-Site (if recent) with all; a client that is no browser sends neither."""
    origin = headers.get("Origin")
    if origin is not None and urlsplit(origin).netloc.lower() != host.lower():
        return origin
    fetch_site = headers.get("Sec-Fetch-Site")
    if fetch_site is not None and fetch_site.lower() not in OWN_FETCHES:
        return _("a {site} page").format(site=fetch_site)
    return None


def home(bound: str, port: int) -> str:
    """The address to open the preview at, as the 403 page names it."""
    name = bracketed(bound)
    return f"http://{'localhost' if name in EVERY_INTERFACE else name}:{port}/"


def refusal(request, bound: str, port: int, acts: bool) -> str | None:
    """Why the preview refuses this request (a line for the 403 page), or None."""
    host = request.headers.get("Host")
    if host is None:
        return None  # HTTP/1.0 from a tool: no browser sends a request without Host
    if not host_allowed(host, bound):
        return _('Host "{host}" is not this preview\'s address — open the preview at '
                 "{address}").format(host=host, address=home(bound, port))
    source = cross_site(request.headers, host) if acts else None
    if source is not None:
        return _("live reload answers only the preview's own pages, not {source} — open the "
                 "page at {address}").format(source=source, address=home(bound, port))
    return None


class Guarded:
    """A handler that answers 403 with a short plain text to a request `refusal` refuses.
    `acts`: the handler does something (reloads tabs), so the caller's site is checked too."""

    acts = False

    def prepare(self):
        reason = refusal(self.request, *self.settings["bound"], self.acts)
        if reason is not None:
            self.set_status(403)
            self.set_header("Content-Type", "text/plain; charset=utf-8")
            self.set_header("Cache-Control", "no-store")
            self.finish(reason + "\n")
            return None
        return super().prepare()


class GuardedLiveReload(Guarded, LiveReloadHandler):
    acts = True

    def check_origin(self, origin: str) -> bool:
        # livereload accepts any; prepare() has refused other sites already,
        # and this says the same to a tornado that asks only here.
        return urlsplit(origin).netloc.lower() == self.request.headers.get("Host", "").lower()


class GuardedForceReload(Guarded, ForceReloadHandler):
    acts = True


class GuardedLiveReloadJS(Guarded, LiveReloadJSHandler):
    pass


class GuardedServer(Server):
    """livereload's Server, its handlers guarded. `SFH` (the static files)
    gets the guard too, whatever class it is set to."""

    def _setup_logging(self):
        # livereload's own lines ("Serving on …", "Start watching changes") are English
        # and say what the preview's own line says; its warnings and errors still show.
        super()._setup_logging()
        logging.getLogger("livereload").setLevel(logging.WARNING)

    def application(self, port, host, liveport=None, debug=None, live_css=True):
        LiveReloadHandler.watcher = self.watcher  # as livereload does: its tasks read these
        LiveReloadHandler.live_css = live_css

        class Transform(LiveScriptInjector):
            script = LIVE_SCRIPT

        static = type(f"Guarded{self.SFH.__name__}", (Guarded, self.SFH), {})
        handlers = [(r"/livereload", GuardedLiveReload),
                    (r"/forcereload", GuardedForceReload),
                    (r"/livereload.js", GuardedLiveReloadJS),
                    (r"/(.*)", static, {"path": self.root or ".",
                                        "default_filename": self.default_filename})]
        app = web.Application(handlers=handlers, debug=bool(debug), transforms=[Transform],
                              bound=(host, port))
        app.listen(port, address=host)
