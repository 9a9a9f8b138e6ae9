// What the respondent page itself says, in the languages a scan can have. Dutch first; English
// for scans with `en` texts, chosen with the language switch. (SurveyJS's own texts, such as its
// buttons and required messages, come from its locales; scan texts from the scan.)
import type { FormLocale } from "../../components/survey-form.tsx";

export const texts = {
  nl: {
    languageSwitch: "Taal",
    sending: "Versturen…",
    notSentYet: "Nog niet verstuurd",
    beingSent: "Je antwoorden worden verstuurd.",
    offlineKeepOpen: "Je hoeft niets opnieuw in te vullen: laat deze pagina open, of open de link later opnieuw.",
    thanksTitle: "Bedankt voor het invullen",
    thanksBody: "Je antwoorden zijn verstuurd. Je kunt ze later altijd terugzien via dezelfde link.",
    viewAnswers: "Bekijk je antwoorden",
    viewResults: "Bekijk je resultaten",
    yourAnswers: "Je antwoorden",
    roundClosedTitle: "Deze ronde is gesloten",
    closedSince: (date: string | null) => `Deze ronde is gesloten${date ? ` sinds ${date}` : ""}.`,
    closedWithAnswers: "Je kunt je antwoorden nog bekijken, maar niet meer wijzigen.",
    closedNoAnswers: "Invullen kan niet meer.",
    sentOn: (dateTime: string) => `Verstuurd op ${dateTime}.`,
    noEditing: "In deze ronde kun je je antwoorden na het versturen niet meer wijzigen.",
    changeAnswers: "Antwoorden wijzigen",
    editingSubmitted: "Je wijzigt je verstuurde antwoorden. Druk aan het eind op ‘Verzenden’ om de wijzigingen te versturen.",
    nextPerson: "Nieuwe reactie invullen (volgende persoon)",
    notYetOpenTitle: "Deze scan is nog niet geopend",
    notYetOpenBody: (title: string) =>
      `De ronde ‘${title}’ is nog niet begonnen. Open deze link opnieuw zodra de ronde is geopend; je uitnodiging vermeldt wanneer dat is.`,
    rejectedClosed:
      "Versturen lukte niet: deze ronde is gesloten of wijzigen is niet meer toegestaan. Je antwoorden staan nog op dit apparaat.",
    rejectedIssues: (details: string) =>
      `De server heeft je antwoorden niet geaccepteerd (${details}). Controleer ze en verstuur opnieuw.`,
    rejectedOther: (message: string) =>
      `Versturen lukte niet (${message}). Je antwoorden staan nog op dit apparaat; probeer het opnieuw.`,
    status: {
      idle: "Je antwoorden worden bewaard terwijl je invult",
      saving: "Bewaren…",
      saved: "Je antwoorden zijn bewaard",
      localOnly: "Wijzigingen bewaard op dit apparaat. Druk op ‘Verzenden’ om ze te versturen.",
      offline:
        "Geen verbinding — je antwoorden worden bewaard op dit apparaat en verstuurd zodra de server weer bereikbaar is",
      submitting: "Versturen…",
      failedSuffix: "Je antwoorden staan wel op dit apparaat.",
      responseExists: "Deze link is ook op een ander apparaat in gebruik. Laad de pagina opnieuw om verder te gaan.",
      alreadySubmitted: "Je antwoorden zijn al verstuurd. Laad de pagina opnieuw om ze te bekijken.",
      roundClosed: "De ronde is gesloten; opslaan op de server kan niet meer.",
      invalid: (fields: string) => `De server accepteerde niet alle antwoorden${fields ? ` (${fields})` : ""}.`,
      other: (status: string) => `Opslaan op de server lukte niet (fout ${status}).`,
      unknown: "onbekend",
    },
    footer: {
      label: "Over deze pagina",
      accessibility: "Toegankelijkheid",
      privacy: "Privacy",
    },
  },
  en: {
    languageSwitch: "Language",
    sending: "Sending…",
    notSentYet: "Not sent yet",
    beingSent: "Your answers are being sent.",
    offlineKeepOpen: "You do not need to fill anything in again: keep this page open, or open the link again later.",
    thanksTitle: "Thank you for filling this in",
    thanksBody: "Your answers have been sent. You can always see them again through the same link.",
    viewAnswers: "See your answers",
    viewResults: "See your results",
    yourAnswers: "Your answers",
    roundClosedTitle: "This round is closed",
    closedSince: (date: string | null) => `This round is closed${date ? ` since ${date}` : ""}.`,
    closedWithAnswers: "You can still see your answers, but no longer change them.",
    closedNoAnswers: "It can no longer be filled in.",
    sentOn: (dateTime: string) => `Sent on ${dateTime}.`,
    noEditing: "In this round you cannot change your answers after sending them.",
    changeAnswers: "Change answers",
    editingSubmitted: "You are changing the answers you sent. Press ‘Complete’ at the end to send the changes.",
    nextPerson: "Fill in a new response (next person)",
    notYetOpenTitle: "This scan is not open yet",
    notYetOpenBody: (title: string) =>
      `The round ‘${title}’ has not started yet. Open this link again once the round is open; your invitation says when.`,
    rejectedClosed:
      "Sending failed: this round is closed or changes are no longer allowed. Your answers are still on this device.",
    rejectedIssues: (details: string) => `The server did not accept your answers (${details}). Check them and send again.`,
    rejectedOther: (message: string) =>
      `Sending failed (${message}). Your answers are still on this device; please try again.`,
    status: {
      idle: "Your answers are kept while you fill in",
      saving: "Saving…",
      saved: "Your answers are saved",
      localOnly: "Changes kept on this device. Press ‘Complete’ to send them.",
      offline: "No connection — your answers are kept on this device and sent as soon as the server can be reached",
      submitting: "Sending…",
      failedSuffix: "Your answers are still on this device.",
      responseExists: "This link is also in use on another device. Reload the page to continue.",
      alreadySubmitted: "Your answers have already been sent. Reload the page to see them.",
      roundClosed: "The round is closed; saving on the server is no longer possible.",
      invalid: (fields: string) => `The server did not accept all answers${fields ? ` (${fields})` : ""}.`,
      other: (status: string) => `Saving on the server failed (error ${status}).`,
      unknown: "unknown",
    },
    footer: {
      label: "About this page",
      accessibility: "Accessibility",
      privacy: "Privacy",
    },
  },
} satisfies Record<FormLocale, unknown>;

export type Texts = (typeof texts)["nl"];

/** Each language's own name, as a respondent looking for it would recognise it. */
export const languageNames: Record<FormLocale, string> = { nl: "Nederlands", en: "English" };
