// Pocket Law's service worker, written by `pocketlaw site` with this build's file list.
// - Install: precache every file of this version (the list comes from the build output).
// - Updates are atomic: each version has its own cache, pages and assets are served from it, and a
//   new version waits until the user taps "update" (then old caches are deleted).
// - Navigations are answered with the cached app shell, so every page works offline.
// - The statute library is too big to precache whole: its root, law list and key laws are
//   precached; any other library file (all hash-named, so never changing) is kept once fetched,
//   so a law once opened stays readable offline.
const VERSION = "{{BUILD_ID}}";
const CACHE = "pocketlaw-" + VERSION;
const PRECACHE = {{PRECACHE}};

self.addEventListener("install", (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(PRECACHE)));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith("pocketlaw-") && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener("message", (event) => {
  if (event.data === "skip-waiting") self.skipWaiting();
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.mode === "navigate") {
    event.respondWith(
      caches.open(CACHE).then(async (cache) => (await cache.match("/index.html")) || fetch(request)),
    );
    return;
  }
  event.respondWith(caches.open(CACHE).then((cache) => fromCache(cache, request, url.pathname)));
});

// A file whose name carries its hash (`app.3f2a9c01bd.wasm`: the first 5 bytes of its SHA-256) is
// checked before it is served from the cache. A damaged copy (cut off, altered on disk) is dropped
// and fetched again, bypassing the HTTP cache; what comes back is kept only if it is intact. Index
// pieces (`data/ix/<hash>.bin`) are checked by the search engine itself (see search-worker.js).
const HASHED = /\.([0-9a-f]{10})\.[a-z0-9]+$/;

// A file of this version missing from its cache (dropped as damaged, by this worker or by the
// search worker) is fetched and kept again, so the offline copy stays whole.
const PRECACHED = new Set(PRECACHE);
// Kept once fetched: the library's pieces (checked by the engine against their names, like
// data/ix/) and laws (checked here against their hashed names).
const RUNTIME = /^\/library\//;

async function refill(cache, request, path) {
  const res = await fetch(request);
  if (res.ok && PRECACHED.has(path)) await cache.put(path, res.clone()).catch(() => {});
  else if (res.ok && RUNTIME.test(path)) {
    const named = path.match(HASHED);
    if (!named || !self.crypto || !crypto.subtle || (await sha256Prefix(res).catch(() => "")) === named[1]) {
      await cache.put(path, res.clone()).catch(() => {});
    }
  }
  return res;
}

async function sha256Prefix(response) {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", await response.clone().arrayBuffer()));
  return Array.from(digest.slice(0, 5), (b) => b.toString(16).padStart(2, "0")).join("");
}

async function fromCache(cache, request, path) {
  const cached = await cache.match(path);
  const named = path.match(HASHED);
  if (!cached) return refill(cache, request, path);
  if (!named || !self.crypto || !crypto.subtle) return cached;
  let intact = false;
  try {
    intact = (await sha256Prefix(cached)) === named[1];
  } catch (e) {}
  if (intact) return cached;
  await cache.delete(path);
  const fresh = await fetch(request, { cache: "reload" });
  if (fresh.ok && (await sha256Prefix(fresh).catch(() => "")) === named[1]) await cache.put(path, fresh.clone());
  return fresh;
}
