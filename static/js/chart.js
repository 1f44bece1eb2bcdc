/* Draws each chart on the page from the figure the server wrote beside it as a JSON data
   block (<script type="application/json">, never executed, so the CSP needs no inline
   script): <div class="chart-plot" data-figure="ID"> reads #ID.

   The page sets the title, notes and source line as text around the plot, where they
   wrap, so the plot draws none of them; the figure is then fitted to the width it gets:
   on a phone the names of horizontal bars wrap into lines, lines lose their end labels
   for a legend, and the plot grows by what the legend and the wrapped names take. */
(function () {
  "use strict";
  var NARROW = 600; // px: a phone, or a narrow column of a story
  var LINE = 15; // px a line of an axis label takes

  function columns(text) {
    // a Chinese character is as wide as two Latin ones
    var n = 0;
    for (var i = 0; i < text.length; i++) n += text.charCodeAt(i) > 0x2e80 ? 2 : 1;
    return n;
  }

  function wrap(text, width) {
    // Chinese breaks between any two characters, English between words
    var pieces = text.match(/[A-Za-z0-9.,()'-]+ ?|./g) || [];
    var lines = [], line = "";
    pieces.forEach(function (piece) {
      if (columns(line + piece.trim()) > width && line) {
        lines.push(line.trim());
        line = "";
      }
      line += piece;
    });
    if (line.trim()) lines.push(line.trim());
    return lines;
  }

  function horizontalBars(figure) {
    return figure.data.some(function (t) { return t.type === "bar" && t.orientation === "h"; });
  }

  function fitNames(layout, data, width) {
    // the names on the left take at most about two fifths of the width
    var axis = layout.yaxis || (layout.yaxis = {});
    var names = axis.ticktext || data[0].y.map(String);
    if (!axis.tickvals) axis.tickvals = data[0].y;
    var fits = Math.max(8, Math.floor((width * 0.4) / 6.5));
    var most = 1;
    axis.ticktext = names.map(function (name) {
      var lines = wrap(String(name).replace(/<br>/g, ""), fits);
      most = Math.max(most, lines.length);
      return lines.join("<br>");
    });
    axis.tickfont = { size: width < NARROW ? 11 : 12 };
    var bar = Math.max(30, most * LINE + 10);
    return Math.max(220, 90 + bar * names.length);
  }

  function legendRows(data, width) {
    var shown = data.filter(function (t) { return t.showlegend !== false && t.name; });
    var total = shown.reduce(function (sum, t) { return sum + columns(t.name) * 6.5 + 40; }, 0);
    return shown.length ? Math.ceil(total / Math.max(width - 20, 200)) : 0;
  }

  function fit(figure, width, embedded) {
    var layout = Object.assign({}, figure.layout);
    var data = figure.data;
    var narrow = width < NARROW;
    layout.title = { text: "" };
    layout.annotations = (layout.annotations || []).filter(function (a, i) {
      if (a.name === "source" || (i === 0 && !a.name)) return false; // the page says it
      return !(narrow && a.name === "label"); // a phone gets a legend instead
    });
    var labelled = layout.annotations.some(function (a) { return a.name === "label"; });
    // a phone's lines lose their end labels for a legend; a single line needs neither,
    // the title names its agency
    if (narrow && layout.showlegend === false) layout.showlegend = data.length > 1;
    layout.margin = Object.assign({}, layout.margin, {
      t: 10,
      b: 40,
      r: labelled ? layout.margin && layout.margin.r : 20,
    });
    // the plot's own height: as many bars as there are, else what the figure asks (less
    // on a phone), and then the legend's rows on top of it
    var height = horizontalBars(figure) ? fitNames(layout, data, width) : layout.height || 440;
    if (narrow && !horizontalBars(figure)) height = Math.min(height, 420);
    if (layout.showlegend === true || (layout.showlegend !== false && data.length > 1)) {
      layout.legend = Object.assign({}, layout.legend, {
        orientation: "h", x: 0, xanchor: "left", y: 1, yanchor: "bottom", maxheight: 1,
      });
      height += legendRows(data, width) * 22 + 10;
    }
    layout.height = height;
    return {
      data: data,
      layout: layout,
      config: {
        responsive: true,
        displaylogo: false,
        displayModeBar: !(embedded || narrow) && "hover",
        locale: document.documentElement.lang.indexOf("zh") === 0 ? "zh-CN" : "en",
      },
    };
  }

  function draw(target) {
    var block = document.getElementById(target.dataset.figure);
    if (!block || !window.Plotly) return;
    var embedded = document.body.classList.contains("embed");
    var fitted = fit(JSON.parse(block.textContent), target.clientWidth || window.innerWidth, embedded);
    window.Plotly.newPlot(target, fitted.data, fitted.layout, fitted.config);
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
