import { defineSignal } from '../types.js';
import { noteEvidence, pickEvidence } from '../evidence.js';
import { signalText } from '../strings.js';
import { CONTENT_TYPES } from '../page-type.js';
import { normaliseSpace, truncate, wordCount } from '../text.js';
import type { PageContext } from '../page-context.js';
import type { Evidence } from '../../result/types.js';

export const { strings: UIStrings, str } = signalText(
  'q4-works-without-scripts',
  {
    title: 'Content usable without scripts',
    explanation:
      'The share of the home page and community pages whose content is in the HTML itself, rather than an empty app ' +
      'shell (a page container with little text that only scripts fill) or a “please enable JavaScript” wall. Content ' +
      'that arrives as a document can be read, searched, archived and linked by anyone and anything; content that ' +
      'only exists after the site’s scripts run keeps people inside the app. Judged on the HTML as served: pages ' +
      'rendered in a browser count only where the crawler also kept what the server sent (automatic mode).',
    recommendation: 'Make threads and help pages readable without JavaScript, so content loads fast and works for every visitor.',
    impact:
      'Content that needs scripts to appear is slow on weak connections, invisible to some assistive technologies and search engines, and falls short of the accessibility expected under WCAG and the European Accessibility Act.',
    value: '{share, percent} of {pages, plural, one {# page} other {# pages}} usable without scripts',
    servedNeedsScripts:
      'As served, before scripts: {chars, plural, one {# character} other {# characters}} of text, so the content appears only once scripts run.',
    servedUsable: '{title}: {chars, plural, one {# character} other {# characters}} readable in the HTML as served',
    shell: 'An empty app shell (a page container that only scripts fill); {words, plural, one {# word} other {# words}} of text without scripts',
    noscriptWall: 'The message shown to readers without scripts: “{message}”; {words, plural, one {# word} other {# words}} of text without scripts',
    usable:
      '{title}: {words, plural, one {# word} other {# words}} readable in the HTML{noscript, select, yes { (printed for readers without scripts)} other {}}',
    labelNeedsScripts: 'needs scripts',
    labelUsable: 'usable without scripts',
    allRendered: 'Every page was rendered in a browser, so the HTML as served was not kept: a crawl in automatic or static mode can judge this.',
    noPages: 'Neither a home page nor community pages were fetched.',
  },
  {
    de: {
      title: 'Inhalte ohne Skripte nutzbar',
      explanation:
        'Der Anteil der Startseite und der Community-Seiten, deren Inhalt im HTML selbst steht, statt in einer leeren ' +
        'App-Hülle (ein Seitencontainer mit wenig Text, den erst Skripte füllen) oder hinter einer Sperre „Bitte ' +
        'JavaScript aktivieren“. Inhalte, die als Dokument ankommen, können alle Menschen und Programme lesen, ' +
        'durchsuchen, archivieren und verlinken; Inhalte, die erst entstehen, wenn die Skripte der Website laufen, ' +
        'halten Menschen in der App fest. Beurteilt am HTML, wie es ausgeliefert wurde: Im Browser dargestellte Seiten ' +
        'zählen nur, wo der Crawler auch aufbewahrt hat, was der Server gesendet hat (automatischer Modus).',
      recommendation: 'Threads und Hilfeseiten ohne JavaScript lesbar machen, damit Inhalte schnell laden und für alle Besuchenden funktionieren.',
      impact:
        'Inhalte, die erst mit Skripten erscheinen, laden bei schwacher Verbindung langsam, bleiben manchen assistiven Technologien und Suchmaschinen verborgen und erfüllen die Barrierefreiheit nach WCAG und dem European Accessibility Act nicht.',
      value: '{share, percent} {pages, plural, one {von # Seite} other {der # Seiten}} ohne Skripte nutzbar',
      servedNeedsScripts:
        'Wie ausgeliefert, vor den Skripten: {chars, plural, one {# Zeichen} other {# Zeichen}} Text, der Inhalt erscheint also erst, wenn Skripte laufen.',
      servedUsable: '{title}: {chars, plural, one {# Zeichen} other {# Zeichen}} lesbar im HTML, wie es ausgeliefert wurde',
      shell: 'Eine leere App-Hülle (ein Seitencontainer, den erst Skripte füllen); {words, plural, one {# Wort} other {# Wörter}} Text ohne Skripte',
      noscriptWall: 'Die Meldung für Lesende ohne Skripte: „{message}“; {words, plural, one {# Wort} other {# Wörter}} Text ohne Skripte',
      usable: '{title}: {words, plural, one {# Wort} other {# Wörter}} lesbar im HTML{noscript, select, yes { (für Lesende ohne Skripte ausgegeben)} other {}}',
      labelNeedsScripts: 'braucht Skripte',
      labelUsable: 'ohne Skripte nutzbar',
      allRendered:
        'Alle Seiten wurden im Browser dargestellt, daher wurde das ausgelieferte HTML nicht aufbewahrt: Ein Crawl im automatischen oder statischen Modus kann dies beurteilen.',
      noPages: 'Es wurden weder eine Startseite noch Community-Seiten abgerufen.',
    },
  },
);

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
      ? { usable: false, evidence: noteEvidence(page, str('servedNeedsScripts', { chars: page.served.textChars }), str('labelNeedsScripts'), 'producer') }
      : {
          usable: true,
          evidence: noteEvidence(page, str('servedUsable', { title: page.title, chars: page.served.textChars }), str('labelUsable'), 'conductor'),
        };
  }
  const { $ } = page;
  const noscript = normaliseSpace($('noscript').text());
  const shell = $(SHELL).first();
  const shellEmpty = shell.length > 0 && wordCount(shell.text()) < 10;
  if (page.words < MIN_WORDS && (shellEmpty || NEEDS_JS.test(noscript))) {
    const note = shellEmpty ? str('shell', { words: page.words }) : str('noscriptWall', { message: truncate(noscript, 200), words: page.words });
    return { usable: false, evidence: noteEvidence(page, note, str('labelNeedsScripts'), 'producer') };
  }
  return {
    usable: true,
    evidence: noteEvidence(
      page,
      str('usable', { title: page.title, words: page.words, noscript: page.readFromNoscript ? 'yes' : 'no' }),
      str('labelUsable'),
      'conductor',
    ),
  };
}

export default defineSignal<ScriptObservation>({
  meta: { id: 'q4-works-without-scripts', question: 'Q4', direction: 'conductor', requires: ['html'], effort: 'high', risk: 'accessibility' },
  strings: UIStrings,
  extract: inspectScriptless,
  aggregate(observations, site) {
    if (observations.length === 0) {
      const rendered = site.pages.some((p) => p.renderMode === 'browser' && !p.served);
      return {
        notMeasured: str(rendered ? 'allRendered' : 'noPages'),
      };
    }
    const usable = observations.filter((o) => o.obs.usable);
    const blocked = observations.filter((o) => !o.obs.usable);
    const share = usable.length / observations.length;
    return {
      value: share,
      display: str('value', { share, pages: observations.length }),
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
