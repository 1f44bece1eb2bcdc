// Inside an embed page: tell the page that frames it how tall the content is, so that the
// host's iframe fits it with no inner scroll bar. The host page runs embed-host.js, which
// listens. Messages: {type: "budget-embed:height", height} to the parent, on load and on
// every change of size; the host may send {type: "budget-embed:ask"} to have it repeated.
// The height is no secret, so it is posted to any parent origin.
(function () {
  "use strict";
  if (window.parent === window) return; // not in a frame: nobody to tell

  var last = -1;

  function height() {
    // The bottom of the body plus its margin: the content's height, whatever the
    // iframe's own height is (scrollHeight never reports less than the viewport).
    var body = document.body;
    var margin = parseFloat(window.getComputedStyle(body).marginBottom) || 0;
    return Math.ceil(body.getBoundingClientRect().bottom + window.scrollY + margin);
  }

  function send(force) {
    var now = height();
    if (now === last && !force) return;
    last = now;
    window.parent.postMessage({ type: "budget-embed:height", height: now }, "*");
  }

  window.addEventListener("message", function (event) {
    if (event.source === window.parent && event.data && event.data.type === "budget-embed:ask") {
      send(true);
    }
  });
  window.addEventListener("load", function () { send(false); });
  if ("ResizeObserver" in window) {
    new ResizeObserver(function () { send(false); }).observe(document.body);
  }
  send(false);
})();
