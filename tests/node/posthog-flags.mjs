// Reads an experiment's flag through the real posthog-node SDK from a Vigil server, which also sends the SDK's
// $feature_flag_called event. Usage: node posthog-flags.mjs <host> <ingest key> <flag key> <distinct id>; prints
// {"variant": …}. Exits non-zero when the SDK reports any error.
import { PostHog } from 'posthog-node'

const [host, key, flag, distinctId] = process.argv.slice(2)
if (!host || !key || !flag || !distinctId) {
  console.error('usage: node posthog-flags.mjs <host> <ingest key> <flag key> <distinct id>')
  process.exit(2)
}

const client = new PostHog(key, { host, fetchRetryCount: 0 })
client.on('error', (error) => {
  console.error('posthog-node reported an error:', error)
  process.exitCode = 1
})

const variant = await client.getFeatureFlag(flag, distinctId)
await client.shutdown()
console.log(JSON.stringify({ variant: variant ?? null }))
