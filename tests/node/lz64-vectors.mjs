// Writes test vectors of lz-string's compressToBase64, made by the real package, into tests/Vigil.Core.Tests/Ingest/PostHog:
// lz64-vectors.jsonl, one JSON line [text, compressed] each, and lz64-run.txt, the compressed text of 'a' × 2 MiB
// (a few KiB that decompress past what one request may carry). Usage: node lz64-vectors.mjs
import { writeFileSync } from 'node:fs'
import LZString from 'lz-string'

// Long enough for the code width to grow past 12 bits, with characters above 8 bits.
let long = ''
for (let i = 0; i < 400; i++) long += `{"event":"e${i % 37}","n":${i * 7919 % 1000},"k":"${String.fromCharCode(0x4e00 + i)}"},`

const texts = [
  '',
  'a',
  'a'.repeat(59),
  'hello hello hello world',
  '결제 완료 🎉 — ünïcödé',
  JSON.stringify([{ event: '$pageview', properties: { token: 'vgi_test', distinct_id: 'user-1', $current_url: 'https://shop.example/pricing' }, timestamp: '2026-11-21T09:00:00.000Z' }]),
  long,
]
const folder = new URL('../Vigil.Core.Tests/Ingest/PostHog/', import.meta.url)
writeFileSync(new URL('lz64-vectors.jsonl', folder), texts.map((text) => JSON.stringify([text, LZString.compressToBase64(text)]) + '\n').join(''))
writeFileSync(new URL('lz64-run.txt', folder), LZString.compressToBase64('a'.repeat(2 * 1024 * 1024)) + '\n')
