// Sends product events to a Vigil server through the real posthog-node SDK, changing only its host.
// Usage: node posthog-capture.mjs <host> <ingest key>. Exits non-zero when the SDK reports any error.
import { PostHog } from 'posthog-node'

const [host, key] = process.argv.slice(2)
if (!host || !key) {
  console.error('usage: node posthog-capture.mjs <host> <ingest key>')
  process.exit(2)
}

// No retries: a refused request should fail the test at once, not after three delayed attempts.
const client = new PostHog(key, { host, fetchRetryCount: 0 })
client.on('error', (error) => {
  console.error('posthog-node reported an error:', error)
  process.exitCode = 1
})

client.capture({ distinctId: 'node-user-1', event: '$pageview', properties: { $current_url: 'https://shop.example/pricing', path: '/pricing' } })
client.identify({ distinctId: 'node-user-1', properties: { email: 'ada@example.com', plan: 'Pro' } })
client.capture({ distinctId: 'node-user-1', event: 'signup', properties: { plan: 'Pro' } })
client.capture({ distinctId: 'node-user-2', event: '$pageview', properties: { $current_url: 'https://shop.example/', path: '/' } })
client.capture({ distinctId: 'node-user-2', event: 'order', properties: { amount: 42000, currency: 'KRW' } })

await client.shutdown()
