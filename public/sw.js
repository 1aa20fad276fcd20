// Pocket Law's service worker, written by `pocketlaw site` with this build's file list.
// - Install: precache every file of this version (the list comes from the build output).
// - Updates are atomic: each version has its own cache, pages and assets are served from it, and a
//   new version waits until the user taps "update" (then old caches are deleted).
// - Navigations are answered with the cached app shell, so every page works offline.
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
  event.respondWith(
    caches.open(CACHE).then(async (cache) => (await cache.match(url.pathname)) || fetch(request)),
  );
});
