// The search worker's bootstrap. `pocketlaw site` fills in the hashed file names.
// It loads the engine and the index in the background as soon as the page starts it, and answers
// {type: "search", seq, request} with {type: "results", seq, hits, weak}.
importScripts("{{WORKER_GLUE}}");
let engine = null;
let failure = null;
const ready = (async () => {
  // The index and the engine download side by side; the engine compiles while it streams in.
  const index = fetch("{{SEARCH_INDEX}}").then((res) => {
    if (!res.ok) throw new Error("搜索索引下载失败（" + res.status + "）");
    return res.arrayBuffer();
  });
  index.catch(() => {}); // reported below, once the engine is there
  await wasm_bindgen({ module_or_path: "{{WORKER_WASM}}" });
  engine = new wasm_bindgen.Engine(new Uint8Array(await index));
  postMessage({ type: "ready", docs: engine.num_docs() });
})().catch((e) => {
  failure = String(e && e.message ? e.message : e);
  postMessage({ type: "error", message: failure });
});
onmessage = async (event) => {
  const msg = event.data || {};
  if (msg.type !== "search") return;
  await ready;
  if (!engine) {
    postMessage({ type: "results", seq: msg.seq, hits: [], error: failure || "搜索没有准备好" });
    return;
  }
  const answer = JSON.parse(engine.search(JSON.stringify(msg.request)));
  postMessage({ type: "results", seq: msg.seq, hits: answer.hits, weak: answer.weak });
};
