// Parses Mermaid flowcharts with Mermaid's own parser, in Node without a browser.
//
//   node tests/mermaid_parse.mjs FILE...
//
// Prints one JSON line per file: {"file", "ok", "error", "vertices", "edges", "subgraphs"}
// and exits 1 if any file fails to parse. Needs the `mermaid` package where Node resolves
// modules from this script, e.g. `npm install --prefix "$DIR" mermaid` and
// `NODE_PATH="$DIR/node_modules"` does not apply to ES modules, so run it with
// `MERMAID_DIR="$DIR"` (the test passes it) and it imports from there.
//
// Mermaid sanitises labels with DOMPurify, which needs a DOM; parsing does not, so DOMPurify's
// hooks are stubbed and `sanitize` returns its input. Only the parser and the flowchart
// database run: the check is syntax and structure, not rendering.
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';

const base = process.env.MERMAID_DIR ? join(process.env.MERMAID_DIR, 'node_modules') : null;
const load = (name, entry) =>
  base ? import(pathToFileURL(join(base, name, entry)).href) : import(name);

const { default: DOMPurify } = await load('dompurify', 'dist/purify.es.mjs');
for (const name of ['addHook', 'removeHook', 'removeHooks', 'removeAllHooks']) {
  DOMPurify[name] ??= () => {};
}
DOMPurify.sanitize = (s) => String(s);
const { default: mermaid } = await load('mermaid', 'dist/mermaid.core.mjs');

let failed = false;
for (const file of process.argv.slice(2)) {
  const text = readFileSync(file, 'utf8');
  const result = { file, ok: true };
  try {
    await mermaid.parse(text);
    const diagram = await mermaid.mermaidAPI.getDiagramFromText(text);
    const db = diagram.db;
    result.type = diagram.type;
    result.vertices = db.getVertices().size;
    result.edges = db.getEdges().length;
    result.subgraphs = db.getSubGraphs().length;
  } catch (e) {
    result.ok = false;
    result.error = String(e.message ?? e);
    failed = true;
  }
  console.log(JSON.stringify(result));
}
process.exit(failed ? 1 : 0);
