// A plain static file server, like any static host: files as they are, `dir/` → `dir/index.html`,
// and 404.html for anything else. No rewrite rules. Used by `scripts/serve.sh` and the e2e tests.
import { createServer } from "node:http";
import { readFile, stat } from "node:fs/promises";
import { extname, join, normalize, resolve } from "node:path";

const TYPES = {
  ".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8", ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8", ".json": "application/json", ".wasm": "application/wasm",
  ".bin": "application/octet-stream", ".png": "image/png", ".svg": "image/svg+xml",
  ".webmanifest": "application/manifest+json", ".ico": "image/x-icon", ".txt": "text/plain; charset=utf-8",
};

async function file(path) {
  try {
    const s = await stat(path);
    if (s.isDirectory()) return file(join(path, "index.html"));
    return { path, body: await readFile(path) };
  } catch {
    return null;
  }
}

export function serve(root, port = 0, host = "127.0.0.1") {
  const base = resolve(root);
  const server = createServer(async (req, res) => {
    const url = new URL(req.url, "http://x");
    const rel = normalize(decodeURIComponent(url.pathname)).replace(/^(\.\.[/\\])+/, "");
    let found = await file(join(base, rel));
    let status = 200;
    if (!found || !found.path.startsWith(base)) {
      found = await file(join(base, "404.html"));
      status = 404;
    }
    if (!found) {
      res.writeHead(404).end("not found");
      return;
    }
    const type = TYPES[extname(found.path)] || "application/octet-stream";
    const immutable = /\.[0-9a-f]{10}\./.test(found.path);
    res.writeHead(status, { "content-type": type, "cache-control": immutable ? "public, max-age=31536000, immutable" : "no-cache" });
    res.end(found.body);
  });
  return new Promise((ok) => server.listen(port, host, () => ok(server)));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [root = "dist", port = "8080"] = process.argv.slice(2);
  const server = await serve(root, Number(port));
  const { port: p } = server.address();
  console.log(`\nPocket Law is served at http://127.0.0.1:${p}/  (Ctrl-C stops it)`);
}
