import { defineSignal, sampleStrength } from '../types.js';
import { elementEvidence } from '../evidence.js';
import type { PageContext } from '../page-context.js';
import type { Evidence } from '../../result/types.js';

export const UIStrings = {
  title: 'Help and contact within two clicks',
  explanation:
    'Whether a help page and a way to contact the brand can be reached within two clicks of the home page, ' +
    "following the links the crawler saw (a help centre on another site counts when the site's own navigation " +
    'links to it, or it is on a help-desk platform). A conductor puts support where people can find it; a producer buries ' +
    'it, so that the only easy paths lead to the shop.',
};

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
          evidence: elementEvidence(
            page,
            `“${mailto.text().trim()}” → ${href} (${clicks} click${clicks === 1 ? '' : 's'} from the home page)`,
            'contact link',
            'conductor',
          ),
        });
      }
      for (const link of page.links) {
        for (const t of TARGETS) {
          if (!found.has(t.kind) && countsAsSiteLink(link) && t.test(link.href, link.text)) {
            const where = link.external ? ', on another site' : '';
            found.set(t.kind, {
              clicks,
              evidence: elementEvidence(
                page,
                `“${link.text}” → ${link.href} (${clicks} click${clicks === 1 ? '' : 's'} from the home page${where})`,
                `${t.kind} link`,
                'conductor',
              ),
            });
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
  meta: { id: 'q4-help-reachable', question: 'Q4', direction: 'conductor', requires: ['html'] },
  strings: UIStrings,
  extract: () => true,
  aggregate(observations, site) {
    if (observations.length === 0) return { notMeasured: 'No pages were fetched.' };
    const pages = observations.map((o) => o.page);
    if (!pages.some((p) => p.url === site.startUrl || p.depth === 0)) return { notMeasured: 'The start page was not fetched, so click distances are unknown.' };
    const found = clicksToTargets(pages, site.startUrl);
    const within = [...found.entries()].filter(([, v]) => v.clicks <= 2);
    const evidence = [...found.values()].map((v) => v.evidence);
    const missing = (['help', 'contact'] as const).filter((k) => !within.some(([kind]) => kind === k));
    if (missing.length) {
      const start = pages.find((p) => p.url === site.startUrl) ?? pages[0]!;
      evidence.push(
        elementEvidence(
          start,
          `No link to ${missing.join(' or ')} within two clicks of the home page${found.size ? '' : ' (nor within three)'}.`,
          'not reachable',
          'producer',
        ),
      );
    }
    return {
      value: within.length,
      displayValue: `${within.length} of 2 (${(['help', 'contact'] as const).map((k) => `${k}: ${found.get(k) ? `${found.get(k)!.clicks} click${found.get(k)!.clicks === 1 ? '' : 's'}` : 'not found'}`).join(', ')})`,
      evidence,
      pagesObserved: pages.length,
      // Two clicks need the pages one click away: a crawl that read few of them may have missed the link.
      floor: sampleStrength(pages.filter((p) => p.depth <= 1).length, 10),
    };
  },
});
