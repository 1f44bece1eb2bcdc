/* Draws each chart on the page from the figure the server wrote beside it as a JSON data
   block (<script type="application/json">, never executed, so the CSP needs no inline
   script): <div class="chart-plot" data-figure="ID"> reads #ID. */
(function () {
  "use strict";
  function draw(target) {
    var block = document.getElementById(target.dataset.figure);
    if (!block || !window.Plotly) return;
    var figure = JSON.parse(block.textContent);
    window.Plotly.newPlot(target, figure.data, figure.layout, {
      responsive: true,
      displaylogo: false,
      locale: document.documentElement.lang.indexOf("zh") === 0 ? "zh-CN" : "en",
    });
  }
  function start() {
    document.querySelectorAll(".chart-plot[data-figure]").forEach(draw);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
