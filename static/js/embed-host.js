// For pages that embed our charts: each embed's iframe takes the height of its content.
//
//   <iframe src="https://OUR-SITE/embed/..." title="..." width="100%" height="480"></iframe>
//   <script src="https://OUR-SITE/static/js/embed-host.js" async></script>
//
// One script serves every embed on the page, whenever it loads. It trusts a message only
// from the window of an iframe whose address is on the site this script came from (or on
// the origin named by the script tag's data-origin), and only a sane height.
(function () {
  "use strict";
  var MAX_HEIGHT = 20000;
  var script = document.currentScript;
  var site = script && (script.getAttribute("data-origin") || new URL(script.src).origin);
  if (!site) return;

  function ours() {
    return Array.prototype.filter.call(document.getElementsByTagName("iframe"), function (frame) {
      try {
        return new URL(frame.src, window.location.href).origin === site;
      } catch (e) {
        return false;
      }
    });
  }

  window.addEventListener("message", function (event) {
    var data = event.data;
    if (event.origin !== site || !data || data.type !== "budget-embed:height") return;
    var height = Number(data.height);
    if (!isFinite(height) || height <= 0) return;
    ours().forEach(function (frame) {
      if (frame.contentWindow === event.source) {
        frame.style.height = Math.min(Math.ceil(height), MAX_HEIGHT) + "px";
      }
    });
  });

  function ask(frame) {
    if (frame.contentWindow) frame.contentWindow.postMessage({ type: "budget-embed:ask" }, site);
  }

  function start() {
    ours().forEach(function (frame) {
      // An embed that loaded before this script has already spoken: ask it again. One
      // still loading (its document still the blank one, readable from here) speaks on load.
      frame.addEventListener("load", function () { ask(frame); });
      var loaded = false;
      try {
        loaded = frame.contentDocument === null;
      } catch (e) {
        loaded = true;
      }
      if (loaded) ask(frame);
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
