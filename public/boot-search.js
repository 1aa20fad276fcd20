// The boot shell's search, inlined at the end of every page by `pocketlaw site`. Before the app (wasm) has loaded, the home page's box (#boot-q)
// already searches. The search worker starts at once (the home page is where people search; its
// engine and index root are about 125 KB brotli, the pieces come per query), and the
// app later takes it over (window.plSearchWorker). Hits are drawn with the app's markup into the
// boot shell; when the app mounts it replaces the boot shell and carries the words over.
// While this first search runs, the page's loader holds the app back (window.plBootSearch), so
// that on a slow line the search has the line to itself; "pl-boot-results" releases it.
(function () {
  // The article page's 返回 button, before the app (no inline handlers: the CSP forbids them).
  var back = document.querySelectorAll("#boot button.back");
  for (var i = 0; i < back.length; i++) back[i].addEventListener("click", function () { history.back(); });
  // The engine's wasm needs WebAssembly with reference types (Chrome/WebView 96+, Safari 15+; see
  // README "Browsers"): this tiny module (one function type returning externref) only validates
  // where it is there. The answer is kept for the page's loader (index.html), which runs after
  // this script and, where it is false, downloads no wasm and says the browser is too old.
  var wasm = false;
  try {
    wasm = typeof WebAssembly === "object" &&
      WebAssembly.validate(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 111]));
  } catch (e) {}
  window.plWasm = wasm;
  var capable = wasm && !!window.Worker;
  var TOO_OLD = "这个微信或浏览器的版本太旧，用不了搜索。请按下面的问题分类找，或拨打 12348 免费咨询。升级微信或换个浏览器后就能搜索。";
  var box = document.getElementById("boot-q");
  if (!box) return;
  if (!capable) {
    box.setAttribute("aria-describedby", "boot-status");
    return;
  }
  var assets;
  try {
    assets = JSON.parse(document.getElementById("pl-assets").textContent);
  } catch (e) {
    return;
  }
  // From the build (the engine's DocKind labels and page size), so that both draw hits alike.
  var KINDS = assets.kind_labels || {};
  var PAGE = assets.search_page || 10;
  var worker = null;
  var seq = 0;
  var released = false;
  var section = box.closest("section");
  var main = section && section.parentNode;
  var out = null;

  function release() {
    if (released) return;
    released = true;
    document.dispatchEvent(new Event("pl-boot-results"));
  }

  function start() {
    if (worker) return;
    try {
      // Started early by the page's <head> where it could be (see `pocketlaw site`).
      worker = window.plSearchWorker || new Worker(assets.search_worker);
    } catch (e) {
      return release();
    }
    window.plSearchWorker = worker;
    worker.addEventListener("message", onMessage);
  }

  function topicNames() {
    var names = {};
    var links = document.querySelectorAll('#boot a[href^="/topic/"]');
    for (var i = 0; i < links.length; i++) {
      var strong = links[i].querySelector("strong");
      names[links[i].getAttribute("href").slice(7)] = (strong || links[i]).textContent;
    }
    return names;
  }

  function text(tag, cls, s) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    e.textContent = s;
    return e;
  }

  function hitList(hits) {
    var names = topicNames();
    var ol = document.createElement("ol");
    ol.className = "hits";
    ol.setAttribute("data-testid", "hits");
    hits.forEach(function (h) {
      var li = document.createElement("li");
      li.className = "hit";
      li.setAttribute("data-testid", "hit");
      li.setAttribute("data-id", h.id);
      li.setAttribute("data-topic", h.topic);
      li.appendChild(text("span", "kind kind-" + h.kind, KINDS[h.kind] || ""));
      var t = text("span", "hit-topic", names[h.topic] || "");
      t.setAttribute("data-testid", "hit-topic");
      li.appendChild(t);
      var a = text("a", "", h.title);
      a.href = "/doc/" + encodeURIComponent(h.id);
      li.appendChild(a);
      var p = document.createElement("p");
      p.className = "snippet";
      p.innerHTML = h.snippet; // the engine escapes the text and adds only <mark>
      li.appendChild(p);
      ol.appendChild(li);
    });
    return ol;
  }

  // The other sections of the home page give way to the hits, as in the app; a weak answer keeps
  // them (the topics, the trees and the hotline are the better way in).
  function showRest(show) {
    if (!main) return;
    for (var i = 0; i < main.children.length; i++) {
      var el = main.children[i];
      if (el !== section && el !== out && el.tagName !== "H1" && el.tagName !== "NOSCRIPT") el.hidden = !show;
    }
  }

  function draw(msg) {
    if (!document.getElementById("boot")) return; // the app has taken over
    if (!out) {
      out = document.createElement("div");
      out.id = "boot-results";
      section.parentNode.insertBefore(out, section.nextSibling);
    }
    out.textContent = "";
    var hits = msg.hits || [];
    if (!hits.length) {
      out.appendChild(text("p", "empty", msg.error ? (msg.compile ? TOO_OLD : "搜索暂时用不了。可以直接打电话问。") : "没有找到相关内容。可以换个说法，比如“工钱”“离婚”“借钱不还”，或直接打电话问。"));
      showRest(true);
    } else if (msg.weak) {
      var weak = document.createElement("div");
      weak.className = "weak";
      weak.setAttribute("data-testid", "weak");
      var note = text("p", "", "没有找到很对题的内容。可以换个说法（比如“工钱”“离婚”“借钱不还”），按下面的问题分类找，或直接打电话问：");
      note.setAttribute("role", "status");
      weak.appendChild(note);
      var details = document.createElement("details");
      details.className = "weak-hits";
      details.appendChild(text("summary", "", "仍然看看搜到的 " + hits.length + " 条"));
      details.appendChild(hitList(hits));
      weak.appendChild(details);
      out.appendChild(weak);
      showRest(true);
    } else {
      var count = text("p", "count", hits.length >= PAGE ? "最相关的 " + hits.length + " 条" : "找到 " + hits.length + " 条");
      count.setAttribute("role", "status");
      out.appendChild(count);
      out.appendChild(hitList(hits));
      showRest(false);
    }
    release();
  }

  // The worker's messages are the JSON text of the engine's `contract::Response` (its shape is
  // checked against this script by tests/contract.rs): {"failed": {message}}, or
  // {"results": {seq, boot, result: {"Ok": {hits, weak}} or {"Err": message}}}.
  function onMessage(ev) {
    var msg;
    try {
      msg = JSON.parse(ev.data);
    } catch (e) {
      return;
    }
    if (!msg) return;
    var failed = msg.failed;
    if (failed) return draw({ hits: [], error: failed.message, compile: /WebAssembly|wasm|CompileError/i.test(failed.message || "") });
    var res = msg.results;
    if (!res || !res.boot || res.seq !== seq || !res.result) return;
    draw(res.result.Ok || { hits: [], error: res.result.Err || "?" });
  }

  function search() {
    var q = box.value;
    if (!q.trim()) {
      seq++;
      if (out) out.textContent = "";
      showRest(true);
      return;
    }
    start();
    if (!worker) return;
    if (!window.plBootSearch) {
      window.plBootSearch = true;
      // Never hold the app back for long: a search that does not answer lets it load.
      setTimeout(release, 8000);
    }
    seq++;
    // The engine's `contract::Request::Search`, as JSON text (tests/contract.rs checks the shape).
    worker.postMessage(JSON.stringify({ search: { seq: seq, boot: true, request: { query: q, kind: null, limit: PAGE } } }));
  }

  box.addEventListener("focus", start);
  box.addEventListener("input", search);
  if (box.value.trim()) search(); // words typed before this script ran
  else if (location.pathname === "/") start(); // the home page is where people search
})();
