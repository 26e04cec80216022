// Search and copy; everything else on these pages works without JavaScript. A classic script (not a
// module) and scripts loaded by tags, so the site works from file:// as well as from any static host.
(function () {
  "use strict";

  // At most one typo per term keeps fuzzy matching fast on a catalog of thousands of events.
  var SEARCH_OPTIONS = { prefix: true, fuzzy: 0.2, maxFuzzy: 1, boost: { title: 3 }, combineWith: "AND" };
  var MAX_RESULTS = 20;
  var assets = (function () {
    var own = document.currentScript && document.currentScript.getAttribute("src");
    return own ? own.replace(/site\.js$/, "") : "assets/";
  })();

  function loadScript(src) {
    return new Promise(function (resolve, reject) {
      var script = document.createElement("script");
      script.src = assets + src;
      script.onload = function () { resolve(); };
      script.onerror = function () { reject(new Error("cannot load " + src)); };
      document.head.appendChild(script);
    });
  }

  var loading = null;
  /** The prebuilt minisearch index, loaded on first use: pages themselves stay light. */
  function loadIndex() {
    if (!loading) {
      loading = loadScript("minisearch.js")
        .then(function () { return loadScript("search-index.js"); })
        .then(function () {
          var data = JSON.parse(window.eventspecSearchIndex);
          return { index: window.MiniSearch.loadJS(data.index, data.options), data: data };
        });
    }
    return loading;
  }

  var KINDS = { e: "event", f: "field", t: "type" };

  /**
   * The best results, one per place: an indexed entry is a field that several events may share,
   * stored as [kind, title, event, page, anchor, event, page, anchor, …] (see search-index.ts).
   */
  function search(loaded, query) {
    var results = [];
    if (query.trim() === "") return results;
    var found = loaded.index.search(query, SEARCH_OPTIONS);
    var data = loaded.data;
    for (var rank = 0; rank < found.length && results.length < MAX_RESULTS; rank++) {
      var entry = data.entries[found[rank].id];
      for (var at = 2; at < entry.length && results.length < MAX_RESULTS; at += 3) {
        var anchor = entry[at + 2];
        results.push({ kind: KINDS[entry[0]], title: entry[1], event: data.events[entry[at]], url: data.pages[entry[at + 1]] + (anchor ? "#" + anchor : "") });
      }
    }
    return results;
  }

  function where(result) {
    if (result.kind === "event") return "event";
    if (result.kind === "type") return "named type";
    return result.event === "envelope" ? "field of the envelope" : "field of " + result.event;
  }

  function setUpSearch() {
    var form = document.getElementById("search");
    var input = document.getElementById("search-input");
    var list = document.getElementById("search-results");
    var status = document.getElementById("search-status");
    if (!form || !input || !list) return;
    form.hidden = false;
    var latest = 0;

    function render(results) {
      list.textContent = "";
      results.forEach(function (result) {
        var item = document.createElement("li");
        var link = document.createElement("a");
        link.href = result.url;
        var title = document.createElement("span");
        title.className = "result-title";
        title.textContent = result.title;
        var place = document.createElement("span");
        place.className = "result-where";
        place.textContent = where(result);
        link.appendChild(title);
        link.appendChild(place);
        link.addEventListener("click", function () { list.hidden = true; });
        item.appendChild(link);
        list.appendChild(item);
      });
      list.hidden = results.length === 0;
      if (status) status.textContent = input.value.trim() === "" ? "" : results.length === 0 ? "No results." : results.length + (results.length === 1 ? " result." : " results.");
    }

    function update() {
      var ticket = ++latest;
      loadIndex().then(function (loaded) {
        if (ticket === latest) render(search(loaded, input.value));
      }, function () {
        if (status) status.textContent = "Search is unavailable.";
      });
    }

    input.addEventListener("focus", function () { loadIndex(); });
    input.addEventListener("input", update);
    input.addEventListener("keydown", function (event) {
      var first = list.querySelector("a");
      if (event.key === "ArrowDown" && first) { event.preventDefault(); first.focus(); }
      if (event.key === "Escape") { input.value = ""; render([]); }
    });
    list.addEventListener("keydown", function (event) {
      var current = document.activeElement && document.activeElement.closest("li");
      if (!current) return;
      var next = event.key === "ArrowDown" ? current.nextElementSibling : event.key === "ArrowUp" ? current.previousElementSibling : null;
      if (event.key === "ArrowUp" && !current.previousElementSibling) { event.preventDefault(); input.focus(); return; }
      if (next) { event.preventDefault(); next.querySelector("a").focus(); }
    });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var first = list.querySelector("a");
      if (first) first.click();
    });
  }

  /** The target of the URL's anchor, with every <details> around it opened, scrolled into view. */
  function reveal() {
    var id;
    try { id = decodeURIComponent(location.hash.slice(1)); } catch (error) { return; }
    var target = id && document.getElementById(id);
    if (!target) return;
    for (var node = target.parentElement; node; node = node.parentElement) if (node.tagName === "DETAILS") node.open = true;
    target.scrollIntoView({ block: "start" });
  }

  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) return navigator.clipboard.writeText(text);
    return new Promise(function (resolve, reject) {
      var area = document.createElement("textarea");
      area.value = text;
      area.setAttribute("readonly", "");
      area.style.position = "fixed";
      area.style.opacity = "0";
      document.body.appendChild(area);
      area.select();
      var done = document.execCommand("copy");
      document.body.removeChild(area);
      if (done) resolve(); else reject(new Error("copy refused"));
    });
  }

  function setUpCopy() {
    Array.prototype.forEach.call(document.querySelectorAll("button.copy"), function (button) {
      var code = button.parentElement && button.parentElement.querySelector("pre");
      if (!code) return;
      button.hidden = false;
      button.addEventListener("click", function () {
        copyText(code.textContent).then(function () {
          button.textContent = "Copied";
        }, function () {
          button.textContent = "Copy failed";
        });
        setTimeout(function () { button.textContent = "Copy"; }, 2000);
      });
    });
  }

  setUpSearch();
  setUpCopy();
  window.addEventListener("hashchange", reveal);
  reveal();
  // For tests and the benchmark: the same calls the search box makes.
  window.eventspecSite = { loadIndex: loadIndex, search: function (query) { return loadIndex().then(function (loaded) { return search(loaded, query); }); } };
})();
