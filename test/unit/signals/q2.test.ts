import { describe, expect, it } from 'vitest';
import possessiveLanguage from '../../../src/signals/q2/possessive-language.js';
import outboundLinks, { referenceLinks } from '../../../src/signals/q2/outbound-links.js';
import openFormats, { findOpenFormats } from '../../../src/signals/q2/open-formats.js';
import licenceGrab from '../../../src/signals/q2/licence-grab.js';
import exclusivity from '../../../src/signals/q2/exclusivity.js';
import openIdentity, { inspectIdentity } from '../../../src/signals/q2/open-identity.js';
import { filler, measure, pageFromHtml } from '../../helpers/page.js';
import { say } from '../../../src/report/messages.js';
import { evLabel, evText, expectDirection, expectEvidence, measured, notApplicable, notMeasured, valueText } from './score-helpers.js';

const T = (n: number) => `https://community.example.com/forum/t/${n}`;
const TERMS = 'https://community.example.com/terms.html';

describe('q2-possessive-language', () => {
  it('scores possessive framing low and plain talk high, per 1,000 words', async () => {
    // My‹Brand› counts with the site's own name: MyMegaMart on megamart's community.
    const M = (n: number) => `https://community.megamart.example/forum/t/${n}`;
    const producer = measure(possessiveLanguage, [
      pageFromHtml(`<main><p>Our customers love MyMegaMart. Deals exclusive to MegaMart members. ${filler(120)}</p></main>`, M(1)),
      pageFromHtml(`<main><p>Thank you to our members. ${filler(120)}</p></main>`, M(2)),
    ]);
    const pm = measured(producer);
    expect(pm.value).toBeGreaterThan(8);
    expect(valueText(pm)).toMatch(/^\d+(\.\d)? per 1,000 words of the brand’s text \(\d+ in \d+ words\)$/);
    expectEvidence(pm, [M(1), M(2)], 'Our customers');
    expect(pm.evidence.map(evLabel)).toEqual(['“MyMegaMart”', '“our members”']);
    const conductor = measure(possessiveLanguage, [pageFromHtml(`<main><p>${filler(300)}</p></main>`, T(3))]);
    expect(measured(conductor).value).toBe(0);
    expectEvidence(measured(conductor), [T(3)], 'No possessive phrases');
    expect(evText(measured(conductor).evidence[0]!)).toBe('No possessive phrases in 300 words of the brand’s own text.');
    expect(valueText(conductor)).toBe('0 per 1,000 words of the brand’s text (0 in 300 words)');
    await expectDirection(possessiveLanguage, producer, conductor);
  });

  it('is not measured on too little English text, nor on text in a language without a lexicon', () => {
    notMeasured(measure(possessiveLanguage, [pageFromHtml('<main><p>Our customers first.</p></main>', T(1))]));
    notMeasured(
      measure(possessiveLanguage, [pageFromHtml(`<main><p>Nos clients. ${filler(400, 'la chaîne saute en montée')}</p></main>`, T(2), {}, { lang: 'fr' })]),
    );
  });
});

describe('q2-outbound-links', () => {
  it('referenceLinks drops share intents, OAuth and sponsored links', () => {
    const p = pageFromHtml(
      `<main><a href="https://twitter.com/intent/tweet?text=x">Tweet</a>
       <a href="https://accounts.google.com/o/oauth2/auth">Google</a>
       <a href="https://ads.example.net/x" rel="sponsored">Ad</a>
       <a href="https://www.sheldonbrown.com/derailer-adjustment.html">Sheldon Brown on derailleurs</a>
       <a href="/forum/t/2">internal</a></main>`,
      T(1),
    );
    expect(referenceLinks(p.links).map((l) => l.href)).toEqual(['https://www.sheldonbrown.com/derailer-adjustment.html']);
  });

  it('scores walled-in threads low and threads that link out high', async () => {
    const closed = [1, 2, 3].map((n) => pageFromHtml('<main><p>Ask in store.</p><a href="/deals/">See deals</a></main>', T(n)));
    const producer = measure(outboundLinks, closed);
    expect(measured(producer).value).toBe(0);
    expectEvidence(measured(producer), [T(1)], 'None of 3 community pages');
    expect(evText(measured(producer).evidence[0]!)).toBe('None of 3 community pages links to another website.');
    expect(valueText(producer)).toBe('0% of 3 community pages link out (0 other domains)');
    const open = [1, 2].map((n) =>
      pageFromHtml('<main><p>See <a href="https://www.parktool.com/en-us/blog/repair-help">Park Tool repair help</a>.</p></main>', T(n)),
    );
    const conductor = measure(outboundLinks, open);
    const cm = measured(conductor);
    expect(cm.value).toBe(1);
    expectEvidence(cm, [T(1), T(2)], 'Park Tool repair help');
    expect(evText(cm.evidence[0]!)).toBe('“Park Tool repair help” links to www.parktool.com.');
    expect(evLabel(cm.evidence[0]!)).toBe('outbound link');
    expect(valueText(cm)).toBe('100% of 2 community pages link out (1 other domain)');
    await expectDirection(outboundLinks, producer, conductor);
  });

  it('is not applicable without community content pages', () => {
    notApplicable(measure(outboundLinks, [pageFromHtml('<main><a href="https://example.org/">x</a></main>', 'https://community.example.com/')]));
  });
});

describe('q2-open-formats', () => {
  it('findOpenFormats finds a feed, share links, data export and an API link', () => {
    const p = pageFromHtml(
      `<main><a href="https://bsky.app/intent/compose?text=hi">Share on Bluesky</a>
        <a href="/account/export">Download your data</a>
        <a href="/developers/">Public API documentation</a></main>`,
      T(1),
      {},
      { head: '<link rel="alternate" type="application/rss+xml" href="/forum/feed.xml">' },
    );
    const f = findOpenFormats(p);
    expect([...f.keys()].sort()).toEqual(['api', 'export', 'feed', 'share']);
    // The tool says what the page offers; no markup or file names.
    expect(evText(f.get('feed')!)).toBe('The page offers a news feed (RSS).');
    expect(evLabel(f.get('feed')!)).toBe('news feed');
    expect(evText(f.get('share')!)).toBe('“Share on Bluesky” shares the page on bsky.app.');
    expect(f.get('export')!.snippet).toBe('Download your data');
    expect(f.get('api')!.snippet).toBe('Public API documentation');
    expect(evLabel(f.get('api')!)).toBe('public API');
    expect(f.get('api')!.url).toBe(T(1));
  });

  it('finds a data export offered in German', () => {
    const p = pageFromHtml('<main><p><a href="/konto/export">Deine Daten herunterladen</a></p></main>', T(2), {}, { lang: 'de' });
    expect(findOpenFormats(p).get('export')!.snippet).toContain('Deine Daten herunterladen');
  });

  it('scores none low and several high', async () => {
    const producer = measure(openFormats, [pageFromHtml('<main><p>Nothing to take away.</p></main>', T(1))]);
    expect(measured(producer).value).toBe(0);
    expect(valueText(producer)).toBe('0 of 4');
    expect(evText(measured(producer).evidence[0]!)).toBe('Checked 1 page: no feed, share link, data export or API.');
    const conductor = measure(openFormats, [
      pageFromHtml(
        '<main><a href="https://www.reddit.com/submit?url=x">Share to Reddit</a></main>',
        T(1),
        {},
        { head: '<link rel="alternate" type="application/atom+xml" href="/feed.atom">' },
      ),
      pageFromHtml('<main><a href="/settings/export">Export your posts</a></main>', T(2)),
    ]);
    const cm = measured(conductor);
    expect(cm.value).toBe(3);
    expect(valueText(cm)).toBe('3 of 4 (news feed, share links and data export); missing public API');
    expect(evText(cm.evidence.find((e) => evLabel(e) === 'news feed')!)).toBe('The page offers a news feed (Atom).');
    expectEvidence(cm, [T(1), T(2)], 'Export your posts');
    await expectDirection(openFormats, producer, conductor);
  });

  it('is not measured without pages', () => {
    notMeasured(measure(openFormats, []));
  });
});

const grabTerms = `<main><h1>Terms of Use</h1>
  <p>By posting, you grant MegaMart a perpetual, irrevocable, worldwide, royalty-free, sublicensable licence to use, copy and adapt your content.</p>
  <p>Ideas you submit become the sole property of MegaMart.</p></main>`;
const fairTerms = `<main><h1>Terms of Use</h1>
  <p>You keep ownership of everything you post. You give us permission to display your posts on this forum, and you can delete them at any time.</p></main>`;

describe('q2-licence-grab', () => {
  it('scores a perpetual licence plus ownership transfer low and author-keeps-ownership high', async () => {
    const producer = measure(licenceGrab, [pageFromHtml(grabTerms, TERMS), pageFromHtml('<main>x</main>', T(1))]);
    const pm = measured(producer);
    expect(pm.value).toBe(5 + 2);
    expect(valueText(pm)).toBe('licence terms: irrevocable, perpetual, royalty-free, sublicensable and worldwide; content becomes the brand’s property');
    expectEvidence(pm, [TERMS], 'perpetual, irrevocable');
    expect(pm.evidence.some((e) => evText(e).includes('sole property of MegaMart') && evLabel(e) === 'ownership transfer')).toBe(true);
    const conductor = measure(licenceGrab, [pageFromHtml(fairTerms, TERMS)]);
    const cm = measured(conductor);
    expect(cm.value).toBe(0);
    expect(valueText(cm)).toBe('authors keep ownership; no broad licence');
    expectEvidence(cm, [TERMS], 'You keep ownership');
    await expectDirection(licenceGrab, producer, conductor);
  });

  it('breadth words outside a grant sentence do not count', () => {
    const p = pageFromHtml('<main><h1>Terms of Use</h1><p>Our worldwide community is free. You keep ownership of your posts.</p></main>', TERMS);
    const m = measured(measure(licenceGrab, [p]));
    expect(m.value).toBe(0);
    expect(evLabel(m.evidence[0]!)).toBe('author keeps ownership');
  });

  it('words the licence in the reader’s language', () => {
    const m = measured(measure(licenceGrab, [pageFromHtml(grabTerms, TERMS)]));
    expect(say(m.display, 'de')).toBe(
      'Lizenzbedingungen: unwiderruflich, unbefristet, unentgeltlich, unterlizenzierbar und weltweit; Inhalte werden Eigentum der Marke',
    );
    const none = measured(measure(licenceGrab, [pageFromHtml('<main><h1>Terms of Use</h1><p>Be kind.</p></main>', TERMS)]));
    expect(valueText(none)).toBe('no broad licence found');
    expect(evText(none.evidence[0]!)).toBe('The terms grant no perpetual or irrevocable licence and transfer no ownership.');
  });

  it('is not measured without a terms page, nor on terms in a language without a lexicon', () => {
    notMeasured(measure(licenceGrab, [pageFromHtml('<main>x</main>', T(1))]));
    const fr = pageFromHtml(
      '<main><h1>Conditions d’utilisation</h1><p>Vous nous accordez une licence perpétuelle et irrévocable.</p></main>',
      'https://community.example.com/conditions',
      {},
      { lang: 'fr' },
    );
    expect(fr.type).toBe('terms');
    notMeasured(measure(licenceGrab, [fr]));
  });
});

describe('q2-exclusivity: its words', () => {
  const p = (n: number, extra: string) => pageFromHtml(`<main><p>${filler(30)} ${extra}</p></main>`, `https://community.example.com/page-${n}`);
  it('says the share of pages and quotes the framing', () => {
    const m = measured(measure(exclusivity, [p(1, 'Exclusive deals for you.'), p(2, '')]));
    expect(valueText(m)).toBe('50% of 2 pages use exclusivity framing');
    expect(evLabel(m.evidence[0]!)).toBe('exclusivity');
    expect(m.evidence[0]!.snippet).toContain('Exclusive deals');
    expect(say(m.display, 'de')).toBe('50\u00a0% von 2 Seiten nutzen Exklusivitäts-Rahmung');
    const none = measured(measure(exclusivity, [p(3, '')]));
    expect([evText(none.evidence[0]!), evLabel(none.evidence[0]!)]).toEqual(['No exclusivity framing on 1 page.', 'no exclusivity']);
  });
});

describe('q2-open-identity: its words', () => {
  const post = (author: string) => `<article class="post"><header><span class="author">${author}</span></header><p>Hi</p></article>`;
  it('names where an identity links, and a closed identity by its page', () => {
    const open = pageFromHtml(`<main>${post('ann <a href="https://ann.example.org/" rel="me">ann’s site</a>')}</main>`, T(1));
    const closed = pageFromHtml(`<main>${post('<a href="/u/bob">bob</a>')}</main>`, T(2), {}, { title: 'Brakes' });
    const m = measured(measure(openIdentity, [open, closed]));
    expect(valueText(m)).toBe('50% of 2 pages with member identities link to other sites');
    const texts = m.evidence.map((e) => [evLabel(e), evText(e)]);
    expect(texts).toEqual([
      ['identity links elsewhere', '“ann’s site” links to ann.example.org.'],
      ['closed identity', 'On “Brakes”, member identities have no link off the site.'],
    ]);
    const profile = pageFromHtml(
      '<main><h1>carol</h1></main>',
      'https://community.example.com/u/carol',
      {},
      { head: '<link rel="me" href="https://mastodon.social/@carol">' },
    );
    expect(evText(inspectIdentity(profile)!.evidence)).toBe('A member’s link to mastodon.social.');
    expect(notApplicable(measure(openIdentity, [pageFromHtml('<main><p>Plain</p></main>', 'https://community.example.com/')]))).toBe(
      'No member profiles or post authors were shown.',
    );
  });
});
