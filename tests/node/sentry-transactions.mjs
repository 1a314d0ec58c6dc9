// Serves HTTP requests under the real @sentry/node SDK with tracing on, configured with nothing but Vigil's DSN: its
// http server instrumentation records a server span per request, sent as streamed spans (traceLifecycle "stream", the
// default) or as whole transactions ("static"). Also one server span made by hand with Sentry.startSpan, and one of
// another operation. Usage: node sentry-transactions.mjs <dsn> <stream|static>. Exits non-zero when any envelope is
// not answered 200.
import http from 'node:http'
import * as Sentry from '@sentry/node'
import { transportFailingOnRefusal } from './sentry-transport.mjs'

const [dsn, traceLifecycle] = process.argv.slice(2)
if (!dsn || !['stream', 'static'].includes(traceLifecycle)) {
  console.error('usage: node sentry-transactions.mjs <dsn> <stream|static>')
  process.exit(2)
}

Sentry.init({
  dsn,
  release: 'shop@1.4.2',
  tracesSampleRate: 1,
  traceLifecycle,
  // The requests below come from this process: without this its fetch would make each server transaction a child.
  tracePropagationTargets: [],
  sendClientReports: false,
  transport: transportFailingOnRefusal,
})

const server = http.createServer((request, response) => {
  const failing = request.url.startsWith('/fail')
  response.writeHead(failing ? 500 : 200, { 'content-type': 'text/plain' })
  response.end(failing ? 'failed' : 'ok')
})
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve))
const base = `http://127.0.0.1:${server.address().port}`
for (const path of ['/orders/42?from=mail', '/fail']) {
  await (await fetch(base + path)).text()
}
await new Promise((resolve) => server.close(resolve))

await Sentry.startSpan({ op: 'http.server', name: 'POST /checkout', attributes: { 'http.request.method': 'POST', 'http.response.status_code': 201 } },
  () => new Promise((resolve) => setTimeout(resolve, 30)))
await Sentry.startSpan({ op: 'queue.process', name: 'send mail' }, () => new Promise((resolve) => setTimeout(resolve, 5)))

if (!(await Sentry.flush(10000))) {
  console.error('@sentry/node did not flush within 10 s')
  process.exitCode = 1
}
process.exit()
