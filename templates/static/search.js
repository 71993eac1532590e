// Search the digest in the browser, from disk or from a server alike.
// The index (tim-kiem/chi-muc.js) is loaded by a <script> tag before this file.
(function () {
  "use strict";

  // Fold as digest/text.py does: no diacritics, đ -> d, lower case.
  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "")
      .replace(/đ/g, "d").replace(/Đ/g, "D").toLowerCase();
  }

  function search(index, query) {
    var words = fold(query).split(/\s+/).filter(Boolean);
    if (!words.length) return [];
    var phrase = words.join(" ");
    var hits = [];
    // A word matches the start of a word in the entry: "ha" finds "Hà Nội", not "Thái".
    index.forEach(function (entry, order) {
      var text = " " + entry.f;
      if (!words.every(function (w) { return text.indexOf(" " + w) >= 0; })) return;
      var title = " " + fold(entry.t);
      var score = (title.indexOf(" " + phrase) >= 0 ? 4 : 0) + (text.indexOf(" " + phrase) >= 0 ? 2 : 0)
        + words.filter(function (w) { return title.indexOf(" " + w) >= 0; }).length;
      hits.push({ entry: entry, score: score, order: order });
    });
    hits.sort(function (a, b) { return b.score - a.score || a.order - b.order; });
    return hits.map(function (hit) { return hit.entry; });
  }

  function show(results, query, list, status, root) {
    list.textContent = "";
    status.textContent = query.trim() === "" ? "Nhập từ cần tìm, có dấu hoặc không dấu."
      : results.length + " bài có “" + query.trim() + "”.";
    results.slice(0, 200).forEach(function (entry) {
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.className = "article-title";
      link.href = root + entry.u;
      link.textContent = entry.t;
      var facts = document.createElement("p");
      facts.className = "facts";
      facts.textContent = entry.d + (entry.p ? " · " + entry.p : "");
      item.appendChild(link);
      item.appendChild(facts);
      list.appendChild(item);
    });
  }

  var form = document.getElementById("search-form");
  var input = document.getElementById("search-input");
  var list = document.getElementById("search-results");
  var status = document.getElementById("search-status");
  var index = window.CHI_MUC_TIM_KIEM || [];
  var root = form.getAttribute("data-root");  // from this page to the site's root
  var query = new URLSearchParams(window.location.search).get("q") || "";
  input.value = query;
  show(search(index, query), query, list, status, root);
  input.addEventListener("input", function () {
    show(search(index, input.value), input.value, list, status, root);
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    show(search(index, input.value), input.value, list, status, root);
  });
}());
