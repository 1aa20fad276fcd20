// A plain static file server, like any static host: files as they are, `dir/` → `dir/index.html`,
// and 404.html for anything else. No rewrite rules. Like a CDN, it compresses text and wasm
// (brotli or gzip, as the browser accepts). Used by `scripts/serve.sh`, the e2e tests and Lighthouse.
import { createServer } from "node:http";
import { brotliCompressSync, gzipSync, constants as zlib } from "node:zlib";
import { readFile, stat } from "node:fs/promises";
import { extname, join, normalize, resolve } from "node:path";

const TYPES = {
  ".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8", ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8", ".json": "application/json", ".wasm": "application/wasm",
  ".bin": "application/octet-stream", ".png": "image/png", ".svg": "image/svg+xml",
  ".webmanifest": "application/manifest+json", ".ico": "image/x-icon", ".txt": "text/plain; charset=utf-8",
};

const COMPRESSIBLE = /\.(html|js|mjs|css|json|wasm|bin|svg|webmanifest|txt)$/;
const packed = new Map(); // path + encoding → compressed bytes (the files do not change while served)

function encode(path, body, accept) {
  if (!COMPRESSIBLE.test(path) || body.length < 1024) return null;
  const enc = /\bbr\b/.test(accept) ? "br" : /\bgzip\b/.test(accept) ? "gzip" : null;
  if (!enc) return null;
  const key = `${enc}:${path}:${body.length}`;
  if (!packed.has(key)) {
    packed.set(key, enc === "br"
      ? brotliCompressSync(body, { params: { [zlib.BROTLI_PARAM_QUALITY]: 5, [zlib.BROTLI_PARAM_SIZE_HINT]: body.length } })
      : gzipSync(body, { level: 6 }));
  }
  return { enc, body: packed.get(key) };
}

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
  const hits = new Map(); // path → requests that reached the server (the tests count downloads)
  const server = createServer(async (req, res) => {
    const url = new URL(req.url, "http://x");
    hits.set(url.pathname, (hits.get(url.pathname) || 0) + 1);
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
    // Hashed names (name.<hash>.ext) and the search index's pieces (data/ix/<hash>.bin) never change.
    const immutable = /\.[0-9a-f]{10}\.|\/data\/ix\/[0-9a-f]{16}\.bin$/.test(found.path);
    const headers = { "content-type": type, "cache-control": immutable ? "public, max-age=31536000, immutable" : "no-cache", vary: "accept-encoding" };
    const packedBody = encode(found.path, found.body, String(req.headers["accept-encoding"] || ""));
    if (packedBody) headers["content-encoding"] = packedBody.enc;
    res.writeHead(status, headers);
    res.end(packedBody ? packedBody.body : found.body);
  });
  server.hits = hits;
  return new Promise((ok) => server.listen(port, host, () => ok(server)));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [root = "dist", port = "8080"] = process.argv.slice(2);
  const server = await serve(root, Number(port));
  const { port: p } = server.address();
  console.log(`\nPocket Law is served at http://127.0.0.1:${p}/  (Ctrl-C stops it)`);
}
