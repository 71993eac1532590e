// Search the parts of the index as one, remembering what typing asks again.
//
// Loaded by search.js, after MiniSearch and before the index parts, the first
// time the reader focuses a search box. window.digestSearchEngine(indexes,
// options, remembered) returns { search(query) }: every part's results for
// `query` (MiniSearch's, with `options`), one list, in part order.
(function () {
  "use strict";

  // Searches every part and puts their results together. Typing asks nearly
  // the same thing on every keystroke ("chuyen d", "chuyen do", "chuyen doi"),
  // so each part remembers what each word matched (see rememberWords), and the
  // engine its last answer ("chuyen d" asks what "chuyen" asked: the one-letter
  // word only ranks). Only the last: thousands of results kept per query would
  // make every garbage collection slower.
  function makeEngine(indexes, options, remembered) {
    indexes.forEach(function (index) { rememberWords(index, remembered); });
    var lastQuery = null, lastResults = null;
    return { search: function (query) {
      if (query !== lastQuery) {
        lastResults = [].concat.apply([], indexes.map(function (index) { return index.search(query, options); }));
        lastQuery = query;
      }
      return lastResults;
    } };
  }

  // MiniSearch scores each word of a query apart (executeQuerySpec: the word
  // with its prefix and typo matches), then combines the words. Remembering
  // each word's scores spares most of the work while the reader types the next
  // word, and changes no result: the same word with the same options (always
  // search.js's SEARCH_OPTIONS) scores the same. Combining ("AND") writes into
  // the first word's entries and only reads the others', so the first word of
  // each query (executeQuery starts one) gets fresh copies. MiniSearch is pinned
  // (vendor/minisearch/SOURCE.txt); should a later version lack the methods,
  // searching still works, unremembered.
  function rememberWords(index, remembered) {
    var query = index.executeQuery, score = index.executeQuerySpec;
    if (typeof query !== "function" || typeof score !== "function") return;
    var words = new Map(), firstWord = false;
    index.executeQuery = function () {
      firstWord = true;
      return query.apply(index, arguments);
    };
    index.executeQuerySpec = function (spec, options) {
      var key = spec.term + " " + spec.prefix + " " + spec.fuzzy + " " + spec.termBoost;
      var scored = words.get(key);
      if (!scored) {
        scored = score.call(index, spec, options);
        if (words.size >= remembered) words.clear();
        words.set(key, scored);
      }
      var written = firstWord;
      firstWord = false;
      return written ? copyOf(scored) : scored;
    };
  }

  function copyOf(scored) {
    var copy = new Map();
    scored.forEach(function (hit, docId) {
      copy.set(docId, { score: hit.score, terms: hit.terms.slice(), match: Object.assign({}, hit.match) });
    });
    return copy;
  }

  window.digestSearchEngine = makeEngine;
}());
