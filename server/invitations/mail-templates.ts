// The Dutch mail texts, editable per round. Placeholders are `{naam}`, `{scan}`, `{ronde}`,
// `{sluitdatum}` and `{link}`; a mail is sent as plain text plus HTML built from the same text
// (mail-render.ts, which the admin pages' previews use too).
import { z } from "zod";
import type { MailText } from "./mail-render.ts";

export { formatCloseDate, placeholders, render, type Placeholder, type RenderedMail, type Values } from "./mail-render.ts";

export const textKinds = ["invitation", "reminderNotStarted", "reminderStarted"] as const;
export type TextKind = (typeof textKinds)[number];

export const mailTextSchema = z.object({
  subject: z.string().trim().min(1).max(200),
  body: z.string().trim().min(1).max(10_000),
}) satisfies z.ZodType<MailText>;
export type { MailText };

export const mailTextsSchema = z.object({
  invitation: mailTextSchema.optional(),
  reminderNotStarted: mailTextSchema.optional(),
  reminderStarted: mailTextSchema.optional(),
});
export type MailTexts = z.infer<typeof mailTextsSchema>;

export const defaultTexts: Record<TextKind, MailText> = {
  invitation: {
    subject: "Uitnodiging: {scan}",
    body: [
      "Beste {naam},",
      "Je bent uitgenodigd om de {scan} in te vullen ({ronde}). Dat kan tot {sluitdatum} via je persoonlijke link:",
      "{link}",
      "Deze link is alleen voor jou; stuur hem niet door. Je kunt tussendoor stoppen: je antwoorden worden bewaard.",
      "Met vriendelijke groet,\nPeilstok",
    ].join("\n\n"),
  },
  reminderNotStarted: {
    subject: "Herinnering: {scan}",
    body: [
      "Beste {naam},",
      "Je hebt de {scan} ({ronde}) nog niet ingevuld. Je mening telt mee: vul de vragenlijst in vóór {sluitdatum} via je persoonlijke link:",
      "{link}",
      "Heb je hem net ingevuld? Dan kun je dit bericht negeren.",
      "Met vriendelijke groet,\nPeilstok",
    ].join("\n\n"),
  },
  reminderStarted: {
    subject: "Bijna klaar: {scan}",
    body: [
      "Beste {naam},",
      "Je bent begonnen aan de {scan} ({ronde}), maar je antwoorden zijn nog niet verstuurd. Je antwoorden zijn bewaard; via je persoonlijke link ga je verder waar je gebleven was:",
      "{link}",
      "Rond het af vóór {sluitdatum}, dan tellen je antwoorden mee.",
      "Met vriendelijke groet,\nPeilstok",
    ].join("\n\n"),
  },
};

export function textFor(kind: TextKind, texts: MailTexts | null | undefined): MailText {
  return texts?.[kind] ?? defaultTexts[kind];
}
