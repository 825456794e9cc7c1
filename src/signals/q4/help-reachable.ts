import { defineSignal, sampleStrength } from '../types.js';
import { noteEvidence } from '../evidence.js';
import { signalText } from '../strings.js';
import { common } from '../common-strings.js';
import type { PageContext } from '../page-context.js';
import type { Evidence } from '../../result/types.js';

export const { strings: UIStrings, str } = signalText(
  'q4-help-reachable',
  {
    title: 'Help and contact within two clicks',
    explanation:
      'Whether a help page and a way to contact the brand can be reached within two clicks of the home page, ' +
      'following the links the crawler saw (a help centre on another site counts when the site’s own navigation ' +
      'links to it, or it is on a help-desk platform). A conductor puts support where people can find it; a producer ' +
      'buries it, so that the only easy paths lead to the shop.',
    recommendation: 'Link help and a human contact from every page, in the header or footer, without a sign-in.',
    impact:
      'People who cannot find help or a person to ask give up, post their complaint elsewhere or call at greater cost; easy-to-find support keeps problems small.',
    value:
      '{within} of 2 (help: {help, plural, =0 {not found} one {# click} other {# clicks}}, contact: {contact, plural, =0 {not found} one {# click} other {# clicks}})',
    link: '{text, select, none {A link} other {“{text}”}} → {href} ({clicks, plural, one {# click} other {# clicks}} from the home page{where, select, external {, on another site} other {}})',
    labelLink: '{kind, select, help {help link} other {contact link}}',
    missing:
      'No link to {missing, select, both {help or contact} help {help} other {contact}} within two clicks of the home page{further, select, none { (nor within three)} other {}}.',
    labelMissing: 'not reachable',
    noStart: 'The start page was not fetched, so click distances are unknown.',
  },
  {
    de: {
      title: 'Hilfe und Kontakt in höchstens zwei Klicks',
      explanation:
        'Ob eine Hilfeseite und ein Weg, die Marke zu kontaktieren, in höchstens zwei Klicks von der Startseite aus ' +
        'erreichbar sind, entlang der Links, die der Crawler gesehen hat (ein Hilfe-Center auf einer anderen Website ' +
        'zählt, wenn die eigene Navigation der Website darauf verlinkt oder es auf einer Helpdesk-Plattform liegt). Ein ' +
        'Dirigent stellt Unterstützung dorthin, wo Menschen sie finden; ein Produzent versteckt sie, sodass die ' +
        'einzigen bequemen Wege in den Shop führen.',
      recommendation: 'Hilfe und einen menschlichen Kontakt von jeder Seite aus verlinken, in Kopf- oder Fußzeile, ohne Anmeldung.',
      impact:
        'Wer weder Hilfe noch einen Ansprechpartner findet, gibt auf, beschwert sich anderswo oder ruft teurer an; leicht auffindbare Unterstützung hält Probleme klein.',
      value:
        '{within} von 2 (Hilfe: {help, plural, =0 {nicht gefunden} one {# Klick} other {# Klicks}}, Kontakt: {contact, plural, =0 {nicht gefunden} one {# Klick} other {# Klicks}})',
      link: '{text, select, none {Ein Link} other {„{text}“}} → {href} ({clicks, plural, one {# Klick} other {# Klicks}} von der Startseite{where, select, external {, auf einer anderen Website} other {}})',
      labelLink: '{kind, select, help {Link zur Hilfe} other {Link zum Kontakt}}',
      missing:
        'Kein Link zu {missing, select, both {Hilfe oder Kontakt} help {Hilfe} other {Kontakt}} in höchstens zwei Klicks von der Startseite{further, select, none { (auch nicht in drei)} other {}}.',
      labelMissing: 'nicht erreichbar',
      noStart: 'Die Startseite wurde nicht abgerufen, daher sind die Klickentfernungen unbekannt.',
    },
  },
);

// Link words in English and German (the languages with a lexicon); URLs and mailto: links work in any language.
const HELP_LINK =
  /(?<![\p{L}\d])(?:help|support|faq|help cent(?:re|er)|knowledge base|hilfe(?:-?(?:center|bereich|seiten))?|häufige fragen|wissensdatenbank)(?![\p{L}\d])/iu;
const CONTACT_LINK =
  /(?<![\p{L}\d])(?:contact(?: us)?|get in touch|customer service|email us|call us|kontakt(?:formular)?|kontaktiere uns|kontaktieren sie uns|kundenservice|kundendienst|schreib(?:en sie)? uns)(?![\p{L}\d])/iu;

/** Help-desk platforms brands host their help centres and contact forms on. */
const HELPDESK_HOST =
  /(?:^|\.)(?:zendesk\.com|freshdesk\.com|helpscoutdocs\.com|intercom\.help|helpshift\.com|gorgias\.help|kustomer\.help|force\.com|salesforce-sites\.com|helpjuice\.com|document360\.io)$/i;

/**
 * A link on another domain counts when it sits in the site's own navigation (a footer "Help Centre" on the
 * brand's help desk) or points at a help-desk platform; a passing mention in a post does not.
 */
const countsAsSiteLink = (link: { href: string; external: boolean; inChrome: boolean }): boolean =>
  !link.external || link.inChrome || HELPDESK_HOST.test(new URL(link.href).hostname);

interface Target {
  kind: 'help' | 'contact';
  test: (href: string, text: string) => boolean;
}
const TARGETS: Target[] = [
  { kind: 'help', test: (href, text) => HELP_LINK.test(text) || /\/(help|support|faq|hilfe)(\/|\.html?|$)/i.test(new URL(href).pathname) },
  { kind: 'contact', test: (href, text) => CONTACT_LINK.test(text) || /\/(contact(-us)?|kontakt)(\/|\.html?|$)/i.test(new URL(href).pathname) },
];

/** A link the crawler followed to help or contact: its words and address are the site's, the count is ours. */
function linkEvidence(page: PageContext, text: string, href: string, clicks: number, external: boolean, kind: 'help' | 'contact'): Evidence {
  return noteEvidence(
    page,
    str('link', { text: text.trim() || 'none', href, clicks, where: external ? 'external' : 'site' }),
    str('labelLink', { kind }),
    'conductor',
  );
}

/**
 * Clicks from the start page to the first link to each target, by breadth-first search over crawled pages. Pure:
 * the link graph is what the pages contain.
 */
export function clicksToTargets(pages: PageContext[], startUrl: string): Map<'help' | 'contact', { clicks: number; evidence: Evidence }> {
  const byUrl = new Map(pages.map((p) => [p.url, p]));
  const start = byUrl.get(startUrl) ?? pages.find((p) => p.depth === 0);
  const found = new Map<'help' | 'contact', { clicks: number; evidence: Evidence }>();
  if (!start) return found;
  let frontier = [start];
  const seen = new Set([start.url]);
  for (let clicks = 1; clicks <= 3 && frontier.length; clicks++) {
    const next: PageContext[] = [];
    for (const page of frontier) {
      // page.links keeps http(s) links only; an email address is still a way to contact the brand.
      const mailto = page.$('a[href^="mailto:" i]').first();
      if (!found.has('contact') && mailto.length) {
        const href = mailto.attr('href') ?? '';
        found.set('contact', {
          clicks,
          evidence: linkEvidence(page, mailto.text().trim(), href, clicks, false, 'contact'),
        });
      }
      for (const link of page.links) {
        for (const t of TARGETS) {
          if (!found.has(t.kind) && countsAsSiteLink(link) && t.test(link.href, link.text)) {
            found.set(t.kind, { clicks, evidence: linkEvidence(page, link.text, link.href, clicks, link.external, t.kind) });
          }
        }
        const target = byUrl.get(link.href);
        if (target && !seen.has(target.url)) {
          seen.add(target.url);
          next.push(target);
        }
      }
    }
    frontier = next;
  }
  return found;
}

export default defineSignal<true>({
  meta: { id: 'q4-help-reachable', question: 'Q4', direction: 'conductor', requires: ['html'], effort: 'low' },
  strings: UIStrings,
  extract: () => true,
  aggregate(observations, site) {
    if (observations.length === 0) return { notMeasured: common('noPages') };
    const pages = observations.map((o) => o.page);
    if (!pages.some((p) => p.url === site.startUrl || p.depth === 0)) return { notMeasured: str('noStart') };
    const found = clicksToTargets(pages, site.startUrl);
    const within = [...found.entries()].filter(([, v]) => v.clicks <= 2);
    const evidence = [...found.values()].map((v) => v.evidence);
    const missing = (['help', 'contact'] as const).filter((k) => !within.some(([kind]) => kind === k));
    if (missing.length) {
      const start = pages.find((p) => p.url === site.startUrl) ?? pages[0]!;
      evidence.push(
        noteEvidence(
          start,
          str('missing', { missing: missing.length === 2 ? 'both' : missing[0]!, further: found.size ? 'some' : 'none' }),
          str('labelMissing'),
          'producer',
        ),
      );
    }
    return {
      value: within.length,
      // 0 clicks: not found within three (the start page itself is never a target).
      display: str('value', { within: within.length, help: found.get('help')?.clicks ?? 0, contact: found.get('contact')?.clicks ?? 0 }),
      evidence,
      pagesObserved: pages.length,
      // Two clicks need the pages one click away: a crawl that read few of them may have missed the link.
      floor: sampleStrength(pages.filter((p) => p.depth <= 1).length, 10),
    };
  },
});
