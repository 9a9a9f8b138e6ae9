// Registers the respondent pages' service worker (client/public/sw.js), which keeps the app
// itself on the device so that a scan link opens without a connection. Only for /r/: the admin
// pages are never controlled by it.
export function registerOfflineShell(): void {
  // Also under the Vite dev server, which serves client/public/sw.js too: there it finds no
  // /assets/ to keep, and page loads still go to the network first.
  if (!("serviceWorker" in navigator)) return;
  const register = () => {
    navigator.serviceWorker.register("/sw.js", { scope: "/r/" }).catch(() => {
      // Without it the page still works online, and keeps answers on the device as before.
    });
  };
  // After the page has loaded: the worker then finds the page's files in the HTTP cache.
  if (document.readyState === "complete") register();
  else window.addEventListener("load", register, { once: true });
}
