// Search the digest: the box in every page's header, and the search page.
//
// The index (tim-kiem/chi-muc.js, built by digest/outputs/search.py) and the library
// that reads it (MiniSearch, vendor/minisearch/) are added to the page as
// <script> elements the first time the reader focuses a box: a page opened
// from disk (file://) may load scripts but not fetch files, and pages stay
// light for readers who never search.
//
// Matching: words fold as digest/outputs/search_terms.py folds them (no diacritics,
// đ -> d), only the last word matches as a prefix (from three characters on),
// words of five letters or more forgive one typo, and every word must match.
// MiniSearch scores the matches (title and province weigh most); then `rank`
// puts first the pages whose title or province holds the words as typed, side
// by side ("son la": Sơn La before Lạng Sơn), then pages matching the query's
// diacritics exactly.
(function () {
  "use strict";

  var FIELDS = ["t", "p", "m", "s", "b"];         // as in digest/outputs/search.py
  var BOOST = { t: 6, p: 5, m: 2, s: 1.5, b: 1 };  // title, province, years/topics/authors, summary/figures, body
  var BOX_LIMIT = 8;                               // results under the header box
  var SNIPPET_CHARS = 180;
  // The last word matches as a prefix from this many characters on: "th" would
  // expand to hundreds of words found in nearly every page, for nothing.
  var PREFIX_FROM = 3;
  // Words each part of the index remembers while the reader types (search-engine.js).
  var REMEMBERED = 16;
  // search-engine.js, beside this file: loaded with the index, when first needed.
  var ENGINE = document.currentScript.src.replace(/[^/]*$/, "") + "search-engine.js";

  // --- terms: a copy of digest/outputs/search_terms.py (tests/test_search_browser.py compares them)

  var D_LETTERS = /[\u0110\u0111\u00D0\u00F0\u0189\u0256]/g;  // Đ đ Ð ð Ɖ ɖ
  var MARKS = /[\u0300-\u036F]+/g;
  var TOKEN = /[0-9]+(?:[.,][0-9]+)*|(?:(?![0-9])[\p{L}\p{N}])+/gu;
  var THOUSANDS = /^[0-9]{1,3}(?:\.[0-9]{3})+(?:,[0-9]+)?$/;

  function fold(text) {
    return text.replace(D_LETTERS, "d").normalize("NFD").replace(MARKS, "")
      .normalize("NFC").toLowerCase();
  }

  function tokens(text) { return fold(text).match(TOKEN) || []; }

  function digitsForm(number) { return THOUSANDS.test(number) ? number.replace(/\./g, "") : null; }

  // --- searching

  // The results for `query`, best first: `shown` holds the first `limit` of
  // them (all when no limit is given), `total` counts them all.
  function search(engine, query, limit) {
    var words = tokens(query);
    if (!words.length) return { total: 0, shown: [] };
    // A last word of one character is the reader still typing it: it would match
    // thousands of terms as a prefix and slow every keystroke, so it only ranks
    // (see inHeading); alone, it matches whole words.
    var asked = words.length > 1 && words[words.length - 1].length === 1 ? words.slice(0, -1) : words;
    var results = engine.search(asked.join(" "));
    return { total: results.length, shown: rank(results, words, exactWords(query), limit || Infinity) };
  }

  var SEARCH_OPTIONS = {
    tokenize: function (text) { return text.split(" "); },
    processTerm: function (term) { return term; },
    combineWith: "AND",
    boost: BOOST,
    prefix: function (term, i, terms) { return i === terms.length - 1 && term.length >= PREFIX_FROM; },
    fuzzy: function (term) { return /^[a-z]{5,}$/.test(term) ? 1 : false; }
  };

  // Words of the query with their diacritics, when it has any: "sơn la" -> ["sơn", "la"].
  function exactWords(query) {
    var lower = query.normalize("NFC").toLowerCase();
    return /[^\x00-\x7F]/.test(lower) ? (lower.match(TOKEN) || []) : [];
  }

  // Ranks a copy: `results` may be a remembered answer (search-engine.js), whose
  // order must stay MiniSearch's for the next query.
  function rank(results, words, exact, limit) {
    var run = " " + words.join(" ");
    results.forEach(function (result) {
      result.together = inHeading(result, run) ? 1 : 0;
      result.exact = exact.length ? exactCount(result, exact) : 0;
      result.exactWords = exact;
    });
    return firstInOrder(results, byRank, limit);
  }

  function byRank(a, b) {
    return b.together - a.together || b.exact - a.exact || b.score - a.score
      || (a.i < b.i) - (a.i > b.i);  // then newest first
  }

  // The first `limit` items of `items` in `order`, exactly as a (stable) sort of
  // them all would give them, in one pass: the box shows 8 of up to thousands.
  function firstInOrder(items, order, limit) {
    if (limit >= items.length) return items.slice().sort(order);
    var best = [];
    items.forEach(function (item) {
      if (best.length === limit && order(item, best[limit - 1]) >= 0) return;
      var at = best.length;
      while (at > 0 && order(item, best[at - 1]) < 0) at--;  // after its equals: stable
      best.splice(at, 0, item);
      if (best.length > limit) best.pop();
    });
    return best;
  }

  // Folded once per document (by address: ids repeat across parts) and kept:
  // ranking asks on every keystroke.
  var headings = new Map(), shownWords = new Map();

  // The title's words, then the province's, folded, each word after a space:
  // " so thong tin va truyen thong son la\n son la". A line break parts the
  // two, so no run of words reaches from one into the other.
  function headingOf(result) {
    var heading = headings.get(result.u);
    if (heading === undefined) {
      heading = " " + tokens(result.t).join(" ") + "\n " + tokens(result.p || "").join(" ");
      headings.set(result.u, heading);
    }
    return heading;
  }

  function shownWordsOf(result) {
    var have = shownWords.get(result.u);
    if (!have) {
      have = {};
      var shown = [result.t, result.p, result.x, result.f].join(" ").normalize("NFC").toLowerCase();
      (shown.match(TOKEN) || []).forEach(function (word) { have[word] = true; });
      shownWords.set(result.u, have);
    }
    return have;
  }

  // The words stand side by side, in order, in the title or the province name,
  // the last one as typed so far: " son l" is in " ... son la\n son la". The
  // space before each word makes it start a word; the space after every word
  // but the last makes those whole words.
  function inHeading(result, run) {
    return headingOf(result).indexOf(run) !== -1;
  }

  // How many of the query's words, diacritics and all, the result's shown text has.
  function exactCount(result, exact) {
    var have = shownWordsOf(result);
    return exact.filter(function (word) { return have[word] === true; }).length;
  }

  // --- showing a result

  // Which words of the shown text to mark: those MiniSearch matched (folded,
  // prefixes and typos included); when the query has diacritics, only words
  // that have them too, so "số" marks "số" and not "Sở".
  function hitTest(result) {
    var exact = result.exactWords, last = exact.length - 1;
    if (exact.length) {
      return function (word) {
        var lower = word.normalize("NFC").toLowerCase();
        return exact.some(function (w, i) { return i === last ? lower.indexOf(w) === 0 : lower === w; });
      };
    }
    var matched = {};
    result.terms.forEach(function (term) { matched[term] = true; });
    return function (word) {
      var folded = fold(word);
      return matched[folded] === true || matched[digitsForm(folded)] === true;
    };
  }

  // The stored sentence with the most matched words; matched words in <mark>.
  function snippet(result) {
    var isHit = hitTest(result);
    var pieces = (result.x || "").split(/(?<=[.!?…])\s+/).concat((result.f || "").split(" · "))
      .filter(Boolean);
    var best = pieces[0] || "", most = 0;
    pieces.forEach(function (piece) {
      var hits = (piece.match(TOKEN) || []).filter(isHit).length;
      if (hits > most) { best = piece; most = hits; }
    });
    return markWords(clip(best, isHit), isHit);
  }

  function clip(text, isHit) {
    if (text.length <= SNIPPET_CHARS) return text;
    var start = 0, match;
    TOKEN.lastIndex = 0;
    while ((match = TOKEN.exec(text))) {
      if (isHit(match[0])) { start = Math.max(0, match.index - 40); break; }
    }
    var piece = text.slice(start, start + SNIPPET_CHARS);
    return (start ? "…" : "") + piece.replace(/\s+\S*$/, "") + "…";
  }

  function markWords(text, isHit) {
    var fragment = document.createDocumentFragment(), at = 0, match;
    TOKEN.lastIndex = 0;
    while ((match = TOKEN.exec(text))) {
      if (!isHit(match[0])) continue;
      fragment.appendChild(document.createTextNode(text.slice(at, match.index)));
      var mark = document.createElement("mark");
      mark.textContent = match[0];
      fragment.appendChild(mark);
      at = match.index + match[0].length;
    }
    fragment.appendChild(document.createTextNode(text.slice(at)));
    return fragment;
  }

  // "2024-01-12" -> "12 tháng 1, 2024", as digest/util/text.py's vi_date writes dates.
  function viDate(iso) {
    var parts = iso.split("-").map(Number);
    return parts[2] + " tháng " + parts[1] + ", " + parts[0];
  }

  // Title, then date and province, then the snippet: the same in the box and on the page.
  function resultBody(result, element) {
    var title = document.createElement("span");
    title.className = "result-title";
    title.textContent = result.t;
    var facts = document.createElement("span");
    facts.className = "facts";
    facts.textContent = viDate(result.i) + (result.p ? " · " + result.p : "");
    var text = document.createElement("span");
    text.className = "result-snippet";
    text.appendChild(snippet(result));
    element.append(title, facts, text);
    return element;
  }

  // --- loading the index, once, when a box is first focused
  //
  // chi-muc.js names the parts (digest/outputs/search.py); each part's script pushes a
  // MiniSearch index of some articles onto window.CHI_MUC_PHAN. `engine` searches
  // them all and ranks the results together.

  var engine = null, waiting = [], loading = false, warm = false;

  function whenLoaded(form, callback) {
    if (engine) return callback(engine);
    waiting.push(callback);
    if (loading) return;
    loading = true;
    var folder = form.getAttribute("data-index").replace(/[^/]*$/, "");
    addScripts([form.getAttribute("data-library"), ENGINE, form.getAttribute("data-index")], function () {
      var parts = window.CHI_MUC_TIM_KIEM.phan.map(function (name) { return folder + name; });
      addScripts(parts, function () {
        var indexes = (window.CHI_MUC_PHAN || []).map(function (part) {
          return window.MiniSearch.loadJS(part, { fields: FIELDS });
        });
        window.CHI_MUC_PHAN = null;  // MiniSearch keeps its own copies
        warmUp(indexes);
        engine = window.digestSearchEngine(indexes, SEARCH_OPTIONS, REMEMBERED);
        waiting.splice(0).forEach(function (call) { call(engine); });
      });
    });
  }

  // Fill the ranking's caches ahead of the first keystroke that needs them, a
  // part at a time while the page is idle: the first query with diacritics
  // would otherwise fold every page's shown text while the reader waits.
  function warmUp(indexes) {
    var parts = indexes.slice();
    (function next() {
      var index = parts.shift();
      if (!index) { warm = true; return; }
      index.search(window.MiniSearch.wildcard).forEach(function (result) {
        headingOf(result);
        shownWordsOf(result);
      });
      setTimeout(next, 0);
    }());
  }

  // Add each script to the page; `done` once all have run.
  function addScripts(sources, done) {
    var left = sources.length;
    if (!left) return done();
    sources.forEach(function (src) {
      var script = document.createElement("script");
      script.src = src;
      script.async = false;  // run in the order given: the library before the index
      script.onload = function () { if (--left === 0) done(); };
      script.onerror = failed;
      document.head.appendChild(script);
    });
  }

  function failed() {
    loading = false;
    document.querySelectorAll("[data-search-status]").forEach(function (status) {
      status.textContent = "Không tải được chỉ mục tìm kiếm.";
    });
  }

  function searchPageUrl(form, query) {
    return form.getAttribute("action") + "?q=" + encodeURIComponent(query.trim());
  }

  // --- the header box: a combobox with a list box of results

  function setUpBox(form) {
    var input = form.querySelector("input");
    var list = form.querySelector("[role=listbox]");
    var status = form.querySelector("[data-search-status]");
    var root = form.getAttribute("data-root");
    var options = [], active = -1;

    function close() {
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }

    function select(index) {
      if (!options.length) return;
      active = (index + options.length) % options.length;
      options.forEach(function (option, i) { option.setAttribute("aria-selected", String(i === active)); });
      input.setAttribute("aria-activedescendant", options[active].id);
      options[active].scrollIntoView({ block: "nearest" });
    }

    function option(id, href) {
      var item = document.createElement("li");
      item.id = list.id + "-" + id;
      item.setAttribute("role", "option");
      item.setAttribute("data-href", href);
      item.addEventListener("mousedown", function (event) { event.preventDefault(); });
      item.addEventListener("click", function () { window.location.href = href; });
      return item;
    }

    function show() {
      var query = input.value;
      if (!query.trim()) { close(); status.textContent = ""; return; }
      if (!engine) { status.textContent = "Đang tải chỉ mục…"; return; }
      var results = search(engine, query, BOX_LIMIT);
      list.textContent = "";
      options = results.shown.map(function (result, i) {
        return resultBody(result, option(i, root + result.u));
      });
      var all = option("all", searchPageUrl(form, query));
      all.className = "search-all";
      all.textContent = results.total ? "Xem tất cả kết quả (" + results.total + ")"
        : "Không có kết quả cho “" + query.trim() + "”";
      options.push(all);
      options.forEach(function (item) { list.appendChild(item); });
      list.hidden = false;
      input.setAttribute("aria-expanded", "true");
      status.textContent = results.total + " kết quả.";
      select(0);  // Enter opens the first result unless the reader picks another
    }

    input.addEventListener("focus", function () { whenLoaded(form, show); });
    input.addEventListener("input", show);
    input.addEventListener("blur", close);
    input.addEventListener("keydown", function (event) {
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        event.preventDefault();
        if (list.hidden) show();  // reopens on the first result
        else select(active + (event.key === "ArrowDown" ? 1 : -1));
      } else if (event.key === "Escape" && !list.hidden) {
        event.preventDefault();  // the first Esc closes the list; the next clears the box
        close();
      } else if (event.key === "Enter" && !list.hidden && active >= 0) {
        event.preventDefault();
        window.location.href = options[active].getAttribute("data-href");
      }
    });
  }

  // --- the search page: every result, as a list of links

  function setUpPage(page, form) {
    var input = page.querySelector("input");
    var list = document.getElementById("search-results");
    var status = document.getElementById("search-status");
    var root = form.getAttribute("data-root");

    function show() {
      var query = input.value;
      list.textContent = "";
      if (!query.trim()) { status.textContent = "Nhập từ cần tìm, có dấu hoặc không dấu."; return; }
      var results = search(engine, query);
      status.textContent = results.total + " bài có “" + query.trim() + "”.";
      results.shown.forEach(function (result) {
        var link = document.createElement("a");
        link.href = root + result.u;
        var item = document.createElement("li");
        item.appendChild(resultBody(result, link));
        list.appendChild(item);
      });
    }

    input.value = new URLSearchParams(window.location.search).get("q") || "";
    status.textContent = "Đang tải chỉ mục…";
    whenLoaded(form, function () {
      show();
      input.addEventListener("input", show);
    });
    page.addEventListener("submit", function (event) { event.preventDefault(); show(); });
  }

  var box = document.querySelector("form.site-search");
  if (!box) return;
  var page = document.getElementById("search-page");
  // Without JavaScript the box stays hidden: the header's timeline link remains.
  // The search page has its own, larger box: one is enough there.
  box.hidden = Boolean(page);
  setUpBox(box);
  if (page) setUpPage(page, box);

  // For the tests (fold parity, the box's ranking) and benchmarks/search.py (is
  // the index loaded, are the caches filled?).
  window.digestSearch = { fold: fold, tokens: tokens, firstInOrder: firstInOrder,
                          ready: function () { return engine !== null; },
                          warm: function () { return warm; } };
}());
