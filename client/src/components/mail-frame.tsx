import { useCallback, useRef } from "react";

/**
 * A mail's HTML part as the recipient's mail program shows it, links clickable. It is shown in a
 * sandboxed frame: no script in it can run (no allow-scripts), it cannot reach this page, and a
 * link opens in a new tab (<base target=_blank>, allow-popups) instead of inside the frame.
 * allow-same-origin (without scripts it grants the mail nothing) lets this page size the frame
 * to the mail.
 */
export function MailFrame({ html, title }: { html: string; title: string }) {
  const frame = useRef<HTMLIFrameElement>(null);
  const fit = useCallback(() => {
    const doc = frame.current?.contentDocument;
    if (frame.current && doc?.documentElement) frame.current.style.height = `${doc.documentElement.scrollHeight + 2}px`;
  }, []);
  const srcDoc = /<head[^>]*>/i.test(html) ? html.replace(/<head([^>]*)>/i, '<head$1><base target="_blank">') : `<base target="_blank">${html}`;
  return (
    <iframe
      ref={frame}
      className="mail-frame"
      title={title}
      sandbox="allow-same-origin allow-popups allow-popups-to-escape-sandbox"
      referrerPolicy="no-referrer"
      srcDoc={srcDoc}
      onLoad={fit}
    />
  );
}
