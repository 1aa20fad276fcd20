// The search worker's bootstrap. `pocketlaw site` fills in the file names (the double-braced
// names) and puts the engine's wasm-bindgen glue in place of the importScripts line.
// It only carries things in and out: what the worker does is decided in the wasm
// (`engine::worker::Host`, the same code tested natively). Each message posted to the worker (the
// JSON text of `engine::contract::Request`) goes to the host unread; what the host returns says
// what to do next: the messages to post (the JSON text of `engine::contract::Response`), and the
// files to fetch (the index roots, the pieces each query names), whose bytes go back to it.
importScripts("{{WORKER_GLUE}}");
const ROOT = "{{SEARCH_ROOT}}";
// The index root downloads beside the engine (which compiles as it streams in); the host asks
// for it first.
const early = { [ROOT]: load(ROOT, false) };
early[ROOT].catch(() => {}); // handed to the host below
let host = null;
let failure = null;
const queue = [];

// A file's bytes. A failure carries the HTTP status (0: the network failed). `reload`: the copy
// was damaged or did not come; it is dropped from every cache and fetched from the network.
function load(url, reload) {
  return (reload ? purge(url) : Promise.resolve())
    .then(() => fetch(url, reload ? { cache: "reload" } : {}))
    .then((res) => {
      if (!res.ok) throw { status: res.status };
      return res.arrayBuffer();
    });
}

async function purge(url) {
  if (!self.caches) return;
  const keys = await caches.keys().catch(() => []);
  await Promise.all(keys.map((k) => caches.open(k).then((c) => c.delete(url)).catch(() => {})));
}

// Carries out what the host returned: {post: [message text], fetch: [{url, reload}]}.
function run(todo) {
  const next = JSON.parse(todo);
  next.post.forEach((m) => postMessage(m));
  next.fetch.forEach((f) => {
    const got = (!f.reload && early[f.url]) || load(f.url, f.reload);
    delete early[f.url];
    got.then(
      (bytes) => run(host.fetched(f.url, new Uint8Array(bytes))),
      (e) => run(host.failed(f.url, (e && e.status) || 0)),
    );
  });
}

// Without the engine (a browser too old for its wasm), every message is answered with why.
function failed() {
  postMessage(JSON.stringify({ failed: { message: failure } }));
}

wasm_bindgen({ module_or_path: "{{WORKER_WASM}}" })
  .then(() => {
    host = new wasm_bindgen.Host(ROOT, "{{PIECES}}", "{{LIBRARY_ROOT}}", "{{LIBRARY_PIECES}}");
    run(host.start());
    queue.splice(0).forEach((m) => run(host.message(m)));
  })
  .catch((e) => {
    failure = String(e && e.message ? e.message : e);
    failed();
  });

onmessage = (event) => {
  if (host) run(host.message(event.data));
  else if (failure === null) queue.push(event.data);
  else failed();
};
