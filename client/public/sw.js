// The respondent pages' service worker (registered with scope /r/ by
// client/src/features/respond/offline.ts): reopening or reloading a scan link without a
// connection shows the app, which then opens the form and the answers kept on the device.
//
// Three rules, nothing else:
// - a page load under /r/ goes to the network first; its index.html is kept, and served when
//   the network fails;
// - a file under /assets/ (hashed, never changes) comes from the cache, else the network, and
//   is kept;
// - everything else, the API above all, is not touched: answers and forms are kept by the page
//   itself (localStorage), never by this worker.
//
// The shell is taken from index.html itself, so this file needs no list of a build's files and
// stays the same from build to build; a new build's files replace the old ones on the first
// visit with a connection.
const CACHE = "peilstok-respondent-v1";
const SHELL = "/index.html";
const NETWORK_TIMEOUT_MS = 6000;

function assetsOf(html) {
  return [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((m) => m[1]);
}

/** Keeps `html` as the shell, with the files it loads; drops files of older builds. */
async function keepShell(html) {
  const cache = await caches.open(CACHE);
  const wanted = new Set(assetsOf(html));
  const previous = await cache.match(SHELL);
  if (previous && (await previous.text()) === html) return;
  await cache.put(SHELL, new Response(html, { headers: { "content-type": "text/html; charset=utf-8" } }));
  await cache.addAll([...wanted]);
  for (const request of await cache.keys()) {
    const path = new URL(request.url).pathname;
    if (path.startsWith("/assets/") && !wanted.has(path)) await cache.delete(request);
  }
}

self.addEventListener("install", (event) => {
  event.waitUntil(
    fetch(SHELL, { cache: "no-store" })
      .then((response) => (response.ok ? response.text() : Promise.reject(new Error(`shell: ${response.status}`))))
      .then(keepShell)
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) => Promise.all(names.filter((name) => name !== CACHE).map((name) => caches.delete(name))))
      .then(() => self.clients.claim()),
  );
});

async function fromCache(request) {
  const cache = await caches.open(CACHE);
  return cache.match(request);
}

async function navigation(request) {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), NETWORK_TIMEOUT_MS);
  try {
    const response = await fetch(request, { signal: controller.signal });
    const type = response.headers.get("content-type") ?? "";
    if (response.ok && type.startsWith("text/html")) {
      const html = await response.clone().text();
      // Keeping the shell must not hold up the page.
      keepShell(html).catch(() => undefined);
    }
    return response;
  } catch (error) {
    const shell = await fromCache(SHELL);
    if (shell) return shell;
    throw error;
  } finally {
    clearTimeout(timer);
  }
}

async function asset(request) {
  const cached = await fromCache(request);
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok) {
    const copy = response.clone();
    caches.open(CACHE).then((cache) => cache.put(request, copy)).catch(() => undefined);
  }
  return response;
}

self.addEventListener("fetch", (event) => {
  const { request } = event;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.mode === "navigate" && url.pathname.startsWith("/r/")) {
    event.respondWith(navigation(request));
  } else if (url.pathname.startsWith("/assets/")) {
    event.respondWith(asset(request));
  }
});
