// "What to do about it": actions generated from the weakest measured signals (lowest score × weight), each tied
// to its evidence. One short action per signal id in src/signals/registry.ts (the 20 original signals and the 11
// added since), per locale; a generic fallback
// covers ids this catalogue does not know.
import type { Locale, Translate } from '../i18n/index.js';
import type { QuestionResult, SignalResult } from '../result/types.js';

type Texts = Record<Locale, string>;

export const RECOMMENDATIONS: Readonly<Record<string, Texts>> = {
  'q1-open-content': {
    en: 'Take threads, answers and reviews out from behind the sign-in wall: let anyone read them, and ask for an account only to post.',
    de: 'Threads, Antworten und Bewertungen hinter der Anmeldung hervorholen: Alle sollen sie lesen können, ein Konto nur zum Schreiben verlangen.',
  },
  'q1-registration-burden': {
    en: 'Cut the registration form to what posting needs (a name and an e-mail address); drop birthday, phone and address fields.',
    de: 'Das Registrierungsformular auf das kürzen, was zum Schreiben nötig ist (Name und E-Mail-Adresse); Geburtstag, Telefon und Anschrift streichen.',
  },
  'q1-social-login': {
    en: 'Offer sign-in with identities people already have (e.g. an existing account or a passkey) instead of yet another password.',
    de: 'Anmeldung mit Identitäten anbieten, die Menschen schon haben (etwa ein vorhandenes Konto oder ein Passkey), statt noch eines Passworts.',
  },
  'q1-content-asks': {
    en: 'Ask for reviews and ideas less often, and when you ask, say how the contribution helps other members rather than the brand.',
    de: 'Seltener um Bewertungen und Ideen bitten und dabei sagen, wie der Beitrag anderen Mitgliedern hilft, nicht der Marke.',
  },
  'q1-content-rewards': {
    en: 'Stop paying points or discounts for content; recognise helpful members by what they gave others (accepted answers, thanks).',
    de: 'Keine Punkte oder Rabatte mehr für Inhalte vergeben; hilfreiche Mitglieder an dem erkennen, was sie anderen gegeben haben (akzeptierte Antworten, Dank).',
  },
  'q2-possessive-language': {
    en: 'Rewrite “our customers / our members” copy in terms of what people do and get; drop My‹Brand› framing and exclusivity claims.',
    de: 'Texte mit „unsere Kunden / unsere Mitglieder“ so umschreiben, dass sie sagen, was Menschen tun und bekommen; Mein‹Marke›-Rahmung und Exklusivitätsansprüche streichen.',
  },
  'q2-outbound-links': {
    en: 'Link out to where the answer is — manufacturers, other shops, independent guides — instead of keeping people on your pages.',
    de: 'Dorthin verlinken, wo die Antwort steht – Hersteller, andere Händler, unabhängige Ratgeber –, statt Menschen auf den eigenen Seiten zu halten.',
  },
  'q2-open-formats': {
    en: 'Publish feeds, share links and an export of members’ own posts, so people can take their contributions elsewhere.',
    de: 'Feeds, Teilen-Links und einen Export der eigenen Beiträge anbieten, damit Menschen ihre Beiträge mitnehmen können.',
  },
  'q2-licence-grab': {
    en: 'Narrow the terms: take only the licence needed to show members’ posts on the site, and let members delete them.',
    de: 'Die Bedingungen eingrenzen: nur die Lizenz verlangen, die zum Anzeigen der Beiträge auf der Website nötig ist, und Mitglieder ihre Beiträge löschen lassen.',
  },
  'q3-help-vs-sell': {
    en: 'Shift the community pages from catalogue and deals towards guides, how-tos and answered questions.',
    de: 'Die Community-Seiten von Katalog und Angeboten hin zu Anleitungen, Ratgebern und beantworteten Fragen verlagern.',
  },
  'q3-calls-to-buy': {
    en: 'Remove buy buttons and promotions from help and discussion pages; keep them on product pages where people look for them.',
    de: 'Kauf-Buttons und Werbung von Hilfe- und Diskussionsseiten entfernen; sie auf Produktseiten lassen, wo Menschen sie suchen.',
  },
  'q3-member-benefit': {
    en: 'State plainly what members gain beyond discounts — expert answers, tools, knowledge — and put it where people join.',
    de: 'Klar sagen, was Mitglieder über Rabatte hinaus gewinnen – Antworten von Fachleuten, Werkzeuge, Wissen – und es dort zeigen, wo man beitritt.',
  },
  'q4-third-party-trackers': {
    en: 'Cut third-party trackers on community pages to the few you need, and load none before consent.',
    de: 'Drittanbieter-Tracker auf Community-Seiten auf die wenigen nötigen reduzieren und keinen vor der Einwilligung laden.',
  },
  'q4-capture-popups': {
    en: 'Remove pop-ups, interstitials and e-mail capture from content pages; let people read what they came for.',
    de: 'Pop-ups, Zwischenseiten und E-Mail-Erfassung von Inhaltsseiten entfernen; Menschen lesen lassen, weswegen sie gekommen sind.',
  },
  'q4-site-search': {
    en: 'Put a working search box on every community page, searching threads and answers, not just products.',
    de: 'Auf jeder Community-Seite eine funktionierende Suche anbieten, die Threads und Antworten durchsucht, nicht nur Produkte.',
  },
  'q4-help-reachable': {
    en: 'Link help and a human contact from every page, in the header or footer, without a sign-in.',
    de: 'Hilfe und einen menschlichen Kontakt von jeder Seite aus verlinken, in Kopf- oder Fußzeile, ohne Anmeldung.',
  },
  'q5-policies-linked': {
    en: 'Link the privacy policy and the community terms from every page, in plain language.',
    de: 'Datenschutzerklärung und Community-Bedingungen von jeder Seite aus verlinken, in verständlicher Sprache.',
  },
  'q5-consent-choice': {
    en: 'Offer a real consent choice: a “reject all” as easy as “accept all”, and no tracking before the choice is made.',
    de: 'Eine echte Einwilligungswahl anbieten: „Alle ablehnen“ so einfach wie „Alle akzeptieren“ und kein Tracking vor der Entscheidung.',
  },
  'q5-staff-labelled': {
    en: 'Label staff and brand accounts clearly in every thread, and disclose any incentive behind members’ posts.',
    de: 'Personal- und Markenkonten in jedem Thread klar kennzeichnen und jeden Anreiz hinter Mitgliederbeiträgen offenlegen.',
  },
  'q5-sales-in-help': {
    en: 'Keep sales pitches out of help threads: answer the problem first, and link a product only when the member asks.',
    de: 'Verkaufsgespräche aus Hilfe-Threads heraushalten: zuerst das Problem lösen und ein Produkt nur verlinken, wenn das Mitglied fragt.',
  },
  'q1-threads-answered': {
    en: 'Make sure questions get answers: route unanswered threads to staff or expert members within a set time.',
    de: 'Dafür sorgen, dass Fragen Antworten bekommen: unbeantwortete Threads innerhalb einer festen Frist an Personal oder erfahrene Mitglieder weiterleiten.',
  },
  'q2-exclusivity': {
    en: 'Drop “members only” and “exclusive” framing from content that could be open; make the open version the default.',
    de: 'Die Rahmung „nur für Mitglieder“ und „exklusiv“ bei Inhalten streichen, die offen sein könnten; die offene Fassung zum Standard machen.',
  },
  'q2-open-identity': {
    en: 'Let people bring and show an identity that is theirs (their own name, profile link or website), not only a brand-issued account.',
    de: 'Menschen eine eigene Identität mitbringen und zeigen lassen (eigener Name, Profillink oder Website), nicht nur ein von der Marke vergebenes Konto.',
  },
  'q3-expert-answers': {
    en: 'Put experts where the questions are: have staff specialists and recognised members answer in the open threads.',
    de: 'Fachleute dorthin bringen, wo die Fragen gestellt werden: Spezialistinnen und Spezialisten sowie anerkannte Mitglieder in den offenen Threads antworten lassen.',
  },
  'q3-original-content': {
    en: 'Publish original knowledge — tests, measurements, repair and care guides — rather than copies of product descriptions.',
    de: 'Eigenes Wissen veröffentlichen – Tests, Messungen, Reparatur- und Pflegeanleitungen – statt Kopien von Produktbeschreibungen.',
  },
  'q3-guides-present': {
    en: 'Add guides and how-tos for the tasks people come with, and link them from the community’s front page.',
    de: 'Anleitungen und Ratgeber für die Aufgaben anbieten, mit denen Menschen kommen, und sie von der Startseite der Community aus verlinken.',
  },
  'q4-wrapped-links': {
    en: 'Link out directly: stop wrapping outbound links in redirects, interstitials or tracking URLs.',
    de: 'Direkt nach außen verlinken: ausgehende Links nicht mehr in Weiterleitungen, Zwischenseiten oder Tracking-URLs verpacken.',
  },
  'q4-works-without-scripts': {
    en: 'Make threads and help pages readable without JavaScript, so content loads fast and works for every visitor.',
    de: 'Threads und Hilfeseiten ohne JavaScript lesbar machen, damit Inhalte schnell laden und für alle Besuchenden funktionieren.',
  },
  'q5-incentives-disclosed': {
    en: 'Disclose incentives: mark every review or post that was rewarded, sponsored or written by staff.',
    de: 'Anreize offenlegen: jede Bewertung und jeden Beitrag kennzeichnen, der belohnt, gesponsert oder vom Personal geschrieben wurde.',
  },
  'q5-brand-voice-share': {
    en: 'Give the floor to members: cut the share of brand posts in member spaces and answer rather than announce.',
    de: 'Den Mitgliedern das Wort lassen: den Anteil der Markenbeiträge in Mitgliederbereichen senken und antworten statt verkünden.',
  },
  'q5-contact-options': {
    en: 'Offer several ways to reach a person — e-mail, phone, a contact form — and publish them where help is sought.',
    de: 'Mehrere Wege anbieten, einen Menschen zu erreichen – E-Mail, Telefon, Kontaktformular – und sie dort nennen, wo Hilfe gesucht wird.',
  },
};

/** The catalogue key for a signal id: `q1.open-content` and `q1-open-content` are the same signal. */
export function recommendationKey(id: string): string {
  return id.trim().toLowerCase().replace(/\./g, '-');
}

/** The action text for a signal, or the generic fallback naming the signal. */
export function recommendationText(signal: Pick<SignalResult, 'id' | 'title'>, locale: Locale, tr: Translate, cleanTitle: string): string {
  const texts = RECOMMENDATIONS[recommendationKey(signal.id)];
  return texts ? texts[locale] : tr('rec.generic', { signal: cleanTitle });
}

export interface WeakSignal {
  question: QuestionResult;
  signal: SignalResult;
  /** How much the signal drags the index down: (100 − score) × weight × the strength its reading counted with. */
  gap: number;
}

/**
 * Measured signals that lean to the producer end (the scorer's leaning), weakest first by their gap; ties keep
 * question/signal order, so the list is deterministic.
 */
export function weakestSignals(questions: readonly QuestionResult[], max = 6): WeakSignal[] {
  const all: Array<WeakSignal & { order: number }> = [];
  let order = 0;
  for (const question of questions) {
    for (const signal of question.signals) {
      order++;
      if (signal.status !== 'measured' || signal.score === null || signal.leaning !== 'producer' || signal.weight <= 0) continue;
      all.push({ question, signal, gap: (100 - signal.score) * signal.weight * signal.strength, order });
    }
  }
  all.sort((a, b) => b.gap - a.gap || a.order - b.order);
  return all.slice(0, max).map(({ question, signal, gap }) => ({ question, signal, gap }));
}
