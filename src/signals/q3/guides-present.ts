import { defineSignal } from '../types.js';
import { elementEvidence, noteEvidence, pickEvidence } from '../evidence.js';
import { signalText } from '../strings.js';
import { lexiconFor } from '../lexicon/index.js';
import { blockText, type PageContext } from '../page-context.js';
import type { Evidence } from '../../result/types.js';

export const { strings: UIStrings, str } = signalText(
  'q3-guides-present',
  {
    title: 'Guides, how-tos and tools',
    explanation:
      'The share of pages that teach or equip: a page marked up as a how-to, a guide page, a “How to…” heading over ' +
      'a list of steps, a reference table on a guide or tool page, or an interactive tool (a calculator form). Guides ' +
      'and tools are value people take away and use on their own terms; a producer’s pages offer products and deals ' +
      'instead.',
    recommendation: 'Add guides and how-tos for the tasks people come with, and link them from the community’s front page.',
    impact:
      'Guides and tools answer the questions people search for, bring them to the site without advertising and leave them better able to use what they bought.',
    value: '{share, percent} of {pages, plural, one {# page is a guide, how-to or tool} other {# pages are guides, how-tos or tools}}',
    howTo: '{title}: marked up as a how-to',
    steps: '{heading}: {steps, plural, one {# step} other {# steps}}',
    table: '{title}: reference table of {rows, plural, one {# row} other {# rows}}',
    labelHowTo: 'how-to',
    labelSteps: 'guide with steps',
    labelTable: 'reference tool',
    labelTool: 'tool',
    none: 'No guide, how-to or tool among {pages, plural, one {# page} other {# pages}}.',
    labelNone: 'no guides',
    noPages: 'No pages with content were found.',
  },
  {
    de: {
      title: 'Anleitungen, Ratgeber und Werkzeuge',
      explanation:
        'Der Anteil der Seiten, die etwas beibringen oder an die Hand geben: eine als Anleitung ausgezeichnete Seite, ' +
        'eine Anleitungsseite, eine Überschrift „So geht’s …“ über einer Liste von Schritten, eine Referenztabelle auf ' +
        'einer Anleitungs- oder Werkzeugseite oder ein interaktives Werkzeug (ein Rechnerformular). Anleitungen und ' +
        'Werkzeuge sind ein Wert, den Menschen mitnehmen und nach eigenem Ermessen nutzen; die Seiten eines Produzenten ' +
        'bieten stattdessen Produkte und Angebote.',
      recommendation: 'Anleitungen und Ratgeber für die Aufgaben anbieten, mit denen Menschen kommen, und sie von der Startseite der Community aus verlinken.',
      impact:
        'Anleitungen und Werkzeuge beantworten die Fragen, nach denen Menschen suchen, bringen sie ohne Werbung auf die Website und helfen ihnen, das Gekaufte besser zu nutzen.',
      value:
        '{share, percent} {pages, plural, one {von # Seite ist eine Anleitung, ein Ratgeber oder ein Werkzeug} other {der # Seiten sind Anleitungen, Ratgeber oder Werkzeuge}}',
      howTo: '{title}: als Anleitung ausgezeichnet',
      steps: '{heading}: {steps, plural, one {# Schritt} other {# Schritte}}',
      table: '{title}: Referenztabelle mit {rows, plural, one {# Zeile} other {# Zeilen}}',
      labelHowTo: 'Anleitung',
      labelSteps: 'Anleitung mit Schritten',
      labelTable: 'Referenzwerkzeug',
      labelTool: 'Werkzeug',
      none: 'Keine Anleitung, kein Ratgeber und kein Werkzeug unter {pages, plural, one {# Seite} other {# Seiten}}.',
      labelNone: 'keine Anleitungen',
      noPages: 'Es wurden keine Seiten mit Inhalt gefunden.',
    },
  },
);

const SKIP_TYPES = new Set(['signin', 'signup', 'privacy', 'terms', 'contact']);

export interface GuideObservation {
  guide: boolean;
  evidence: Evidence | null;
}

export function inspectGuide(page: PageContext): GuideObservation | null {
  if (SKIP_TYPES.has(page.type)) return null;
  const { $ } = page;
  if (page.schemaTypes.includes('HowTo'))
    return { guide: true, evidence: noteEvidence(page, str('howTo', { title: page.title }), str('labelHowTo'), 'conductor') };
  // A heading only makes a guide when the page also lists steps (or is a guide template): "How to save 20%" on a deal page is not one.
  const list = $('main ol, article ol, ol')
    .filter((_, el) => $(el).children('li').length >= 3)
    .first();
  const numbered = $('h2, h3').filter((_, el) => /^(?:\d{1,2}[.)]\s|step \d)/i.test($(el).text().trim()));
  const stepCount = list.length ? list.children('li').length : numbered.length >= 3 ? numbered.length : 0;
  // Headings are read in the page's language; without a lexicon only markup, the guide template and tools count.
  const howTo = lexiconFor(page.lang)?.howToHeading;
  const heading = $('h1, h2, h3')
    .filter((_, el) => howTo?.test($(el).text().trim()) ?? false)
    .first();
  if ((page.type === 'guide' || heading.length) && stepCount) {
    return {
      guide: true,
      evidence: noteEvidence(page, str('steps', { heading: heading.text().trim() || page.title, steps: stepCount }), str('labelSteps'), 'conductor'),
    };
  }
  // A reference table on a guide or tool page (torque settings, sizes, pressures) is a tool people use.
  const table = $('main table, article table')
    .filter((_, el) => $(el).find('tr').length >= 4)
    .first();
  if (page.type === 'guide' && table.length)
    return {
      guide: true,
      evidence: noteEvidence(page, str('table', { title: page.title, rows: table.find('tr').length }), str('labelTable'), 'conductor'),
    };
  const tool = $('main form, article form')
    .filter((_, el) => $(el).find('input[type="number"], output, [class*="calculator" i]').length > 0)
    .first();
  if (tool.length) return { guide: true, evidence: elementEvidence(page, `${page.title}: ${blockText($, tool)}`, str('labelTool'), 'conductor') };
  return { guide: false, evidence: null };
}

export default defineSignal<GuideObservation>({
  meta: { id: 'q3-guides-present', question: 'Q3', direction: 'conductor', requires: ['html'], effort: 'medium' },
  strings: UIStrings,
  extract: inspectGuide,
  aggregate(observations) {
    if (observations.length === 0) return { notMeasured: str('noPages') };
    const guides = observations.filter((o) => o.obs.guide);
    const share = guides.length / observations.length;
    const evidence = guides.map((o) => o.obs.evidence!);
    if (evidence.length === 0) evidence.push(noteEvidence(observations[0]!.page, str('none', { pages: observations.length }), str('labelNone'), 'producer'));
    return {
      value: share,
      display: str('value', { share, pages: observations.length }),
      evidence: pickEvidence(evidence),
      pagesObserved: observations.length,
    };
  },
});
