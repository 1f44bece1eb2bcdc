// Live progress on the upload and document pages: ask the status endpoint about the
// documents still in the queue or being parsed, and rewrite their rows until all are done.
// No inline script and no HTML from the server: text only, so a file name cannot inject.
(function () {
  "use strict";
  var EVERY_MS = 1500;

  function pending(table) {
    return Array.prototype.filter.call(
      table.querySelectorAll("tr[data-document-id]"),
      function (row) { return row.getAttribute("data-done") !== "1"; }
    );
  }

  function fill(row, doc) {
    row.className = "status-" + doc.status;
    row.setAttribute("data-done", doc.done ? "1" : "0");
    var progress = row.querySelector('[data-field="progress"]');
    if (progress) {
      var badge = document.createElement("span");
      badge.className = "badge";
      var parts = doc.progress.split(" · ");
      badge.textContent = parts.shift();
      progress.replaceChildren(badge, document.createTextNode(parts.length ? " · " + parts.join(" · ") : ""));
    }
    var links = row.querySelector('[data-field="disclosures"]');
    if (links && doc.disclosures.length) {
      links.replaceChildren();
      doc.disclosures.forEach(function (d, i) {
        if (i) links.appendChild(document.createElement("br"));
        var a = document.createElement("a");
        a.href = d.url;
        a.textContent = d.label;
        links.appendChild(a);
      });
    }
  }

  function poll(table) {
    var rows = pending(table);
    if (!rows.length) return;
    var ids = rows.map(function (row) { return row.getAttribute("data-document-id"); });
    var url = table.getAttribute("data-status-url") + "?ids=" + ids.join(",");
    fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) { return response.ok ? response.json() : { documents: [] }; })
      .then(function (data) {
        data.documents.forEach(function (doc) {
          var row = table.querySelector('tr[data-document-id="' + doc.id + '"]');
          if (row) fill(row, doc);
        });
      })
      .catch(function () { /* a dropped request: try again next time */ })
      .then(function () { window.setTimeout(function () { poll(table); }, EVERY_MS); });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("table[data-status-url]").forEach(poll);
  });
})();
