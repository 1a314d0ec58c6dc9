/*
 * Vigil browser snippet.
 *   <script src="https://vigil.example.com/vigil.js" data-key="INGEST_KEY"
 *           data-release="shop@1.4.2" data-environment="production"></script>
 * Sends $pageview on load and on single-page-app navigations, reports uncaught errors and unhandled promise
 * rejections (data-errors="off" turns that off) and the page load's Web Vitals (LCP, INP, CLS, FCP, TTFB, measured by
 * the web-vitals package the build puts in front of this file; data-vitals="off" turns that off), and offers
 *   vigil.track(name, properties)   a product event
 *   vigil.identify(id)              ties later events and errors to your user id
 *   vigil.captureError(error)       reports an error your code caught (a framework's error boundary, say)
 *   vigil.feedback()                opens the feedback form (feedback.js, put in front of this file by the build, draws it
 *                                   and the NPS survey; data-feedback="off" hides its button, data-nps="off" the survey)
 *   vigil.variant(key)              a promise of the user's variant of a running experiment, or null (experiments.js)
 * Events and errors are batched and sent with fetch(keepalive); when the page hides, what is left goes with sendBeacon.
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
  var flushDelayMs = Number(script.getAttribute("data-flush-ms")) || 2000;
  var release = script.getAttribute("data-release") || undefined;
  var environment = script.getAttribute("data-environment") || undefined;
  var captureErrors = script.getAttribute("data-errors") !== "off";
  var measureVitals = script.getAttribute("data-vitals") !== "off" && typeof webVitals !== "undefined";
  // Web Vitals describe the page load, so they belong to the page that loaded even when a single-page app has moved on.
  var loadedPath = location.pathname;
  var storageKey = "vigil_id";

  // A page that throws in a loop must not flood Vigil or its own network: per page load, the first few occurrences of
  // one error, and at most so many errors a minute in all. Vigil counts what arrives, so an issue's count is a floor.
  var maxErrorsPerKind = 5;
  var maxErrorsPerMinute = 10;
  // The server's limits (longer items are rejected whole); a stack keeps its first lines, nearest the throw.
  var maxTypeLength = 256;
  var maxMessageLength = 8192;
  var maxStackLength = 16384;
  var maxTagLength = 200;
  // Browsers refuse keepalive requests whose bodies, in flight together, pass 64 KiB.
  var keepaliveBytes = 60000;

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

  // One outgoing batch per ingest path: {"<field>": [items]} to /v1/<field>, with any extra query (such as &source=).
  function sender(field, maxBatch, query) {
    var endpoint = origin + "/v1/" + field + "?key=" + encodeURIComponent(key) + (query || "");
    var queue = [];
    var timer = null;

    function take() {
      if (timer) {
        clearTimeout(timer);
        timer = null;
      }
      var batch = queue.splice(0, maxBatch);
      if (!batch.length) return null;
      var body = {};
      body[field] = batch;
      return JSON.stringify(body);
    }

    function post(body) {
      var keepalive = new Blob([body]).size <= keepaliveBytes;
      fetch(endpoint, { method: "POST", body: body, keepalive: keepalive, headers: { "Content-Type": "text/plain" } })
        .catch(function () {});
    }

    function flush() {
      for (var body = take(); body; body = take()) {
        try {
          post(body);
        } catch (e) {
          beacon(body);
        }
      }
    }

    function beacon(body) {
      if (navigator.sendBeacon && navigator.sendBeacon(endpoint, new Blob([body], { type: "text/plain" }))) return;
      try {
        post(body);
      } catch (e) {}
    }

    function flushOnHide() {
      for (var body = take(); body; body = take()) beacon(body);
    }

    function push(item) {
      queue.push(item);
      if (queue.length >= maxBatch) flush();
      else if (!timer) timer = setTimeout(flush, flushDelayMs);
    }

    return { push: push, flush: flush, flushOnHide: flushOnHide };
  }

  var events = sender("events", 50);
  // Errors carry stacks: small batches keep a request well under the server's 1 MiB.
  var errors = sender("errors", 10, "&source=browser");
  var vitals = sender("vitals", 10);

  function track(name, properties) {
    if (typeof name !== "string" || !name) return;
    var props = {};
    if (properties && typeof properties === "object") {
      for (var k in properties) if (Object.prototype.hasOwnProperty.call(properties, k)) props[k] = properties[k];
    }
    props.$current_url = location.href;
    props.path = props.path || location.pathname;
    props.platform = props.platform || "web";
    events.push({ event: name, distinct_id: distinctId, timestamp: new Date().toISOString(), properties: props });
  }

  function cut(text, max) {
    return typeof text === "string" && text.length > max ? text.slice(0, max) : text;
  }

  function describe(value) {
    if (typeof value === "string") return value;
    try {
      var json = JSON.stringify(value);
      if (json !== undefined) return json;
    } catch (e) {}
    return String(value);
  }

  var sentPerKind = {};
  var minuteStart = 0;
  var sentThisMinute = 0;

  // What counts as "the same error" for the caps: its type, message and the first line of its stack (where it threw).
  function allowed(error) {
    var stackLine = error.stack ? (error.stack.split("\n").filter(function (line) { return /\d:\d/.test(line); })[0] || "") : "";
    var place = error.frames ? error.frames[0].file + ":" + error.frames[0].line + ":" + error.frames[0].column : stackLine;
    var kind = (error.type || "") + "\n" + error.message + "\n" + place;
    var sent = sentPerKind[kind] || 0;
    if (sent >= maxErrorsPerKind) return false;
    var now = Date.now();
    if (now - minuteStart >= 60000) {
      minuteStart = now;
      sentThisMinute = 0;
    }
    if (sentThisMinute >= maxErrorsPerMinute) return false;
    sentPerKind[kind] = sent + 1;
    sentThisMinute++;
    return true;
  }

  function report(error) {
    if (!allowed(error)) return;
    error.message = cut(error.message, maxMessageLength);
    error.type = cut(error.type, maxTypeLength);
    error.stack = cut(error.stack, maxStackLength);
    error.distinct_id = distinctId;
    error.timestamp = new Date().toISOString();
    error.level = "error";
    error.release = cut(release, maxTagLength);
    error.environment = cut(environment, maxTagLength);
    errors.push(error);
  }

  // An Error (or anything with a name, message and stack, as errors from other frames are); null for other values.
  function fromError(value) {
    if (!value || typeof value !== "object" || typeof value.message !== "string") return null;
    return { type: typeof value.name === "string" && value.name ? value.name : "Error", message: value.message, stack: typeof value.stack === "string" ? value.stack : undefined };
  }

  function onError(event) {
    var error = fromError(event.error);
    if (!error) {
      // A script from another origin, loaded without crossorigin="anonymous" and CORS headers, throws as
      // "Script error." with no file, line or error: the browser hides the details from this page. Nothing in such a
      // report says which bug it is, so all of them would pile into one issue that no one can fix.
      if (!event.filename && !event.lineno && !event.error && /^Script error\.?$/.test(event.message || "")) return;
      if (!event.message && event.error === undefined) return;
      // `throw "text"` and other non-Error values: the browser still knows where it happened.
      error = { message: event.error !== undefined && event.error !== null ? describe(event.error) : event.message || "Error" };
      if (event.filename) error.frames = [{ file: event.filename, line: event.lineno || undefined, column: event.colno || undefined }];
    }
    report(error);
  }

  function onRejection(event) {
    var reason = event.reason;
    var error = fromError(reason) || { type: "UnhandledRejection", message: "Unhandled promise rejection: " + describe(reason) };
    report(error);
  }

  function captureError(value) {
    report(fromError(value) || { message: describe(value) });
  }

  function flush() {
    events.flush();
    errors.flush();
    vitals.flush();
  }

  function flushOnHide() {
    events.flushOnHide();
    errors.flushOnHide();
    vitals.flushOnHide();
  }

  // LCP, CLS and INP become final when the page is hidden, in web-vitals' own listener, which may run after ours:
  // then they go at once, by beacon, as everything else did.
  function reportVital(metric) {
    vitals.push({ name: metric.name, value: metric.value, page: loadedPath, distinct_id: distinctId, timestamp: new Date().toISOString() });
    if (document.visibilityState === "hidden") vitals.flushOnHide();
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

  if (measureVitals) {
    [webVitals.onLCP, webVitals.onINP, webVitals.onCLS, webVitals.onFCP, webVitals.onTTFB].forEach(function (measure) {
      measure(reportVital);
    });
  }

  if (captureErrors) {
    window.addEventListener("error", onError);
    window.addEventListener("unhandledrejection", onRejection);
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

  var feedbackWidget = typeof vigilFeedback === "function"
    ? vigilFeedback({ script: script, origin: origin, key: key, distinctId: function () { return distinctId; } })
    : null;

  function feedback() {
    if (feedbackWidget) feedbackWidget.open();
  }

  var experiments = typeof vigilExperiments === "function"
    ? vigilExperiments({ origin: origin, key: key, track: track, distinctId: function () { return distinctId; } })
    : { variant: function () { return Promise.resolve(null); } };

  window.vigil = { __loaded: true, track: track, identify: identify, captureError: captureError, flush: flush, feedback: feedback, variant: experiments.variant };
  pageview();
})();
