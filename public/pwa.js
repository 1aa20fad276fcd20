// The page's own small script, outside the wasm app so that it works even when the app cannot
// start. Registers the service worker and offers 有新版本，点击更新 when a new version is ready;
// shows a one-time hint inside WeChat on iOS (no service worker there); applies the saved text
// size and makes the boot shell's size buttons work; makes 跳到正文 move the focus.
(function () {
  // The storage keys are the engine's (`engine::contract::storage`), filled in by `pocketlaw site`.
  var store = {
    get: function (k) { try { return window.localStorage.getItem("{{STORAGE_PREFIX}}" + k); } catch (e) { return null; } },
    set: function (k, v) { try { window.localStorage.setItem("{{STORAGE_PREFIX}}" + k, v); } catch (e) { /* not kept */ } },
  };

  function banner(id, text, button, onClick, onClose) {
    if (document.getElementById(id)) return;
    var box = document.createElement("aside");
    box.id = id;
    box.className = "banner";
    box.setAttribute("aria-label", "提示");
    box.setAttribute("aria-live", "polite");
    var p = document.createElement("p");
    p.textContent = text;
    box.appendChild(p);
    var b = document.createElement("button");
    b.type = "button";
    b.textContent = button;
    b.onclick = function () { onClick(); box.remove(); };
    box.appendChild(b);
    if (onClose) {
      var c = document.createElement("button");
      c.type = "button";
      c.className = "close";
      c.textContent = "知道了";
      c.onclick = function () { onClose(); box.remove(); };
      box.appendChild(c);
    }
    document.body.appendChild(box);
  }

  // The text size chosen in the app (标准/大/特大), applied before anything is drawn.
  // The element matching `selector` that a click landed in, if any.
  function clicked(e, selector) {
    return e.target && e.target.closest ? e.target.closest(selector) : null;
  }
  // Runs `fn` once the page is parsed (this script is deferred, but may be loaded otherwise).
  function whenParsed(fn) {
    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", fn); else fn();
  }

  var size = store.get("{{TEXT_SIZE_KEY}}");
  if (size) document.documentElement.setAttribute("data-size", size);
  // The boot shell's 字号 buttons work before the app has loaded; the app reads the same setting.
  function markSize(s) {
    var bs = document.querySelectorAll("#boot [data-boot-size]");
    for (var i = 0; i < bs.length; i++) bs[i].setAttribute("aria-pressed", String(bs[i].getAttribute("data-boot-size") === s));
  }
  document.addEventListener("click", function (e) {
    var b = clicked(e, "#boot [data-boot-size]");
    if (!b) return;
    var s = b.getAttribute("data-boot-size");
    document.documentElement.setAttribute("data-size", s);
    store.set("{{TEXT_SIZE_KEY}}", s);
    markSize(s);
  });
  // 跳到正文: focus the main content (the app's router would otherwise take the link as a navigation).
  document.addEventListener("click", function (e) {
    var main = clicked(e, "a.skip") && document.getElementById("main");
    if (!main) return;
    e.preventDefault();
    e.stopPropagation();
    main.focus();
    main.scrollIntoView();
  }, true);
  whenParsed(function () { markSize(size || "{{TEXT_SIZE_DEFAULT}}"); });

  var ua = navigator.userAgent || "";
  var wechat = /MicroMessenger/i.test(ua);
  var ios = /iPhone|iPad|iPod/i.test(ua);
  if (wechat && ios && !store.get("{{WECHAT_HINT_KEY}}")) {
    whenParsed(function () {
      banner("wechat-hint", "在微信里打开时，没有网络就用不了。想离线使用，请点右上角“···”，选“在浏览器打开”。",
        "知道了", function () { store.set("{{WECHAT_HINT_KEY}}", "1"); });
    });
  }

  if (!("serviceWorker" in navigator)) return;
  // Reload only when the user asked for the update: the first install also changes the
  // controller (clients.claim) and must not reload the page under the user's fingers.
  var updating = false;
  navigator.serviceWorker.addEventListener("controllerchange", function () {
    if (!updating) return;
    updating = false;
    window.location.reload();
  });
  function offer(worker) {
    banner("update", "有新版本，点击更新", "更新", function () { updating = true; worker.postMessage("skip-waiting"); });
  }
  // Registered once the app has drawn (it sends "pocketlaw-ready"), a second later, so that the
  // download of everything for offline use does not compete with the first visit's own. If the
  // app never starts, a few seconds after load: the offline copy is still worth having.
  var registered = false;
  function register() {
    if (registered) return;
    registered = true;
    navigator.serviceWorker.register("/sw.js").then(function (reg) {
      if (reg.waiting && navigator.serviceWorker.controller) offer(reg.waiting);
      reg.addEventListener("updatefound", function () {
        var w = reg.installing;
        if (!w) return;
        w.addEventListener("statechange", function () {
          if (w.state === "installed" && navigator.serviceWorker.controller) offer(w);
        });
      });
    }).catch(function () { /* no offline support here; the app works online */ });
  }
  window.addEventListener("pocketlaw-ready", function () { setTimeout(register, 1000); });
  window.addEventListener("load", function () { setTimeout(register, 5000); });
})();
