"""The CSS and JavaScript of the HTML report (:mod:`eval.report.html`), as strings.

Both are inlined into the document, which needs no network access.  Its
Content-Security-Policy lets a script run only if its SHA-256 hash equals
that of :data:`JS`; :func:`eval.report.html.render_html` computes that hash
from this string.  :data:`JS` reads the per-article data from the
``<script type="application/json" id="report-data">`` element, makes the
article table sortable and filterable and builds the detail view of one
article.
"""

from __future__ import annotations

__all__ = ["CSS", "JS"]

CSS = """
:root { --fg: #1d2330; --muted: #5b6475; --line: #d9dde5; --head: #f3f5f9; --accent: #2452a4; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif;
  color: var(--fg); background: #fff; }
main { max-width: 1280px; margin: 0 auto; padding: 20px 24px 48px; }
h1 { font-size: 22px; margin: 0 0 4px; }
h2 { font-size: 17px; margin: 28px 0 8px; padding-bottom: 4px; border-bottom: 1px solid var(--line); }
h3 { font-size: 14px; margin: 12px 0 6px; }
.meta { color: var(--muted); margin: 0 0 8px; }
.signature { display: block; font: 12px/1.4 ui-monospace, "DejaVu Sans Mono", monospace; background: var(--head);
  border: 1px solid var(--line); border-radius: 4px; padding: 6px 8px; overflow-wrap: anywhere; white-space: pre-wrap; }
.scroll { overflow-x: auto; }
table { border-collapse: collapse; font-variant-numeric: tabular-nums; }
th, td { border: 1px solid var(--line); padding: 4px 8px; text-align: right; white-space: nowrap; }
th { background: var(--head); font-weight: 600; }
th.name, td.name { text-align: left; }
caption { caption-side: bottom; text-align: left; color: var(--muted); font-size: 12px; padding-top: 4px; }
.swatch { display: inline-block; width: 10px; height: 10px; border-radius: 2px; margin-right: 6px; vertical-align: 0; }
tr.sig td.p { font-weight: 700; }
td.sig { font-weight: 700; }
#headline-table { font-size: 18px; margin: 8px 0 4px; }
#headline-table td, #headline-table th { padding: 6px 14px; }
#headline-table th { white-space: normal; overflow-wrap: anywhere; max-width: 260px; font-size: 14px; }
details#significance-rows { margin-top: 8px; }
details#significance-rows summary { cursor: pointer; color: var(--accent); }
.plots { display: flex; flex-direction: column; gap: 18px; }
figure { margin: 0; }
figure img { max-width: 100%; height: auto; border: 1px solid var(--line); border-radius: 4px; }
figcaption { color: var(--muted); font-size: 12px; }
.note { color: var(--muted); font-style: italic; }
.toolbar { display: flex; gap: 12px; align-items: center; margin: 6px 0; flex-wrap: wrap; }
.toolbar input { font: inherit; padding: 4px 8px; width: 320px; max-width: 100%; border: 1px solid #b7bfcc;
  border-radius: 4px; }
.table-wrap { max-height: 420px; overflow: auto; border: 1px solid var(--line); border-radius: 4px; }
.table-wrap table { min-width: 100%; font-size: 12px; }
.table-wrap th, .table-wrap td { padding: 3px 6px; }
.table-wrap .group { border-left: 2px solid #aeb6c4; }
.table-wrap thead tr:first-child th.group { text-align: center; }
.table-wrap thead th { position: sticky; z-index: 1; }
.table-wrap thead tr:first-child th { top: 0; }
.table-wrap thead tr:nth-child(2) th { top: var(--head-row, 29px); }
th.sortable { cursor: pointer; user-select: none; }
th.sortable::after { content: " \\2195"; color: #9aa3b2; font-weight: 400; }
th[aria-sort="ascending"]::after { content: " \\25B2"; color: var(--accent); }
th[aria-sort="descending"]::after { content: " \\25BC"; color: var(--accent); }
td.id { text-align: left; }
button.open { font: inherit; color: var(--accent); background: none; border: 0; padding: 0; cursor: pointer;
  text-decoration: underline; text-align: left; display: inline-block; max-width: 170px; overflow: hidden;
  text-overflow: ellipsis; white-space: nowrap; vertical-align: bottom; }
tr.current td { background: #eef3fc; }
#article-detail { margin-top: 16px; border: 1px solid var(--line); border-radius: 6px; padding: 12px 16px; }
#article-detail h3.title { font-size: 15px; margin-top: 0; overflow-wrap: anywhere; }
.detail-grid { display: grid; grid-template-columns: minmax(0, 3fr) minmax(0, 2fr); gap: 20px; }
@media (max-width: 900px) { .detail-grid { grid-template-columns: minmax(0, 1fr); } }
ol.sentences { margin: 0; padding-left: 34px; }
ol.sentences li { padding: 2px 6px; margin: 1px 0; border-left: 4px solid transparent; border-radius: 2px; }
ol.sentences li.selected { background: var(--tint); border-left-color: var(--color); }
.badge { display: inline-block; min-width: 16px; padding: 0 4px; margin-left: 4px; border-radius: 8px; color: #fff;
  font-size: 10px; line-height: 15px; text-align: center; vertical-align: 1px; }
.box { border: 1px solid var(--line); border-radius: 4px; padding: 6px 10px; margin-bottom: 10px; }
.box p { margin: 3px 0; }
mark { background: #ffe27a; color: inherit; padding: 0 1px; border-radius: 2px; }
.legend { color: var(--muted); font-size: 12px; }
.legend mark { font-size: 12px; }
.detail-scores th, .detail-scores td { font-size: 12px; padding: 2px 6px; }
details.skipped li { overflow-wrap: anywhere; }
"""

# The script only reads the embedded JSON and builds nodes with
# createElement/textContent: no innerHTML, no eval, no string-built markup.
JS = r"""
(function () {
  "use strict";
  var source = document.getElementById("report-data");
  if (!source) { return; }
  var data = JSON.parse(source.textContent);
  var table = document.getElementById("articles-table");
  if (!table) { return; }
  var tbody = table.tBodies[0];
  var rows = Array.prototype.slice.call(tbody.rows);
  var filterBox = document.getElementById("article-filter");
  var countOut = document.getElementById("article-count");
  var detail = document.getElementById("article-detail");
  var systemSelect = document.getElementById("detail-system");
  var current = -1;

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined && text !== null) { node.textContent = text; }
    return node;
  }
  function summaryText(article, sentence) {
    // A summary sentence equal to an article sentence is stored as its index.
    return typeof sentence === "number" ? article.a[sentence] : sentence;
  }

  // Search text per row, built once: id, article, references and summaries.
  var haystack = rows.map(function (row) {
    var article = data.articles[Number(row.getAttribute("data-index"))];
    var parts = [article.id].concat(article.a);
    article.r.forEach(function (ref) { parts = parts.concat(ref); });
    article.s.forEach(function (sys) {
      if (sys) { sys.t.forEach(function (s) { parts.push(summaryText(article, s)); }); }
    });
    return parts.join("\n").toLowerCase();
  });

  function updateCount() {
    var shown = rows.filter(function (row) { return !row.hidden; }).length;
    countOut.textContent = shown === rows.length ? rows.length + " articles"
                                                 : shown + " of " + rows.length + " articles";
  }

  filterBox.addEventListener("input", function () {
    var query = filterBox.value.trim().toLowerCase();
    rows.forEach(function (row, i) { row.hidden = query !== "" && haystack[i].indexOf(query) === -1; });
    updateCount();
  });

  // Sorting: numbers compare numerically with missing values (NaN) last in
  // both directions; ties keep the original order, so sorting is stable.
  function key(row, column, numeric) {
    var cell = row.cells[column];
    var value = cell.hasAttribute("data-v") ? cell.getAttribute("data-v") : cell.textContent;
    if (!numeric) { return value; }
    return value === "" ? NaN : Number(value);
  }
  var headers = Array.prototype.slice.call(table.querySelectorAll("th.sortable"));
  var collator = new Intl.Collator(undefined, { numeric: true, sensitivity: "base" });
  function sortBy(th) {
    var column = Number(th.getAttribute("data-column"));
    var numeric = th.getAttribute("data-type") === "num";
    var ascending = th.getAttribute("aria-sort") !== "ascending";
    headers.forEach(function (h) { h.removeAttribute("aria-sort"); });
    th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
    var sign = ascending ? 1 : -1;
    var keyed = Array.prototype.slice.call(tbody.rows).map(function (row) {
      return { row: row, key: key(row, column, numeric), order: Number(row.getAttribute("data-index")) };
    });
    keyed.sort(function (a, b) {
      var c;
      if (numeric) {
        var an = isNaN(a.key), bn = isNaN(b.key);
        if (an || bn) { c = an && bn ? 0 : (an ? 1 : -1); if (c) { return c; } }
        else { c = sign * (a.key - b.key); }
      } else {
        c = sign * collator.compare(a.key, b.key);
      }
      return c || a.order - b.order;
    });
    keyed.forEach(function (item) { tbody.appendChild(item.row); });
  }
  headers.forEach(function (th) {
    th.addEventListener("click", function () { sortBy(th); });
    th.addEventListener("keydown", function (event) {
      if (event.key === "Enter" || event.key === " ") { event.preventDefault(); sortBy(th); }
    });
  });

  // The sticky second header row sits below the first one, whatever its height.
  var firstHeadRow = table.tHead.rows[0];
  if (table.tHead.rows.length > 1) {
    table.parentNode.style.setProperty("--head-row", firstHeadRow.getBoundingClientRect().height + "px");
  }

  function appendMarked(parent, text, spans) {
    var position = 0;
    for (var k = 0; k + 1 < spans.length; k += 2) {
      if (spans[k] > position) { parent.appendChild(document.createTextNode(text.slice(position, spans[k]))); }
      parent.appendChild(el("mark", "", text.slice(spans[k], spans[k + 1])));
      position = spans[k + 1];
    }
    if (position < text.length) { parent.appendChild(document.createTextNode(text.slice(position))); }
  }

  function render(index) {
    var article = data.articles[index];
    var chosen = Number(systemSelect.value);
    var output = article.s[chosen];
    var body = document.getElementById("detail-body");
    while (body.firstChild) { body.removeChild(body.firstChild); }
    document.getElementById("detail-title").textContent = "Article " + article.id;

    var scores = el("table", "detail-scores");
    var head = scores.createTHead().insertRow();
    head.appendChild(el("th", "name", "system"));
    data.measures.forEach(function (m) { head.appendChild(el("th", "", m)); });
    var scoreBody = scores.createTBody();
    data.systems.forEach(function (name, i) {
      var row = scoreBody.insertRow();
      var cell = el("td", "name");
      var swatch = el("span", "swatch");
      swatch.style.background = data.colors[i];
      cell.appendChild(swatch);
      cell.appendChild(document.createTextNode(name));
      row.appendChild(cell);
      var sys = article.s[i];
      data.measures.forEach(function (m, j) { row.appendChild(el("td", "", sys ? sys.v[j] : "\u2013")); });
    });
    var scoresWrap = el("div", "scroll");
    scoresWrap.appendChild(scores);
    body.appendChild(scoresWrap);

    var grid = el("div", "detail-grid");
    var left = el("div", "article-col");
    left.appendChild(el("h3", "", "Article (" + article.a.length + " sentences)"));
    var note = el("p", "legend");
    if (!output) {
      note.textContent = data.systems[chosen] + " has no output for this article.";
    } else if (output.p.length === 0) {
      note.textContent = "Positions of " + data.systems[chosen] + "'s sentences are unknown; nothing highlighted.";
    } else {
      note.textContent = "Highlighted: sentences selected by " + data.systems[chosen] +
        ". Badges: systems that selected the sentence.";
    }
    left.appendChild(note);
    var list = el("ol", "sentences");
    var chosenSet = output ? output.p : [];
    article.a.forEach(function (sentence, i) {
      var li = el("li", "", sentence);
      if (chosenSet.indexOf(i) !== -1) {
        li.className = "selected";
        li.style.setProperty("--tint", data.tints[chosen]);
        li.style.setProperty("--color", data.colors[chosen]);
      }
      article.s.forEach(function (sys, k) {
        if (sys && sys.p.indexOf(i) !== -1) {
          var badge = el("span", "badge", String(k + 1));
          badge.style.background = data.colors[k];
          badge.title = data.systems[k];
          li.appendChild(badge);
        }
      });
      list.appendChild(li);
    });
    left.appendChild(list);

    var right = el("div", "reference-col");
    var legend = el("p", "legend");
    legend.appendChild(el("mark", "", "marked"));
    legend.appendChild(document.createTextNode(
      " text: word bigrams shared by the summary and the references (lower-cased, within a sentence)."));
    right.appendChild(legend);
    right.appendChild(el("h3", "", "Summary of " + data.systems[chosen]));
    var summaryBox = el("div", "box summary");
    if (output && output.t.length) {
      output.t.forEach(function (sentence, k) {
        var p = el("p");
        var text = summaryText(article, sentence);
        if (output.p.length === output.t.length) {
          p.appendChild(el("span", "legend", "[" + (output.p[k] + 1) + "] "));
        }
        appendMarked(p, text, output.m[k] || []);
        summaryBox.appendChild(p);
      });
    } else {
      summaryBox.appendChild(el("p", "note", output ? "(empty summary)" : "(no output)"));
    }
    right.appendChild(summaryBox);
    if (article.r.length === 0) {
      right.appendChild(el("h3", "", "Reference"));
      right.appendChild(el("p", "note", "(no reference)"));
    }
    article.r.forEach(function (ref, j) {
      right.appendChild(el("h3", "", article.r.length > 1 ? "Reference " + (j + 1) : "Reference"));
      var box = el("div", "box reference");
      ref.forEach(function (sentence, k) {
        var p = el("p");
        appendMarked(p, sentence, output && output.rm[j] ? output.rm[j][k] || [] : []);
        box.appendChild(p);
      });
      right.appendChild(box);
    });
    grid.appendChild(left);
    grid.appendChild(right);
    body.appendChild(grid);
  }

  function open(index) {
    current = index;
    rows.forEach(function (row) {
      row.classList.toggle("current", Number(row.getAttribute("data-index")) === index);
    });
    detail.hidden = false;
    render(index);
    detail.scrollIntoView({ block: "start" });
  }

  tbody.addEventListener("click", function (event) {
    var button = event.target.closest("button.open");
    if (button) { open(Number(button.closest("tr").getAttribute("data-index"))); }
  });
  systemSelect.addEventListener("change", function () { if (current >= 0) { render(current); } });
  updateCount();
})();
"""
