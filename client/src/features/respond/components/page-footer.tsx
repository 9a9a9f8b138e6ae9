import { followLink } from "../../../lib/navigate.ts";
import type { Texts } from "../texts.ts";

/**
 * The links under every respondent page. Add a page by adding a line here (the label in both
 * languages goes in texts.ts).
 */
const links = [
  { href: "/toegankelijkheid", label: (t: Texts) => t.footer.accessibility },
  { href: "/privacy", label: (t: Texts) => t.footer.privacy },
] as const;

export function PageFooter({ t }: { t: Texts }) {
  return (
    <footer className="page-footer">
      <nav aria-label={t.footer.label}>
        <ul>
          {links.map((link) => (
            <li key={link.href}>
              <a href={link.href} onClick={followLink}>
                {link.label(t)}
              </a>
            </li>
          ))}
        </ul>
      </nav>
    </footer>
  );
}
