// The review page: j / → opens the next figure, k / ← the one before, in the order the
// sheet lists them; + and − zoom the page image, 0 fits it to the width, and the
// outlined cell is scrolled into view. Keys typed into a form are left alone.
(function () {
  "use strict";
  var STEPS = [1, 1.5, 2, 3, 4];

  function values() {
    return Array.prototype.slice.call(document.querySelectorAll(".sheet a.value"));
  }

  function step(by) {
    var links = values();
    if (!links.length) { return; }
    var at = links.indexOf(document.querySelector(".sheet a.value.focused"));
    var next = at < 0 ? (by > 0 ? 0 : links.length - 1) : at + by;
    if (next >= 0 && next < links.length) { window.location.assign(links[next].href); }
  }

  function Zoom(image) {
    var frame = image.parentNode;
    var label = document.querySelector(".zoom-level");
    var level = 0;  // an index into STEPS: 0 fits the frame's width

    function apply() {
      image.style.width = (STEPS[level] * 100) + "%";
      image.style.maxWidth = "none";
      if (label) { label.textContent = Math.round(STEPS[level] * 100) + "%"; }
      toBox();
    }

    // the outline's centre, in the image's pixels: the box is in PDF points, drawn at
    // data-scale pixels a point (a page too large for it is drawn smaller: the view
    // then lands near the box, not on it)
    function toBox() {
      var box = (image.getAttribute("data-box") || "").split(",").map(Number);
      var scale = Number(image.getAttribute("data-scale")) || 0;
      if (box.length !== 4 || !scale || !image.naturalWidth) { return; }
      var shown = image.clientWidth / image.naturalWidth;
      var x = (box[0] + box[2]) / 2 * scale * shown;
      var y = (box[1] + box[3]) / 2 * scale * shown;
      frame.scrollLeft = Math.max(0, x - frame.clientWidth / 2);
      frame.scrollTop = Math.max(0, y - frame.clientHeight / 2);
    }

    this.change = function (how) {
      if (how === "in") { level = Math.min(STEPS.length - 1, level + 1); }
      else if (how === "out") { level = Math.max(0, level - 1); }
      else { level = 0; }
      apply();
    };
    if (image.complete) { toBox(); } else { image.addEventListener("load", toBox); }
  }

  function typing(target) {
    var name = (target && target.tagName) || "";
    return name === "INPUT" || name === "TEXTAREA" || name === "SELECT" || target.isContentEditable;
  }

  document.addEventListener("DOMContentLoaded", function () {
    var image = document.querySelector(".page-frame img.page");
    var zoom = image ? new Zoom(image) : null;
    Array.prototype.forEach.call(document.querySelectorAll("[data-zoom]"), function (button) {
      button.addEventListener("click", function () { if (zoom) { zoom.change(button.getAttribute("data-zoom")); } });
    });
    document.addEventListener("keydown", function (event) {
      if (event.altKey || event.ctrlKey || event.metaKey || typing(event.target)) { return; }
      var key = event.key;
      if (key === "j" || key === "ArrowRight") { step(1); }
      else if (key === "k" || key === "ArrowLeft") { step(-1); }
      else if (zoom && (key === "+" || key === "=")) { zoom.change("in"); }
      else if (zoom && (key === "-" || key === "_")) { zoom.change("out"); }
      else if (zoom && key === "0") { zoom.change("fit"); }
      else { return; }
      event.preventDefault();
    });
  });
})();
