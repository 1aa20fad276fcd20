// The search worker's bootstrap. `pocketlaw site` fills in the hashed file names and puts the
// engine's wasm-bindgen glue in place of the importScripts line.
// It loads the engine and the index root as soon as the page starts it, then fetches only the
// pieces each query needs (the postings of its terms, then the texts of its hits), side by side,
// and keeps them for the next query. It answers {type: "search", seq, request} with
// {type: "results", seq, hits, weak}, and {type: "status"} with "ready" or "error".
// The statute library (a second engine in the same wasm) opens only when the library page first
// asks: {type: "law-search", seq, request} → {type: "law-results", seq, response} (or error); its
// root is fetched then, and each query's pieces (directories, postings, texts: up to 3 rounds).
// After its first answer, the library's term directories are fetched in the background (two at a
// time, paused while a query is fetching), so that a later word query needs two rounds
// (postings, texts) instead of three.
importScripts("{{WORKER_GLUE}}");
const PIECES = "{{PIECES}}";
const LIBRARY_ROOT = "{{LIBRARY_ROOT}}";
const LIBRARY_PIECES = "{{LIBRARY_PIECES}}";
let engine = null;
let failure = null;

function get(url, init) {
  return fetch(url, init).then((res) => {
    if (!res.ok) throw new Error("搜索索引下载失败（" + res.status + "）");
    return res.arrayBuffer();
  });
}

const ready = (async () => {
  // The root and the engine download side by side; the engine compiles while it streams in.
  const root = get("{{SEARCH_ROOT}}");
  root.catch(() => {}); // reported below, once the engine is there
  await wasm_bindgen({ module_or_path: "{{WORKER_WASM}}" });
  engine = new wasm_bindgen.Engine(new Uint8Array(await root));
  postMessage({ type: "ready", docs: engine.num_docs() });
})().catch((e) => {
  failure = String(e && e.message ? e.message : e);
  postMessage({ type: "error", message: failure });
});

// A piece whose bytes do not match its name (a damaged cache, a cut-off download) is dropped from
// every cache and fetched once more from the network.
async function addPiece(name, into = engine, dir = PIECES) {
  const url = dir + name + ".bin";
  try {
    into.add_piece(name, new Uint8Array(await get(url)));
    return;
  } catch (e) {
    if (self.caches) {
      const keys = await caches.keys().catch(() => []);
      await Promise.all(keys.map((k) => caches.open(k).then((c) => c.delete(url)).catch(() => {})));
    }
  }
  into.add_piece(name, new Uint8Array(await get(url, { cache: "reload" })));
}

// The library, opened on the first law search (once; a failure is retried on the next search).
let library = null;
async function openLibrary() {
  if (!LIBRARY_ROOT) throw new Error("这个版本没有附带法律法规库");
  if (!library) {
    library = (async () => {
      const root = get(LIBRARY_ROOT);
      root.catch(() => {});
      await ready;
      if (!engine) throw new Error(failure || "搜索没有准备好");
      return new wasm_bindgen.Library(new Uint8Array(await root));
    })();
    library.catch(() => {
      library = null;
    });
  }
  return library;
}

// A library piece being fetched is fetched once, whether a query or the prefetch asks first.
const lawPieces = new Map();
function addLawPiece(lib, name) {
  if (!lawPieces.has(name)) {
    const p = addPiece(name, lib, LIBRARY_PIECES);
    lawPieces.set(name, p);
    p.catch(() => lawPieces.delete(name));
  }
  return lawPieces.get(name);
}

let prefetched = false;
let searching = 0; // law searches in progress: the prefetch waits, so they have the line
function prefetchDirectories(lib) {
  if (prefetched || !lib.missing_directories) return;
  prefetched = true;
  const queue = JSON.parse(lib.missing_directories());
  const next = async () => {
    while (queue.length) {
      while (searching) await new Promise((ok) => setTimeout(ok, 100));
      await addLawPiece(lib, queue.shift()).catch(() => {});
    }
  };
  next();
  next();
}

async function lawSearch(request) {
  searching++;
  try {
    return await lawSearchSteps(request);
  } finally {
    searching--;
  }
}

async function lawSearchSteps(request) {
  const lib = await openLibrary();
  const json = JSON.stringify(request);
  // As LibraryEngine::answer_fetching: at most three rounds (directories, postings, texts).
  for (let round = 0; round <= 3; round++) {
    const step = JSON.parse(lib.step(json));
    if (!step.need) {
      setTimeout(() => prefetchDirectories(lib), 0); // once the answer has been posted
      return step;
    }
    if (round === 3) break;
    await Promise.all(step.need.map((n) => addLawPiece(lib, n)));
  }
  throw new Error("查找没有完成");
}

async function search(request) {
  const json = JSON.stringify(request);
  // As SearchEngine::answer_fetching: at most two rounds of pieces (postings, then texts).
  for (let round = 0; round <= 2; round++) {
    const step = JSON.parse(engine.step(json));
    if (!step.need) return step;
    if (round === 2) break;
    await Promise.all(step.need.map((n) => addPiece(n)));
  }
  throw new Error("搜索没有完成");
}

onmessage = async (event) => {
  const msg = event.data || {};
  if (msg.type === "status") {
    // A second client (the app, taking over from the boot shell's search) asks where things are.
    await ready;
    postMessage(engine ? { type: "ready", docs: engine.num_docs() } : { type: "error", message: failure });
    return;
  }
  if (msg.type === "law-search") {
    try {
      postMessage({ type: "law-results", seq: msg.seq, response: await lawSearch(msg.request) });
    } catch (e) {
      postMessage({ type: "law-results", seq: msg.seq, error: String(e && e.message ? e.message : e) });
    }
    return;
  }
  if (msg.type !== "search") return;
  await ready;
  if (!engine) {
    postMessage({ type: "results", seq: msg.seq, hits: [], error: failure || "搜索没有准备好" });
    return;
  }
  try {
    const answer = await search(msg.request);
    postMessage({ type: "results", seq: msg.seq, hits: answer.hits, weak: answer.weak });
  } catch (e) {
    postMessage({ type: "results", seq: msg.seq, hits: [], error: String(e && e.message ? e.message : e) });
  }
};
