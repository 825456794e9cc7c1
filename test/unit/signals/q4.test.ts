import { describe, expect, it } from 'vitest';
import thirdPartyTrackers, { findTrackers } from '../../../src/signals/q4/third-party-trackers.js';
import capturePopups, { findCapture } from '../../../src/signals/q4/capture-popups.js';
import siteSearch, { findSearch } from '../../../src/signals/q4/site-search.js';
import helpReachable, { clicksToTargets } from '../../../src/signals/q4/help-reachable.js';
import wrappedLinks, { inspectOutbound } from '../../../src/signals/q4/wrapped-links.js';
import worksWithoutScripts, { inspectScriptless } from '../../../src/signals/q4/works-without-scripts.js';
import { say } from '../../../src/report/messages.js';
import { filler, measure, pageFromHtml } from '../../helpers/page.js';
import { evLabel, evText, expectDirection, expectEvidence, measured, notMeasured, notApplicable, valueText } from './score-helpers.js';

const T = (n: number) => `https://community.example.com/forum/t/${n}`;
const HOME = 'https://community.example.com/';

const tags = {
  gtm: '<script async src="https://www.googletagmanager.com/gtag/js?id=G-XYZ"></script>',
  hotjar: '<script src="https://static.hotjar.com/c/hotjar-123.js"></script>',
  fb: '<script src="https://connect.facebook.net/en_US/fbevents.js"></script>',
  bing: '<script src="https://bat.bing.com/bat.js"></script>',
  plausible: '<script defer data-domain="community.example.com" src="https://plausible.io/js/script.js"></script>',
  cdn: '<script src="https://cdn.jsdelivr.net/npm/alpinejs@3/dist/cdn.min.js"></script>',
  own: '<script src="https://static.example.com/app.js"></script>',
};

describe('q4-third-party-trackers', () => {
  it('findTrackers counts tracking companies, skips CDNs, own subdomains and cookieless analytics', () => {
    const p = pageFromHtml(`<main>Thread</main>${tags.gtm}${tags.cdn}${tags.own}${tags.plausible}`, T(1));
    const obs = findTrackers(p);
    expect(obs.companies).toEqual(['Google']);
    expect(obs.cookieless).toEqual(['Plausible']);
    expect(evText(obs.evidence[0]!)).toContain('googletagmanager.com');
  });

  it("reads a rendered page's network log: trackers a tag manager loaded after the HTML arrived count too", () => {
    const requests = [
      { url: 'https://connect.facebook.net/en_US/fbevents.js', resourceType: 'script' },
      { url: 'https://www.facebook.com/tr?id=1&ev=PageView', resourceType: 'image' },
      { url: 'https://cdn.jsdelivr.net/npm/x.js', resourceType: 'script' },
      { url: 'https://plausible.io/api/event', resourceType: 'fetch' },
      { url: 'https://community.example.com/api/posts', resourceType: 'fetch' },
    ];
    const rendered = pageFromHtml(`<main>Thread</main>${tags.gtm}`, T(1), { renderMode: 'browser', thirdPartyRequests: requests });
    const obs = findTrackers(rendered);
    expect(obs.companies).toEqual(['Facebook', 'Google']);
    expect(obs.cookieless).toEqual(['Plausible']);
    expect(evText(obs.evidence[0]!)).toMatch(/^A request the page made from connect\.facebook\.net/);
    // The same HTML without the log: only the tag written into the page.
    expect(findTrackers(pageFromHtml(`<main>Thread</main>${tags.gtm}`, T(1))).companies).toEqual(['Google']);
  });

  it('evidence[i] belongs to companies[i] whatever the order of the tags', () => {
    const obs = findTrackers(pageFromHtml(`<main>x</main>${tags.hotjar}${tags.fb}`, T(1)));
    expect(obs.companies).toEqual(['Facebook', 'Hotjar']);
    obs.companies.forEach((c, i) => expect(evLabel(obs.evidence[i]!)).toBe(`tracker: ${c}`));
    expect(evText(obs.evidence[0]!)).toContain('facebook.net');
  });

  it('scores a heavily tracked site low and an untracked one high', async () => {
    const producer = measure(thirdPartyTrackers, [
      pageFromHtml(`<main>a</main>${tags.gtm}${tags.hotjar}${tags.fb}${tags.bing}`, T(1)),
      pageFromHtml(`<main>b</main>${tags.gtm}${tags.fb}${tags.bing}`, T(2)),
    ]);
    const pm = measured(producer);
    expect(pm.value).toBe(3.5);
    expectEvidence(pm, [T(1), T(2)], 'static.hotjar.com');
    const hotjarEv = pm.evidence.find((e) => evLabel(e) === 'tracker: Hotjar')!;
    expect(evText(hotjarEv)).toContain('hotjar');
    const conductor = measure(thirdPartyTrackers, [pageFromHtml(`<main>c</main>${tags.plausible}`, T(3))]);
    const cm = measured(conductor);
    expect(cm.value).toBe(0);
    expectEvidence(cm, [T(3)], 'cookieless analytics: Plausible');
    await expectDirection(thirdPartyTrackers, producer, conductor);
  });

  it('is not measured without pages', () => {
    notMeasured(measure(thirdPartyTrackers, []));
  });
});

describe('q4-capture-popups', () => {
  it('findCapture finds a newsletter modal and an email capture form, not a cookie banner or a sign-in form', () => {
    const modal = pageFromHtml('<main>Thread</main><div class="modal newsletter-modal" role="dialog"><p>Get 10% off: join our list!</p></div>', T(1));
    expect(findCapture(modal)).toMatchObject({ found: true, evidence: { url: T(1) } });
    expect(evLabel(findCapture(modal).evidence!)).toBe('pop-up');
    // The pop-up's own words are a quotation from the site.
    expect(findCapture(modal).evidence!.snippet).toContain('Get 10% off');
    const form = pageFromHtml(
      '<main>Thread<form action="/subscribe"><label>Email <input type="email" name="email"></label><button>Send me deals</button></form></main>',
      T(2),
    );
    expect(findCapture(form).found).toBe(true);
    expect(evLabel(findCapture(form).evidence!)).toBe('email capture');
    expect(findCapture(form).evidence!.snippet).toContain('Send me deals');
    const bare = pageFromHtml('<main>Thread<form action="/subscribe"><input type="email" name="email"></form></main>', T(4));
    expect(evText(findCapture(bare).evidence!)).toBe('Email capture form');
    const signIn = pageFromHtml('<main>Thread<form action="/session"><input type="email" name="email"><input type="password"></form></main>', T(3));
    expect(findCapture(signIn).found).toBe(false);
  });

  it('a consent banner, including the modal parts inside it, is not a capture pop-up', () => {
    const cmp = pageFromHtml(
      `<main>Thread</main>
       <div id="cookie-consent" role="dialog" aria-label="Cookie consent">
         <div class="modal-content"><p>We use cookies.</p><button>Accept</button><button>Reject all</button></div>
       </div>`,
      T(1),
    );
    expect(findCapture(cmp).found).toBe(false);
  });

  it('scores capture on most threads low and clean threads high', async () => {
    const producer = measure(capturePopups, [
      pageFromHtml('<main>a</main><div id="exit-intent-popup"><p>Wait! Take 15% off.</p></div>', T(1)),
      pageFromHtml('<main>b<form><input name="newsletter_email" placeholder="Your email"><button>Subscribe</button></form></main>', T(2)),
      pageFromHtml('<main>c</main>', T(3)),
    ]);
    const pm = measured(producer);
    expect(pm.value).toBeCloseTo(2 / 3);
    expectEvidence(pm, [T(1), T(2)], 'Wait! Take 15% off');
    expect(valueText(pm)).toBe('67% of 3 community pages');
    const conductor = measure(capturePopups, [pageFromHtml('<main>a</main>', T(1)), pageFromHtml('<main>b</main>', T(2))]);
    expect(measured(conductor).value).toBe(0);
    expectEvidence(measured(conductor), [T(1)], 'No pop-up or email capture on 2 community pages.');
    await expectDirection(capturePopups, producer, conductor);
  });

  it('is not applicable without community content pages', () => {
    expect(notApplicable(measure(capturePopups, [pageFromHtml('<main>x</main><div class="modal">Sign up</div>', HOME)]))).toBe(
      'No community content pages were found.',
    );
  });
});

describe('q4-site-search', () => {
  it('findSearch recognises search forms and landmarks', () => {
    const p = pageFromHtml(
      '<header><form role="search" action="/search"><input type="search" name="q" aria-label="Search the forum"></form></header><main>x</main>',
      T(1),
    );
    const e = findSearch(p)!;
    expect(e.url).toBe(T(1));
    // The tool's statement, with the form's address and label as values (no markup or attribute syntax).
    expect(e.snippet).toBeUndefined();
    expect(evText(e)).toBe('Search form (sending searches to /search): “Search the forum”');
    expect(evLabel(e)).toBe('site search');
    expect(evText(findSearch(pageFromHtml('<main>x</main><div role="search"><input type="text"></div>', T(3)))!)).toBe('Search form');
    expect(findSearch(pageFromHtml('<main>x</main>', T(2)))).toBeNull();
  });

  it('scores no search low and search everywhere high', async () => {
    const producer = measure(siteSearch, [pageFromHtml('<main>a</main>', T(1)), pageFromHtml('<main>b</main>', T(2))]);
    expect(measured(producer).value).toBe(0);
    expectEvidence(measured(producer), [T(1)], 'No search form');
    const withSearch = (n: number) => pageFromHtml('<form action="/search"><input name="q" placeholder="Search"></form><main>x</main>', T(n));
    const conductor = measure(siteSearch, [withSearch(1), withSearch(2)]);
    expect(measured(conductor).value).toBe(1);
    expectEvidence(measured(conductor), [T(1), T(2)], 'sending searches to /search');
    expect(valueText(measured(conductor))).toBe('100% of 2 pages');
    await expectDirection(siteSearch, producer, conductor);
  });

  it('is not measured without pages', () => {
    notMeasured(measure(siteSearch, []));
  });
});

describe('q4-help-reachable', () => {
  const home = (links: string) => pageFromHtml(`<main>${links}</main>`, HOME, { depth: 0 });

  it('counts a help centre on another site when the navigation links to it or it is a help desk, not a passing mention', () => {
    const footer = pageFromHtml('<main>Forum</main><footer><a href="https://acme-support.example.org/">Help Centre</a></footer>', HOME, { depth: 0 });
    expect(evText(clicksToTargets([footer], HOME).get('help')!.evidence)).toMatch(/Help Centre.*on another site/);
    const desk = home('<p>Questions? <a href="https://acme.zendesk.com/hc/en-us/requests/new">Contact us</a></p>');
    expect(clicksToTargets([desk], HOME).get('contact')!.clicks).toBe(1);
    const mention = home('<p>See the <a href="https://en.wikipedia.org/wiki/Help">help</a> article on Wikipedia.</p>');
    expect(clicksToTargets([mention], HOME).has('help')).toBe(false);
  });

  it('recognises German help and contact links, and not words that merely contain them', () => {
    const de = pageFromHtml(
      '<nav><a href="/service/fragen">Häufige Fragen</a><a href="/impressum">Kontaktformular</a></nav>',
      HOME,
      { depth: 0 },
      { lang: 'de' },
    );
    const found = clicksToTargets([de], HOME);
    expect(found.get('help')!.clicks).toBe(1);
    expect(found.get('contact')!.clicks).toBe(1);
    const neither = home('<a href="/forum/t/1">Selbsthilfegruppe</a><a href="/forum/t/2">Kontaktlinsen im Test</a>');
    expect(clicksToTargets([neither], HOME).size).toBe(0);
  });

  it('clicksToTargets counts clicks by breadth-first search from the start page', () => {
    const start = home('<a href="/forum/">Forum</a><a href="/contact.html">Contact us</a>');
    const forum = pageFromHtml('<main><a href="/help/">Help centre</a></main>', 'https://community.example.com/forum/');
    const found = clicksToTargets([start, forum], HOME);
    expect(found.get('contact')!.clicks).toBe(1);
    expect(found.get('help')!.clicks).toBe(2);
    expect(found.get('help')!.evidence.url).toBe('https://community.example.com/forum/');
    expect(evText(found.get('help')!.evidence)).toBe('“Help centre” → https://community.example.com/help/ (2 clicks from the home page)');
    expect(evLabel(found.get('help')!.evidence)).toBe('help link');
    expect(evText(found.get('contact')!.evidence)).toContain('(1 click from the home page)');
  });

  it('scores buried help low and reachable help and contact high', async () => {
    const producer = measure(
      helpReachable,
      [home('<a href="/deals/">Deals</a>'), pageFromHtml('<main><a href="/shop/">Shop</a></main>', 'https://community.example.com/deals/')],
      [],
      HOME,
    );
    const pm = measured(producer);
    expect(pm.value).toBe(0);
    expectEvidence(pm, [HOME, 'https://community.example.com/deals/'], 'No link to help or contact within two clicks of the home page (nor within three).');
    expect(valueText(pm)).toBe('0 of 2 (help: not found, contact: not found)');
    const conductor = measure(helpReachable, [home('<a href="/help/">Help</a> <a href="/contact-us">Get in touch</a>')], [], HOME);
    const cm = measured(conductor);
    expect(cm.value).toBe(2);
    expectEvidence(cm, [HOME], 'Get in touch');
    expect(valueText(cm)).toBe('2 of 2 (help: 1 click, contact: 1 click)');
    await expectDirection(helpReachable, producer, conductor);
  });

  it('is not measured without the start page', () => {
    notMeasured(measure(helpReachable, [pageFromHtml('<main><a href="/help/">Help</a></main>', T(1))], [], HOME));
    notMeasured(measure(helpReachable, [], [], HOME));
  });
});

// The scoring of these two is tested in more-signals.test.ts; here: what they say, as messages.
describe('q4-wrapped-links, in words', () => {
  it('words the wrapped link, the value and the reasons', () => {
    const page = pageFromHtml(
      '<main><p><a href="/out?url=https%3A%2F%2Fwww.rei.com%2F">REI</a> <a href="/leaving?to=https://parktool.com"></a> <a href="https://ifixit.com/">iFixit</a></p></main>',
      T(1),
    );
    const e = inspectOutbound(page)!.evidence!;
    expect(evText(e)).toBe('“REI” → https://community.example.com/out?url=https%3A%2F%2Fwww.rei.com%2F');
    expect(evLabel(e)).toBe('wrapped outbound link');
    expect(say(e.note, 'de')).toBe('„REI“ → https://community.example.com/out?url=https%3A%2F%2Fwww.rei.com%2F');
    expect(valueText(measure(wrappedLinks, [page]))).toBe('67% of 3 outbound links are wrapped in redirects');
    const direct = pageFromHtml(
      '<main><p><a href="https://rei.com/">REI</a> <a href="https://ifixit.com/">i</a> <a href="https://x.org/">x</a></p></main>',
      T(2),
    );
    expectEvidence(measured(measure(wrappedLinks, [direct])), [T(2)], 'All 3 outbound links in content are direct.');
    expect(notMeasured(measure(wrappedLinks, [pageFromHtml('<main><a href="https://rei.com/">REI</a></main>', T(3))]))).toBe(
      'Fewer than 3 links to other websites in page content (1 found).',
    );
  });
});

describe('q4-works-without-scripts, in words', () => {
  it('describes an app shell, a noscript wall and the served view without markup', () => {
    const shell = pageFromHtml('<div id="root"></div><script src="/app.js"></script>', T(1));
    const shellText = evText(inspectScriptless(shell)!.evidence);
    expect(shellText).toBe('An empty app shell (a page container that only scripts fill); 0 words of text without scripts');
    expect(shellText).not.toMatch(/[<>#]|id=/);
    expect(evLabel(inspectScriptless(shell)!.evidence)).toBe('needs scripts');
    const wall = pageFromHtml('<div>x</div><noscript>You need to enable JavaScript to run this app.</noscript>', T(2));
    expect(evText(inspectScriptless(wall)!.evidence)).toMatch(
      /^The message shown to readers without scripts: “You need to enable JavaScript to run this app\.”; \d+ words? of text without scripts$/,
    );
    const served = pageFromHtml(`<main><p>${filler(60)}</p></main>`, T(3), {
      renderMode: 'browser',
      served: { textChars: 0, needsScripts: true, note: 'static HTML had 0 characters of text and an empty #root app shell' },
    });
    expect(evText(inspectScriptless(served)!.evidence)).toBe('As served, before scripts: 0 characters of text, so the content appears only once scripts run.');
    const doc = pageFromHtml(`<main><p>${filler(60)}</p></main>`, T(4), {}, { title: 'Chain skips' });
    expect(evText(inspectScriptless(doc)!.evidence)).toMatch(/^Chain skips: \d+ words readable in the HTML$/);
    const m = measured(measure(worksWithoutScripts, [shell, doc]));
    expect(valueText(m)).toBe('50% of 2 pages usable without scripts');
    expect(say(m.display, 'de').replace(/\u00a0/g, ' ')).toBe('50 % der 2 Seiten ohne Skripte nutzbar');
    expect(notMeasured(measure(worksWithoutScripts, [pageFromHtml('<main><p>x</p></main>', T(5), { renderMode: 'browser' })]))).toMatch(
      /^Every page was rendered in a browser, .*automatic or static mode/,
    );
  });
});
