/*
 * Vigil browser snippet.
 *   <script src="https://vigil.example.com/vigil.js" data-key="INGEST_KEY"></script>
 * Sends $pageview on load and on single-page-app navigations, and offers
 *   vigil.track(name, properties)   a product event
 *   vigil.identify(id)              ties later events to your user id
 * Events are batched and sent with fetch(keepalive); when the page hides, what is left goes with sendBeacon.
 * The key travels in the query string with a text/plain body: a "simple" cross-origin request, no preflight.
 */
(function () {
  "use strict";
  if (window.vigil && window.vigil.__loaded) return;

  var script = document.currentScript || document.querySelector("script[data-key][src*='vigil.js']");
  if (!script) return;
  var key = script.getAttribute("data-key");
  if (!key) {
    console.warn("vigil.js: add data-key=\"<ingest key>\" to the script tag");
    return;
  }
  var origin = new URL(script.src, location.href).origin;
  var endpoint = origin + "/v1/events?key=" + encodeURIComponent(key);
  var flushDelayMs = Number(script.getAttribute("data-flush-ms")) || 2000;
  var maxBatch = 50;
  var storageKey = "vigil_id";

  var queue = [];
  var timer = null;
  var lastPath = null;

  function randomId() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    return "anon-" + Date.now().toString(36) + "-" + Math.random().toString(36).slice(2, 10);
  }

  function readId() {
    try {
      var id = localStorage.getItem(storageKey);
      if (!id) {
        id = randomId();
        localStorage.setItem(storageKey, id);
      }
      return id;
    } catch (e) {
      return window.__vigilId || (window.__vigilId = randomId());
    }
  }

  var distinctId = readId();

  function track(name, properties) {
    if (typeof name !== "string" || !name) return;
    var props = {};
    if (properties && typeof properties === "object") {
      for (var k in properties) if (Object.prototype.hasOwnProperty.call(properties, k)) props[k] = properties[k];
    }
    props.$current_url = location.href;
    props.path = props.path || location.pathname;
    props.platform = props.platform || "web";
    queue.push({ event: name, distinct_id: distinctId, timestamp: new Date().toISOString(), properties: props });
    if (queue.length >= maxBatch) flush();
    else if (!timer) timer = setTimeout(flush, flushDelayMs);
  }

  function take() {
    if (timer) {
      clearTimeout(timer);
      timer = null;
    }
    var batch = queue.splice(0, 1000);
    return batch.length ? JSON.stringify({ events: batch }) : null;
  }

  function flush() {
    var body = take();
    if (!body) return;
    try {
      fetch(endpoint, { method: "POST", body: body, keepalive: true, headers: { "Content-Type": "text/plain" } })
        .catch(function () {});
    } catch (e) {
      beacon(body);
    }
  }

  function beacon(body) {
    if (navigator.sendBeacon && navigator.sendBeacon(endpoint, new Blob([body], { type: "text/plain" }))) return;
    try {
      fetch(endpoint, { method: "POST", body: body, keepalive: true, headers: { "Content-Type": "text/plain" } }).catch(function () {});
    } catch (e) {}
  }

  function flushOnHide() {
    var body = take();
    if (body) beacon(body);
  }

  function pageview() {
    var path = location.pathname + location.search + location.hash;
    if (path === lastPath) return;
    lastPath = path;
    track("$pageview", { path: location.pathname, title: document.title, referrer: document.referrer || undefined });
  }

  function identify(id) {
    if (typeof id !== "string" || !id || id === distinctId) return;
    var previous = distinctId;
    distinctId = id;
    try {
      localStorage.setItem(storageKey, id);
    } catch (e) {}
    track("$identify", { $anon_distinct_id: previous });
  }

  // Single-page apps navigate with the History API; pushState and replaceState fire no event of their own.
  ["pushState", "replaceState"].forEach(function (method) {
    var original = history[method];
    history[method] = function () {
      var result = original.apply(this, arguments);
      setTimeout(pageview, 0);
      return result;
    };
  });
  window.addEventListener("popstate", pageview);
  window.addEventListener("hashchange", pageview);
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "hidden") flushOnHide();
  });
  window.addEventListener("pagehide", flushOnHide);

  window.vigil = { __loaded: true, track: track, identify: identify, flush: flush };
  pageview();
})();
