import { defineSignal } from '../types.js';
import { elementEvidence, pickEvidence } from '../evidence.js';
import { CONTENT_TYPES } from '../page-type.js';
import { normaliseSpace, pct, wordCount } from '../text.js';
import type { PageContext } from '../page-context.js';
import type { Evidence } from '../../result/types.js';

export const UIStrings = {
  title: 'Content usable without scripts',
  explanation:
    'The share of the home page and community pages whose content is in the HTML itself, rather than an empty app ' +
    'shell (<div id="root"> with little text) or a “please enable JavaScript” wall. Content that arrives as a ' +
    'document can be read, searched, archived and linked by anyone and anything; content that only exists after ' +
    'the site’s scripts run keeps people inside the app. Judged on the HTML as served: pages rendered in a browser ' +
    'count only where the crawler also kept what the server sent (automatic mode).',
};

const SHELL = '#root, #app, #__next, #__nuxt, #svelte, [data-reactroot], [ng-app], app-root';
const NEEDS_JS = /\b(?:enable|turn on|requires?|need) javascript\b|\bjavascript (?:is )?(?:required|disabled)\b/i;
const MIN_WORDS = 40;

export interface ScriptObservation {
  usable: boolean;
  evidence: Evidence;
}

export function inspectScriptless(page: PageContext): ScriptObservation | null {
  if (page.type !== 'home' && !CONTENT_TYPES.has(page.type)) return null;
  if (page.renderMode === 'browser') {
    // The DOM after scripts ran says nothing about the page without them: use what was served, if it was kept.
    if (!page.served) return null;
    return page.served.needsScripts
      ? { usable: false, evidence: elementEvidence(page, `as served, before scripts: ${page.served.note}`, 'needs scripts', 'producer') }
      : {
          usable: true,
          evidence: elementEvidence(
            page,
            `${page.title}: ${page.served.textChars} characters readable in the HTML as served`,
            'usable without scripts',
            'conductor',
          ),
        };
  }
  const { $ } = page;
  const noscript = normaliseSpace($('noscript').text());
  const shell = $(SHELL).first();
  const shellEmpty = shell.length > 0 && wordCount(shell.text()) < 10;
  if (page.words < MIN_WORDS && (shellEmpty || NEEDS_JS.test(noscript))) {
    const what = shellEmpty ? `empty app shell <${shell[0]!.tagName} id="${shell.attr('id') ?? ''}">` : `noscript: “${noscript}”`;
    return { usable: false, evidence: elementEvidence(page, `${what}; ${page.words} words of text without scripts`, 'needs scripts', 'producer') };
  }
  return {
    usable: true,
    evidence: elementEvidence(
      page,
      `${page.title}: ${page.words} words readable in the HTML${page.readFromNoscript ? ' (printed for readers without scripts)' : ''}`,
      'usable without scripts',
      'conductor',
    ),
  };
}

export default defineSignal<ScriptObservation>({
  meta: { id: 'q4-works-without-scripts', question: 'Q4', direction: 'conductor', requires: ['html'] },
  strings: UIStrings,
  extract: inspectScriptless,
  aggregate(observations, site) {
    if (observations.length === 0) {
      const rendered = site.pages.some((p) => p.renderMode === 'browser' && !p.served);
      return {
        notMeasured: rendered
          ? 'Every page was rendered in a browser, so the HTML as served was not kept: crawl with render: auto or static to judge this.'
          : 'Neither a home page nor community pages were fetched.',
      };
    }
    const usable = observations.filter((o) => o.obs.usable);
    const blocked = observations.filter((o) => !o.obs.usable);
    const share = usable.length / observations.length;
    return {
      value: share,
      displayValue: `${pct(share)} of ${observations.length} pages usable without scripts`,
      evidence: [
        ...pickEvidence(
          blocked.map((o) => o.obs.evidence),
          4,
        ),
        ...pickEvidence(
          usable.map((o) => o.obs.evidence),
          blocked.length ? 2 : 4,
        ),
      ],
      pagesObserved: observations.length,
    };
  },
});
