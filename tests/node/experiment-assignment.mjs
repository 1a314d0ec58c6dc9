// Assigns users to arms with the browser snippet's own code (web/experiments.js), for the test that holds it to the
// server's VariantAssignment. Usage: node experiment-assignment.mjs '<JSON [[key, user, [weights…]], …]>'; prints the
// arm of each vector as a JSON array.
import { readFileSync } from 'node:fs'

const source = readFileSync(new URL('../../web/experiments.js', import.meta.url), 'utf8')
const vigilAssign = new Function(`${source}\nreturn vigilAssign;`)()
const vectors = JSON.parse(process.argv[2])
console.log(JSON.stringify(vectors.map(([key, user, weights]) => vigilAssign(key, user, weights))))
