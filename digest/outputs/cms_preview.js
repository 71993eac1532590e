// The CMS preview pane as a rough article page (templates/article.html): the
// title, the facts list, the key figures table and the body, with the site's
// own classes, drawn in a frame that has the site's stylesheet. Written into
// admin/preview.js by digest/outputs/cms.py, after lines that define LABELS
// (the words below, in the site's language, and each metric id's label) and
// STYLE (the site's stylesheet, from admin/). Then it starts the CMS, which
// admin/index.html tells to wait (CMS_MANUAL_INIT): registering a preview
// before the CMS has started makes it start a second time (two app shells).
// `h` and `createClass` are the CMS's globals (React's createElement and a
// createClass); the page's text goes through them, never through innerHTML.
(function () {
  "use strict";
  function text(value) {
    return value === undefined || value === null ? "" : String(value);
  }
  function list(value) {
    if (!value) return [];
    return typeof value.toJS === "function" ? value.toJS() : [].concat(value);
  }
  function amount(figure) {
    var number = Number(figure.value);
    var shown = isFinite(number) ? number.toLocaleString("vi-VN") : text(figure.value);
    var unit = text(figure.unit);
    var joined = unit.charAt(0) === "%" || unit.charAt(0) === "/";
    var value = unit ? (joined ? shown + unit : shown + " " + unit) : shown;
    return figure.qualifier ? figure.qualifier + " " + value : value;
  }
  function day(value) {   // "2025-01-15" -> "15 tháng 1, 2025", as the article page writes it
    var parts = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text(value));
    return parts ? Number(parts[3]) + " tháng " + Number(parts[2]) + ", " + parts[1] : text(value);
  }
  function fact(term, value) {
    return value ? [h("dt", { key: term + "-t" }, term), h("dd", { key: term + "-d" }, value)] : [];
  }
  var ArticlePreview = createClass({
    render: function () {
      var data = this.props.entry.get("data");
      var get = function (key) { return data.get(key); };
      var figures = list(get("figures"));
      var facts = [].concat(
        fact(LABELS.date, day(get("date"))),
        fact(LABELS.province, text(get("province"))),
        fact(LABELS.review_year, text(get("review_year"))),
        fact(LABELS.plan_year, text(get("plan_year"))),
        fact(LABELS.topics, list(get("topics")).join(", ")),
        fact(LABELS.authors, list(get("authors")).join(", ")),
        fact(LABELS.outlet, text(get("outlet"))));
      var rows = figures.map(function (figure, index) {
        return h("tr", { key: index, id: "so-lieu-" + (index + 1) },
          h("th", { scope: "row" }, LABELS.metrics[figure.metric] || text(figure.text)),
          h("td", { className: "amount" }, amount(figure)),
          h("td", { className: "note" }, text(figure.year)));
      });
      return h("main", { className: "wrap" }, h("article", {},
        h("h1", {}, text(get("title"))),
        h("dl", { className: "meta" }, facts),
        rows.length ? h("section", { className: "figures" },
          h("h2", {}, LABELS.figures),
          h("table", { className: "key-figures" }, h("tbody", {}, rows))) : null,
        h("div", { className: "body" }, this.props.widgetFor("body"))));
    }
  });
  CMS.registerPreviewStyle(new URL(STYLE, document.baseURI).href);
  CMS.registerPreviewTemplate("pages", ArticlePreview);
  CMS.init();
})();
