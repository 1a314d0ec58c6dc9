/*
 * The snippet's experiments: vigil.variant(key) answers, as a promise, the user's variant of a running experiment (null
 * when the project runs none by that key) and sends one $exposure event per user and experiment. The build puts this
 * file in front of vigil.js, which calls vigilExperiments once it knows its key and user.
 * Assignment is VariantAssignment's (src/Vigil.Core/Experiments): FNV-1a 32-bit over the UTF-8 bytes of
 * key + "\n" + user id, then MurmurHash3's fmix32, point = hash / 2^32, the first arm whose cumulative share of the
 * weights is above the point.
 * The same user gets the same variant in every browser, on the server (GET /v1/experiments/{key}/variant) and after a
 * reload; tests/node/experiment-assignment.mjs checks this code against the server's on a set of vectors.
 */
function vigilAssign(experimentKey, userId, weights) {
  "use strict";
  var bytes = new TextEncoder().encode(experimentKey + "\n" + userId);
  var hash = 0x811c9dc5;
  for (var index = 0; index < bytes.length; index++) {
    hash ^= bytes[index];
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  // fmix32: FNV-1a alone keeps ids that count up ("u0", "u1", …) in one arm.
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35);
  hash = (hash ^ (hash >>> 16)) >>> 0;
  var point = hash / 4294967296;
  var total = 0;
  for (var arm = 0; arm < weights.length; arm++) total += weights[arm];
  var cumulative = 0;
  for (var chosen = 0; chosen < weights.length; chosen++) {
    cumulative += weights[chosen];
    if (point < cumulative / total) return chosen;
  }
  return weights.length - 1;
}

function vigilExperiments(config) {
  "use strict";
  var storageKey = "vigil_exposed";
  var running = null;

  // The running experiments, fetched once per page (the server lets the browser cache the answer for a minute).
  function load() {
    if (!running) {
      running = fetch(config.origin + "/v1/experiments?key=" + encodeURIComponent(config.key))
        .then(function (response) { return response.ok ? response.json() : { experiments: [] }; })
        .then(function (body) { return body.experiments || []; })
        .catch(function () { return []; });
    }
    return running;
  }

  function exposed() {
    try {
      return JSON.parse(localStorage.getItem(storageKey) || "{}") || {};
    } catch (e) {
      return window.__vigilExposed || (window.__vigilExposed = {});
    }
  }

  // Remembered per experiment and user, so reloads and other tabs send nothing more; a new user after identify() is exposed afresh.
  function exposeOnce(experimentKey, userId, variant) {
    var seen = exposed();
    var id = experimentKey + "\n" + userId;
    if (seen[id]) return;
    seen[id] = variant;
    try {
      localStorage.setItem(storageKey, JSON.stringify(seen));
    } catch (e) {}
    config.track("$exposure", { experiment: experimentKey, variant: variant });
  }

  function variant(experimentKey) {
    return load().then(function (experiments) {
      for (var index = 0; index < experiments.length; index++) {
        var experiment = experiments[index];
        if (experiment.key !== experimentKey) continue;
        var userId = config.distinctId();
        var chosen = experiment.variants[vigilAssign(experiment.key, userId, experiment.weights)];
        exposeOnce(experiment.key, userId, chosen);
        return chosen;
      }
      return null;
    });
  }

  return { variant: variant };
}
