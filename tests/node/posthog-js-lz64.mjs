// Sends events to a Vigil server as posthog-js does with compression=lz64, the lz-string payload made by the real
// lz-string package: a form body data=<encodeURIComponent(LZString.compressToBase64(json))>, the first request by
// XMLHttpRequest, the second as sendBeacon posts it on page unload (beacon=1, the same form as a Blob).
// Usage: node posthog-js-lz64.mjs <host> <ingest key>. Prints each answer; exits non-zero unless both are 200.
import LZString from 'lz-string'

const [host, key] = process.argv.slice(2)
if (!host || !key) {
  console.error('usage: node posthog-js-lz64.mjs <host> <ingest key>')
  process.exit(2)
}

const event = (name, distinctId, properties) => ({
  event: name,
  properties: { token: key, distinct_id: distinctId, $device_id: distinctId, $lib: 'web', ...properties },
  timestamp: new Date().toISOString(),
})

const requests = [
  { beacon: false, events: [event('$pageview', 'lz-user-1', { $current_url: 'https://shop.example/한국어', path: '/pricing' }), event('signup', 'lz-user-1', { plan: 'Team' })] },
  { beacon: true, events: [event('$pageleave', 'lz-user-1', { $current_url: 'https://shop.example/pricing' })] },
]
for (const { beacon, events } of requests) {
  const body = 'data=' + encodeURIComponent(LZString.compressToBase64(JSON.stringify(events)))
  const url = `${host}/e/?compression=lz64&ip=1&_=${Date.now()}&ver=1.90.0${beacon ? '&beacon=1' : ''}`
  const response = await fetch(url, {
    method: 'POST',
    body: beacon ? new Blob([body], { type: 'application/x-www-form-urlencoded' }) : body,
    headers: beacon ? {} : { 'Content-Type': 'application/x-www-form-urlencoded' },
  })
  const answer = await response.text()
  console.log(response.status, answer)
  if (response.status !== 200) process.exitCode = 1
}
