import type { FormLocale } from "../../../components/survey-form.tsx";
import { followLink } from "../../../lib/navigate.ts";
import { pathInLanguage } from "../../../lib/page-language.ts";
import type { Texts } from "../texts.ts";

/**
 * The links under every respondent page, to pages in the form's current language (`?lang=`). Add a
 * page by adding a line here (the label in both languages goes in texts.ts).
 */
const links = [
  { path: "/toegankelijkheid", label: (t: Texts) => t.footer.accessibility },
  { path: "/privacy", label: (t: Texts) => t.footer.privacy },
] as const;

export function PageFooter({ t, locale }: { t: Texts; locale: FormLocale }) {
  return (
    <footer className="page-footer">
      <nav aria-label={t.footer.label}>
        <ul>
          {links.map((link) => (
            <li key={link.path}>
              <a href={pathInLanguage(link.path, locale)} onClick={followLink}>
                {link.label(t)}
              </a>
            </li>
          ))}
        </ul>
      </nav>
    </footer>
  );
}
