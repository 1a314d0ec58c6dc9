// The @sentry/node transport the test scripts use: the SDK's own, failing the script when Vigil answers an envelope
// with anything but 200 (the SDK itself only logs it).
import * as Sentry from '@sentry/node'

export function transportFailingOnRefusal(options) {
  const transport = Sentry.makeNodeTransport(options)
  return {
    ...transport,
    send: async (envelope) => {
      const response = await transport.send(envelope)
      if (response.statusCode !== 200) {
        console.error(`Vigil answered ${response.statusCode} to an envelope`)
        process.exitCode = 1
      }
      return response
    },
  }
}
