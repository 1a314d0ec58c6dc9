// Exports an app's spans and logs to a Vigil server through the real OpenTelemetry JS SDK and its OTLP/HTTP exporters,
// which send OTLP/JSON. Usage: node otel-json-export.mjs <base url> <ingest key>. Prints the two traces' ids as one line
// of JSON; exits non-zero when an export fails.
import { context, trace, SpanKind, SpanStatusCode } from '@opentelemetry/api'
import { SeverityNumber } from '@opentelemetry/api-logs'
import { OTLPLogExporter } from '@opentelemetry/exporter-logs-otlp-http'
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http'
import { resourceFromAttributes } from '@opentelemetry/resources'
import { LoggerProvider, SimpleLogRecordProcessor } from '@opentelemetry/sdk-logs'
import { SimpleSpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace'
import { setTimeout as sleep } from 'node:timers/promises'

const [baseUrl, ingestKey] = process.argv.slice(2)
if (!baseUrl || !ingestKey) {
  console.error('usage: node otel-json-export.mjs <base url> <ingest key>')
  process.exit(2)
}

// The SDK only logs a failed export; this wrapper fails the script instead. 0 is ExportResultCode.SUCCESS.
function failingOnRefusal(exporter, what) {
  return {
    export(items, resultCallback) {
      exporter.export(items, (result) => {
        if (result.code !== 0) {
          console.error(`the ${what} export failed: ${result.error}`)
          process.exitCode = 1
        }
        resultCallback(result)
      })
    },
    forceFlush: () => exporter.forceFlush(),
    shutdown: () => exporter.shutdown(),
  }
}

const resource = resourceFromAttributes({
  'service.name': 'shop-web',
  'service.version': '1.4.2',
  'deployment.environment.name': 'test',
})
const headers = { 'x-vigil-key': ingestKey }
const tracerProvider = new TracerProvider({
  resource,
  spanProcessors: [new SimpleSpanProcessor({ exporter: failingOnRefusal(new OTLPTraceExporter({ url: `${baseUrl}/v1/traces`, headers }), 'trace') })],
})
const loggerProvider = new LoggerProvider({
  resource,
  processors: [new SimpleLogRecordProcessor({ exporter: failingOnRefusal(new OTLPLogExporter({ url: `${baseUrl}/v1/logs`, headers }), 'log') })],
})
const tracer = tracerProvider.getTracer('shop-web')
const logger = loggerProvider.getLogger('shop.orders')

function orderTotal(order) {
  return order.lines.reduce((sum, line) => sum + line.price, 0)
}

// GET /orders/42: served, with an info line in its trace and a call to the payment service (a client span, not a request).
const orders = tracer.startSpan('GET /orders/:id', {
  kind: SpanKind.SERVER,
  attributes: { 'http.request.method': 'GET', 'http.route': '/orders/:id', 'url.path': '/orders/42', 'enduser.id': 'user-7' },
})
const inOrders = trace.setSpan(context.active(), orders)
logger.emit({ severityNumber: SeverityNumber.INFO, severityText: 'INFO', body: 'Order 42 shown to user-7', attributes: { 'order.id': 42 }, context: inOrders })
tracer.startSpan('GET payments', { kind: SpanKind.CLIENT, attributes: { 'http.request.method': 'GET', 'url.full': 'http://payments/status' } }, inOrders).end()
await sleep(25)
orders.setAttribute('http.response.status_code', 200)
orders.end()

// POST /checkout: a bug, recorded on the span as OpenTelemetry records exceptions, and logged as an error.
const checkout = tracer.startSpan('POST /checkout', {
  kind: SpanKind.SERVER,
  attributes: { 'http.request.method': 'POST', 'http.route': '/checkout', 'enduser.id': 'user-7' },
})
try {
  orderTotal({ id: 42 })
} catch (error) {
  checkout.recordException(error)
  checkout.setStatus({ code: SpanStatusCode.ERROR, message: error.message })
  logger.emit({ severityNumber: SeverityNumber.ERROR, severityText: 'ERROR', body: `Checkout failed: ${error.message}`, context: trace.setSpan(context.active(), checkout) })
}
await sleep(10)
checkout.setAttribute('http.response.status_code', 500)
checkout.end()

await tracerProvider.forceFlush()
await loggerProvider.forceFlush()
await tracerProvider.shutdown()
await loggerProvider.shutdown()
console.log(JSON.stringify({ ordersTraceId: orders.spanContext().traceId, checkoutTraceId: checkout.spanContext().traceId }))
