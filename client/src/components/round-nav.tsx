import { useAdminUser } from "../lib/admin-session.ts";
import { AppLink } from "./button.tsx";

export type RoundPage = "manage" | "respondents" | "report" | "series";

const pages: { page: RoundPage; label: string; href: (id: string) => string }[] = [
  { page: "manage", label: "Ronde", href: (id) => `/admin/rounds/${id}/manage` },
  { page: "respondents", label: "Respondenten", href: (id) => `/admin/rounds/${id}/respondents` },
  { page: "report", label: "Rapport", href: (id) => `/admin/reports/${id}` },
  { page: "series", label: "Verloop", href: (id) => `/admin/reports/${id}/series` },
];

const roundPageNames: Record<RoundPage, string> = { manage: "Ronde", respondents: "Respondenten", report: "Rapport", series: "Verloop" };

/** The pages of one round, as tabs under its header; admins also find the round's audit log. */
export function RoundNav({ roundId, current }: { roundId: string; current: RoundPage }) {
  const admin = useAdminUser().role === "admin";
  return (
    <nav className="subnav no-print" aria-label="Deze ronde">
      <ul>
        {pages.map((p) => (
          <li key={p.page}>
            <AppLink href={p.href(roundId)} aria-current={p.page === current ? "page" : undefined}>
              {p.label}
            </AppLink>
          </li>
        ))}
        {admin ? (
          <li>
            <AppLink href={`/admin/audit?round=${encodeURIComponent(roundId)}`}>Logboek</AppLink>
          </li>
        ) : null}
      </ul>
    </nav>
  );
}

/** Rondes › Ronde X › (this page): the breadcrumbs of a round's pages. */
export function roundCrumbs(round: { id: string; title: string }, current: RoundPage) {
  return [
    { label: "Rondes", href: "/admin" },
    { label: round.title, href: `/admin/rounds/${round.id}/manage` },
    { label: roundPageNames[current] },
  ];
}
