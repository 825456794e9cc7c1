import { defineSignal } from '../types.js';
import { noteEvidence, pickEvidence } from '../evidence.js';
import { signalText } from '../strings.js';
import { common } from '../common-strings.js';
import type { PageContext } from '../page-context.js';
import type { Evidence } from '../../result/types.js';

export const { strings: UIStrings, str } = signalText(
  'q4-site-search',
  {
    title: 'Site search available',
    explanation:
      'The share of pages that offer a search box for the site (a search form, a search landmark or a search ' +
      'input). Search lets people go straight to what they need; a site without it makes them wander through what ' +
      'the brand chose to put in their way.',
    recommendation: 'Put a working search box on every community page, searching threads and answers, not just products.',
    impact: 'People who can search find the answer that already exists instead of asking again or leaving; without search, past answers are lost to them.',
    value: '{share, percent} of {pages, plural, one {# page} other {# pages}}',
    form: 'Search form{action, select, none {} other { (sending searches to {action})}}{name, select, none {} other {: “{name}”}}',
    labelSearch: 'site search',
    none: '{pages, plural, one {No search form on the # page.} other {No search form on any of # pages.}}',
    labelNone: 'no search',
  },
  {
    de: {
      title: 'Suche auf der Website vorhanden',
      explanation:
        'Der Anteil der Seiten mit einem Suchfeld für die Website (ein Suchformular, ein als Suche ausgewiesener ' +
        'Bereich oder ein Sucheingabefeld). Mit einer Suche kommen Menschen direkt zu dem, was sie brauchen; ohne sie ' +
        'müssen sie sich durch das bewegen, was die Marke ihnen in den Weg gestellt hat.',
      recommendation: 'Auf jeder Community-Seite eine funktionierende Suche anbieten, die Threads und Antworten durchsucht, nicht nur Produkte.',
      impact:
        'Wer suchen kann, findet die Antwort, die es schon gibt, statt erneut zu fragen oder zu gehen; ohne Suche gehen frühere Antworten für sie verloren.',
      value: '{share, percent} {pages, plural, one {von # Seite} other {der # Seiten}}',
      form: 'Suchformular{action, select, none {} other { (sendet Suchanfragen an {action})}}{name, select, none {} other {: „{name}“}}',
      labelSearch: 'Suche auf der Website',
      none: '{pages, plural, one {Kein Suchformular auf der # Seite.} other {Auf keiner der # Seiten ein Suchformular.}}',
      labelNone: 'keine Suche',
    },
  },
);

export function findSearch(page: PageContext): Evidence | null {
  const { $ } = page;
  const el = $('form[role="search"], [role="search"], search, input[type="search"], form[action*="search" i]').first();
  if (!el.length) return null;
  const form = el.is('form') ? el : el.closest('form');
  const action = form.attr('action')?.trim();
  const name = (el.find('input').attr('aria-label') ?? el.attr('aria-label') ?? el.find('input').attr('placeholder') ?? '').trim();
  // The form's address and its label are the site's; `none` leaves either out of the sentence.
  return noteEvidence(page, str('form', { action: action || 'none', name: name || 'none' }), str('labelSearch'), 'conductor');
}

export default defineSignal<{ evidence: Evidence | null }>({
  meta: { id: 'q4-site-search', question: 'Q4', direction: 'conductor', requires: ['html'], effort: 'medium' },
  strings: UIStrings,
  extract(page) {
    return { evidence: findSearch(page) };
  },
  aggregate(observations) {
    if (observations.length === 0) return { notMeasured: common('noPages') };
    const hits = observations.filter((o) => o.obs.evidence);
    const share = hits.length / observations.length;
    const evidence = hits.map((o) => o.obs.evidence!);
    if (evidence.length === 0) evidence.push(noteEvidence(observations[0]!.page, str('none', { pages: observations.length }), str('labelNone'), 'producer'));
    return {
      value: share,
      display: str('value', { share, pages: observations.length }),
      evidence: pickEvidence(evidence, 3),
      pagesObserved: observations.length,
    };
  },
});
