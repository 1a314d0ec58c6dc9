// Reports errors to a Vigil server through the real @sentry/node SDK, configured with nothing but Vigil's DSN.
// Usage: node sentry-capture.mjs <dsn>. Exits non-zero when any envelope is not answered 200.
import * as Sentry from '@sentry/node'
import { transportFailingOnRefusal } from './sentry-transport.mjs'

const [dsn] = process.argv.slice(2)
if (!dsn) {
  console.error('usage: node sentry-capture.mjs <dsn>')
  process.exit(2)
}

Sentry.init({
  dsn,
  release: 'shop@1.4.2',
  environment: 'test',
  // Errors only: no tracing, no OpenTelemetry instrumentation of this process, no client-report envelopes.
  skipOpenTelemetrySetup: true,
  sendClientReports: false,
  // The default integrations minus the ones that hook the process (uncaught exceptions, console, http, ...) and would
  // keep it alive; what stays builds the events as an app's would (linked errors, context lines, modules).
  integrations: (defaults) => defaults.filter((integration) => ['LinkedErrors', 'ContextLines', 'InboundFilters', 'Dedupe', 'FunctionToString'].includes(integration.name)),
  transport: transportFailingOnRefusal,
})

function orderTotal(order) {
  return order.lines.reduce((sum, line) => sum + line.price, 0)
}

function checkout(order) {
  try {
    return orderTotal(order)
  } catch (error) {
    Sentry.captureException(error)
    return 0
  }
}

function applyDiscount(price, percent) {
  if (percent > 100) {
    throw new RangeError(`Discount ${percent}% is over 100%`)
  }
  return price * (1 - percent / 100)
}

function discounted(price, percent) {
  try {
    return applyDiscount(price, percent)
  } catch (error) {
    Sentry.captureException(error)
    return price
  }
}

// The same bug twice, reached from two lines and for two users: one issue.
Sentry.setUser({ id: 'user-1' })
checkout({ id: 1 })
Sentry.setUser({ id: 'user-2' })
checkout({ id: 2 })
// Another bug: its own issue.
discounted(42000, 150)
// A message without an exception: grouped by its text.
Sentry.captureMessage('Payment provider timed out after 3000 ms', 'warning')

if (!(await Sentry.flush(5000))) {
  console.error('@sentry/node did not flush within 5 s')
  process.exitCode = 1
}
