// Writes the served /vigil.js: the web-vitals package (its IIFE build), the feedback widget, the experiments and the snippet, inside one
// function so that none leaves a global behind but window.vigil. Run by the build: node build-snippet.mjs <output file>.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const output = process.argv[2];
if (!output) {
  console.error("usage: node build-snippet.mjs <output file>");
  process.exit(2);
}
const webVitals = readFileSync(join(here, "node_modules", "web-vitals", "dist", "web-vitals.iife.js"), "utf8");
const feedback = readFileSync(join(here, "feedback.js"), "utf8");
const experiments = readFileSync(join(here, "experiments.js"), "utf8");
const snippet = readFileSync(join(here, "vigil.js"), "utf8");
mkdirSync(dirname(output), { recursive: true });
// Korean text as \uXXXX escapes: a page without a declared charset would read a UTF-8 script as Latin-1.
const ascii = (text) => text.replace(/[^\x00-\x7f]/g, (character) => "\\u" + character.charCodeAt(0).toString(16).padStart(4, "0"));
writeFileSync(output, ascii(`(function () {\n${webVitals}\n${feedback}\n${experiments}\n${snippet}\n})();\n`));
