// Signals added for issue 4: each in both directions and with no evidence.
import { describe, expect, it } from 'vitest';
import threadsAnswered, { inspectAnswers } from '../../../src/signals/q1/threads-answered.js';
import exclusivity from '../../../src/signals/q2/exclusivity.js';
import openIdentity, { inspectIdentity } from '../../../src/signals/q2/open-identity.js';
import expertAnswers, { findExpertAnswer } from '../../../src/signals/q3/expert-answers.js';
import originalContent from '../../../src/signals/q3/original-content.js';
import guidesPresent, { inspectGuide } from '../../../src/signals/q3/guides-present.js';
import wrappedLinks, { isWrapped } from '../../../src/signals/q4/wrapped-links.js';
import worksWithoutScripts, { inspectScriptless } from '../../../src/signals/q4/works-without-scripts.js';
import incentivesDisclosed from '../../../src/signals/q5/incentives-disclosed.js';
import brandVoiceShare, { brandToken } from '../../../src/signals/q5/brand-voice-share.js';
import contactOptions from '../../../src/signals/q5/contact-options.js';
import { doc, filler, measure, pageFromHtml, snapshotFromHtml } from '../../helpers/page.js';
import { classifyRole } from '../../../src/signals/q3/help-vs-sell.js';
import { runSignalsOnSite } from '../../../src/signals/run-signals.js';
import { evLabel, evText, expectDirection, expectEvidence, measured, notMeasured, notApplicable, valueText } from './score-helpers.js';

const T = (n: number) => `https://community.example.com/forum/t/${n}`;
const R = (n: number) => `https://community.example.com/reviews/item-${n}`;
const G = (n: number) => `https://community.example.com/guides/guide-${n}`;
const HOME = 'https://community.example.com/';

const post = (author: string, text: string, extra = '', cls = 'post') =>
  `<article class="${cls}"><header><span class="author">${author}</span>${extra}</header><p>${text}</p></article>`;

describe('q1-threads-answered', () => {
  const answered = (n: number) =>
    pageFromHtml(`<main><h1>Q${n}</h1>${post('ann', 'My brakes squeal.')}${post('bob', 'Clean the rotor with alcohol.')}</main>`, T(n));
  const lonely = (n: number) => pageFromHtml(`<main><h1>Q${n}</h1>${post('ann', 'Anyone? My brakes squeal.')}</main>`, T(n));

  it('counts replies from posts and from schema.org answerCount/acceptedAnswer', () => {
    expect(inspectAnswers(answered(1))).toMatchObject({ answers: 1, source: 'posts' });
    expect(inspectAnswers(lonely(2))).toMatchObject({ answers: 0, source: 'posts' });
    const ld = {
      '@context': 'https://schema.org',
      '@graph': [{ '@type': 'QAPage', mainEntity: { '@type': 'Question', name: 'x', answerCount: 3, acceptedAnswer: { '@type': 'Answer', text: 'y' } } }],
    };
    const schema = pageFromHtml('<main><h1>Q</h1><p>Text</p></main>', T(3), {}, { head: `<script type="application/ld+json">${JSON.stringify(ld)}</script>` });
    expect(inspectAnswers(schema)).toMatchObject({ answers: 3, source: 'schema.org' });
    const walled = pageFromHtml('<main><p>Intro</p><p>Sign in to read the full discussion.</p></main>', T(4));
    expect(inspectAnswers(walled)).toMatchObject({ answers: 0, source: 'wall' });
  });

  it('scores answered communities high and unanswered ones low', async () => {
    const producer = measure(threadsAnswered, [lonely(1), lonely(2), lonely(3), answered(4)]);
    expect(measured(producer).value).toBeCloseTo(0.25);
    expectEvidence(measured(producer), [T(1), T(2), T(3), T(4)], '0 replies');
    const conductor = measure(threadsAnswered, [answered(1), answered(2), answered(3)]);
    await expectDirection(threadsAnswered, producer, conductor);
  });

  it('is not applicable without threads', () => {
    notApplicable(measure(threadsAnswered, [pageFromHtml('<main>Welcome</main>', HOME)]));
  });
});

describe('q2-exclusivity', () => {
  const p = (n: number, extra: string) => pageFromHtml(`<main><p>${filler(30)} ${extra}</p></main>`, `${HOME}page-${n}`);
  it('moves with the share of pages that fence access', async () => {
    const producer = measure(exclusivity, [p(1, 'Exclusive deals and VIP pricing, only at MegaMart.'), p(2, 'Early access for insiders.'), p(3, '')]);
    expect(measured(producer).value).toBeCloseTo(2 / 3);
    expectEvidence(measured(producer), [`${HOME}page-1`, `${HOME}page-2`, `${HOME}page-3`], /exclusive deals|early access/i);
    const conductor = measure(exclusivity, [p(1, ''), p(2, ''), p(3, 'Ask anything, whoever made your bike.')]);
    await expectDirection(exclusivity, producer, conductor);
  });
  it('is not measured for a language without a word list', () => {
    const fr = pageFromHtml(`<main><p>${filler(30, 'réservé aux membres offres exclusives aujourd’hui')}</p></main>`, HOME, {}, { lang: 'fr' });
    notMeasured(measure(exclusivity, [fr]));
  });
});

describe('q2-open-identity', () => {
  const withLink = (n: number) => pageFromHtml(`<main>${post('ann <a href="https://ann.example.org/" rel="me">ann.example.org</a>', 'Hi')}</main>`, T(n));
  const closed = (n: number) => pageFromHtml(`<main>${post('<a href="/u/bob">bob</a>', 'Hi')}</main>`, T(n));
  it('finds author links to other sites and profile rel=me', () => {
    expect(inspectIdentity(withLink(1))!.open).toBe(true);
    expect(inspectIdentity(closed(2))!.open).toBe(false);
    const profile = pageFromHtml(
      '<main><h1>carol</h1><p>Rides in Leeds.</p></main>',
      'https://community.example.com/u/carol',
      {},
      { head: '<link rel="me" href="https://mastodon.social/@carol">' },
    );
    expect(inspectIdentity(profile)!.open).toBe(true);
    // The brand's own rel=me in the footer is not a member's identity.
    const footer = pageFromHtml(
      `<main>${post('<a href="/u/bob">bob</a>', 'Hi')}</main><footer><a rel="me" href="https://mastodon.social/@brand">Mastodon</a></footer>`,
      T(3),
    );
    expect(inspectIdentity(footer)!.open).toBe(false);
  });
  it('scores open identities high, closed ones low', async () => {
    const producer = measure(openIdentity, [closed(1), closed(2), closed(3)]);
    const conductor = measure(openIdentity, [withLink(1), withLink(2), closed(3)]);
    expectEvidence(measured(conductor), [T(1), T(2), T(3)], 'ann.example.org');
    await expectDirection(openIdentity, producer, conductor);
  });
  it('is not applicable without profiles or authors', () => {
    notApplicable(measure(openIdentity, [pageFromHtml('<main><p>Plain page</p></main>', HOME)]));
  });
});

describe('q3-expert-answers', () => {
  const accepted = (n: number) => pageFromHtml(`<main>${post('ann', 'Q?')}${post('bob', 'Do this.', '<span class="badge">Solution</span>')}</main>`, T(n));
  const staff = (n: number) => pageFromHtml(`<main>${post('ann', 'Q?')}${post('Ruth', 'Staff answer.', '<span class="badge">Staff</span>')}</main>`, T(n));
  const plain = (n: number) => pageFromHtml(`<main>${post('ann', 'Q?')}${post('bob', 'Maybe this.')}</main>`, T(n));
  it('finds accepted marks, staff answers and schema.org acceptedAnswer', () => {
    expect(evLabel(findExpertAnswer(accepted(1))!.evidence!)).toBe('accepted answer');
    expect(evLabel(findExpertAnswer(staff(2))!.evidence!)).toBe('staff answer');
    expect(findExpertAnswer(plain(3))!.evidence).toBeNull();
    const ld = { '@type': 'QAPage', mainEntity: { '@type': 'Question', acceptedAnswer: { '@type': 'Answer', text: 'x' } } };
    const schema = pageFromHtml('<main><p>Q</p></main>', T(4), {}, { head: `<script type="application/ld+json">${JSON.stringify(ld)}</script>` });
    expect(evText(findExpertAnswer(schema)!.evidence!)).toContain('an answer marked as accepted');
  });
  it('scores settled threads high, unsettled low', async () => {
    const producer = measure(expertAnswers, [plain(1), plain(2), plain(3), plain(4)]);
    const conductor = measure(expertAnswers, [accepted(1), staff(2), plain(3)]);
    expectEvidence(measured(conductor), [T(1), T(2), T(3)], 'Do this');
    await expectDirection(expertAnswers, producer, conductor);
  });
  it('is not applicable without threads', () => {
    notApplicable(measure(expertAnswers, [pageFromHtml('<main>Welcome</main>', HOME)]));
  });
});

describe('q3-original-content', () => {
  const banner = 'Save twenty percent on every blender this week only. Join the club for members prices on all kitchen gear.';
  it('measures the share of words in sentences found on one page only', async () => {
    const boiler = [1, 2, 3].map((n) => pageFromHtml(`<main><p>${banner}</p><p>Thread number ${n} asks one thing here.</p></main>`, T(n)));
    const producer = measure(originalContent, boiler);
    expect(measured(producer).value).toBeLessThan(0.4);
    expectEvidence(measured(producer), [T(1), T(2), T(3)], 'on 3 pages');
    const own = [
      'The chain skips in the two biggest cogs when I climb. Cleaning did not help at all.',
      'Set the B-tension screw first. Then check the hanger alignment with a gauge.',
      'Tubeless sealant dries out after about four months. Top it up before winter rides.',
    ].map((t, i) =>
      pageFromHtml(`<main><p>${t} ${filler(10, ['alpha beta gamma delta', 'red green blue violet', 'north south east west'][i]!)}</p></main>`, T(i + 1)),
    );
    const conductor = measure(originalContent, own);
    expect(measured(conductor).value).toBeGreaterThan(0.9);
    await expectDirection(originalContent, producer, conductor);
  });
  it('is not measured with fewer than two pages of content', () => {
    notMeasured(measure(originalContent, [pageFromHtml(`<main><p>${filler(40)}</p></main>`, T(1))]));
  });
});

describe('q3-guides-present', () => {
  const guide = (n: number) =>
    pageFromHtml('<main><h1>How to fix a puncture</h1><ol><li>Remove the wheel.</li><li>Find the hole.</li><li>Patch it.</li></ol></main>', G(n));
  const deal = (n: number) => pageFromHtml('<main><h1>How to save 20% today</h1><p>Shop the sale.</p></main>', `https://community.example.com/deals/d${n}`);
  it('finds HowTo markup, guides with steps and numbered step headings, not a "How to save" promo', () => {
    expect(inspectGuide(guide(1))!.guide).toBe(true);
    expect(inspectGuide(deal(1))!.guide).toBe(false);
    const numbered = pageFromHtml('<main><h1>Brake bleed</h1><h2>1. Prepare</h2><h2>2. Push fluid</h2><h2>3. Close</h2></main>', G(2));
    expect(inspectGuide(numbered)!.guide).toBe(true);
    const howto = pageFromHtml('<main><p>x</p></main>', `${HOME}x`, {}, { head: '<script type="application/ld+json">{"@type":"HowTo","name":"x"}</script>' });
    // The page's how-to markup is named in words, not by its schema.org type.
    expect(evText(inspectGuide(howto)!.evidence!)).toBe('Test page: marked up as a how-to');
  });
  it('scores a site of guides high and a site of deals low', async () => {
    const producer = measure(guidesPresent, [deal(1), deal(2), deal(3), deal(4)]);
    const conductor = measure(guidesPresent, [guide(1), guide(2), deal(3)]);
    expectEvidence(measured(conductor), [G(1), G(2), `https://community.example.com/deals/d3`], '3 steps');
    await expectDirection(guidesPresent, producer, conductor);
  });
  it('is not measured when only sign-in and legal pages were fetched', () => {
    notMeasured(measure(guidesPresent, [pageFromHtml('<main><p>Sign in</p></main>', 'https://community.example.com/login')]));
  });
});

describe('q4-wrapped-links', () => {
  const wrappedPage = (n: number) =>
    pageFromHtml(
      `<main><p><a href="/out?url=https%3A%2F%2Fwww.rei.com%2F">REI</a> <a href="https://l.community.example.com/?u=https%3A%2F%2Fifixit.com">iFixit</a> <a href="/leaving?to=https://parktool.com">Park</a></p></main>`,
      T(n),
    );
  const directPage = (n: number) =>
    pageFromHtml(
      `<main><p><a href="https://www.rei.com/">REI</a> <a href="https://ifixit.com/">iFixit</a> <a href="https://reddit.com/submit?url=x">share</a></p></main>`,
      T(n),
    );
  it('tells redirectors from direct links and share intents', () => {
    const [a, b, c] = wrappedPage(1).links;
    expect([a, b, c].map((l) => isWrapped(l!))).toEqual([true, true, true]);
    expect(directPage(2).links.map(isWrapped)).toEqual([false, false, false]);
  });
  it('scores wrapped departures low and direct links high', async () => {
    const producer = measure(wrappedLinks, [wrappedPage(1), wrappedPage(2)]);
    expect(measured(producer).value).toBe(1);
    expectEvidence(measured(producer), [T(1), T(2)], '/out?url=');
    const conductor = measure(wrappedLinks, [directPage(1), directPage(2)]);
    await expectDirection(wrappedLinks, producer, conductor);
  });
  it('is not measured with fewer than three outbound links', () => {
    notMeasured(measure(wrappedLinks, [pageFromHtml('<main><a href="https://rei.com/">REI</a></main>', T(1))]));
  });
});

describe('q4-works-without-scripts', () => {
  const shell = (n: number) =>
    pageFromHtml('<div id="root"></div><noscript>You need to enable JavaScript to run this app.</noscript><script src="/app.js"></script>', T(n));
  const docPage = (n: number) => pageFromHtml(`<main><p>${filler(60)}</p></main>`, T(n));
  it('flags empty app shells and noscript walls', () => {
    expect(inspectScriptless(shell(1))!.usable).toBe(false);
    expect(inspectScriptless(docPage(2))!.usable).toBe(true);
  });
  it('scores app shells low and documents high', async () => {
    const producer = measure(worksWithoutScripts, [shell(1), shell(2), docPage(3)]);
    expectEvidence(measured(producer), [T(1), T(2), T(3)], 'empty app shell');
    const conductor = measure(worksWithoutScripts, [docPage(1), docPage(2)]);
    await expectDirection(worksWithoutScripts, producer, conductor);
  });
  it('is not measured without a home page or community pages', () => {
    notMeasured(measure(worksWithoutScripts, [pageFromHtml('<main>Terms</main>', 'https://community.example.com/terms')]));
  });
  it('judges a browser-rendered page by the HTML as served, and does not judge it when that was not kept', () => {
    // The rendered DOM is full of text either way; only the served view tells whether scripts were needed.
    const rendered = (n: number, served?: { textChars: number; needsScripts: boolean; note: string }) =>
      pageFromHtml(`<main><p>${filler(60)}</p></main>`, T(n), { renderMode: 'browser', ...(served ? { served } : {}) });
    const wall = rendered(1, { textChars: 0, needsScripts: true, note: 'static HTML had 0 characters of text and an empty #root app shell' });
    expect(inspectScriptless(wall)).toMatchObject({ usable: false });
    // The served view in words: no selector of the app container.
    expect(evText(inspectScriptless(wall)!.evidence)).toBe('As served, before scripts: 0 characters of text, so the content appears only once scripts run.');
    expect(inspectScriptless(rendered(2, { textChars: 900, needsScripts: false, note: 'static HTML had 900 characters of text' }))).toMatchObject({
      usable: true,
    });
    expect(inspectScriptless(rendered(3))).toBeNull();
    const m = measure(worksWithoutScripts, [rendered(3), rendered(4)]);
    expect(notMeasured(m)).toMatch(/rendered in a browser/);
  });
});

describe('q5-incentives-disclosed', () => {
  const offer = pageFromHtml('<main><p>Write a review and earn 100 points for every approved review.</p></main>', `${HOME}rewards`);
  const undisclosed = (n: number) => pageFromHtml('<main><h1>Great blender</h1><p>I love it, five stars.</p></main>', R(n));
  const disclosed = (n: number) =>
    pageFromHtml(
      '<main><h1>Great blender</h1><p>I love it.</p><p class="note">This reviewer received this product for free in exchange for an honest review.</p></main>',
      R(n),
    );
  it('scores undisclosed paid reviews low and disclosed ones high', async () => {
    const producer = measure(incentivesDisclosed, [offer, undisclosed(1), undisclosed(2)]);
    expect(measured(producer).value).toBe(0);
    expectEvidence(measured(producer), [`${HOME}rewards`, R(1), R(2)], 'earn 100 points');
    const conductor = measure(incentivesDisclosed, [offer, disclosed(1), disclosed(2)]);
    expectEvidence(measured(conductor), [`${HOME}rewards`, R(1), R(2)], 'in exchange for an honest review');
    await expectDirection(incentivesDisclosed, producer, conductor);
  });
  it('is not applicable when no incentive is seen anywhere', () => {
    notApplicable(measure(incentivesDisclosed, [undisclosed(1), undisclosed(2)]));
  });
});

describe('q5-brand-voice-share', () => {
  it('reads the brand from the host name', () => {
    expect(brandToken('https://community.megamart.com/forum')).toBe('megamart');
    expect(brandToken('https://forum.example.co.uk/')).toBe('example');
  });
  const brandy = (n: number) =>
    pageFromHtml(
      `<main>${post('MegaMart Team', 'Check our deals!')}${post('MegaMart Official', 'Buy now')}${post('jo', 'ok')}</main>`,
      `https://community.megamart.com/forum/t/${n}`,
    );
  const members = (n: number) =>
    pageFromHtml(
      `<main>${post('ann', 'Q?')}${post('bob', 'Try this.')}${post('cy', 'Worked for me.')}${post('Ruth', 'Confirmed.', '<span class="badge">Staff</span>')}</main>`,
      `https://community.megamart.com/forum/t/${n}`,
    );
  it('scores brand-dominated threads low and member threads high', async () => {
    const producer = measure(brandVoiceShare, [brandy(1), brandy(2)]);
    expect(measured(producer).value).toBeCloseTo(4 / 6, 2);
    expectEvidence(measured(producer), ['https://community.megamart.com/forum/t/1', 'https://community.megamart.com/forum/t/2'], 'MegaMart Team');
    const conductor = measure(brandVoiceShare, [members(1), members(2)]);
    expect(measured(conductor).value).toBeCloseTo(0.25);
    await expectDirection(brandVoiceShare, producer, conductor);
  });
  it('is not measured when no post shows an author', () => {
    notMeasured(measure(brandVoiceShare, [pageFromHtml('<main><article class="post"><p>anon</p></article></main>', T(1))]));
  });
});

describe('q5-contact-options', () => {
  const contact = pageFromHtml(
    `<main><h1>Contact</h1><a href="mailto:hi@example.com">Email</a> <a href="tel:+441234567890">Call</a><address>1 Mill Lane, Leeds LS1 2AB</address>
     <form action="/contact/send"><textarea name="message"></textarea></form></main><script src="https://widget.intercom.io/widget/abc"></script>`,
    'https://community.example.com/contact',
  );
  it('counts the kinds of contact across the site', async () => {
    const conductor = measure(contactOptions, [contact, pageFromHtml('<main>x</main>', HOME)]);
    expect(measured(conductor).value).toBe(5);
    // The address itself, not the link's mailto: scheme (markup).
    expectEvidence(measured(conductor), ['https://community.example.com/contact'], 'hi@example.com');
    expect(measured(conductor).evidence.map(evLabel)).toEqual(['email', 'phone', 'postal address', 'contact form', 'live chat']);
    expect(valueText(conductor)).toBe('5 kinds of contact: contact form, email, live chat, phone and postal address');
    expect(measured(conductor).evidence.map(evText)).not.toContain('mailto:hi@example.com');
    const producer = measure(contactOptions, [pageFromHtml('<main><p>Shop now</p></main>', HOME)]);
    expect(measured(producer).value).toBe(0);
    await expectDirection(contactOptions, producer, conductor);
  });
  it('is not measured without pages', () => {
    notMeasured(measure(contactOptions, []));
  });
});

describe('changes to existing signals and the run', () => {
  it('q3-help-vs-sell leaves walled threads out, and ignores offers in a sidebar or pop-up', () => {
    expect(classifyRole(pageFromHtml('<main><p>Intro</p><p>Sign in to read the full discussion.</p></main>', T(1))).role).toBe('neither');
    const thread = pageFromHtml(
      `<main>${post('ann', 'My tent drips inside every morning.')}${post('bob', 'Open both vents.')}<aside>Shop now! Buy now! Add to cart. $9.99 $19.99 $29.99</aside></main>`,
      T(2),
    );
    expect(classifyRole(thread).role).toBe('helps');
  });

  it('runSignalsOnSite returns the platforms recognised on the site beside the runs', () => {
    const html = doc(`<main><p>${filler(80)}</p></main>`, { head: '<meta name="generator" content="Discourse 3.4.0">' });
    const { runs, site } = runSignalsOnSite({ siteUrl: HOME, startUrl: HOME, pages: [snapshotFromHtml(html, HOME, { depth: 0 })], records: [] });
    expect(runs.length).toBeGreaterThanOrEqual(30);
    expect(site.platforms!.map((p) => p.name)).toEqual(['Discourse']);
  });
});
