import { describe, expect, it } from 'vitest';
import helpVsSell, { classifyRole } from '../../../src/signals/q3/help-vs-sell.js';
import callsToBuy from '../../../src/signals/q3/calls-to-buy.js';
import memberBenefit from '../../../src/signals/q3/member-benefit.js';
import expertAnswers, { findExpertAnswer } from '../../../src/signals/q3/expert-answers.js';
import originalContent from '../../../src/signals/q3/original-content.js';
import guidesPresent, { inspectGuide } from '../../../src/signals/q3/guides-present.js';
import { filler, measure, pageFromHtml } from '../../helpers/page.js';
import { evLabel, evText, expectDirection, expectEvidence, measured, notApplicable, notMeasured, valueText } from './score-helpers.js';
import { say } from '../../../src/report/messages.js';

const T = (n: number) => `https://community.example.com/forum/t/${n}`;
const D = (n: number) => `https://community.example.com/deals/deal-${n}.html`;
const G = (n: number) => `https://community.example.com/guides/guide-${n}`;

const dealPage = (n: number) =>
  pageFromHtml(`<main><h1>Doorbuster ${n}</h1><p>Now $199.99, was $249.99. Add to cart. Ends tonight!</p></main>`, D(n), {}, { title: `Doorbuster ${n}` });
const guidePage = (n: number) => pageFromHtml(`<main><h1>How to index a derailleur</h1><p>${filler(150)}</p></main>`, G(n), {}, { title: `Guide ${n}` });

describe('q3-help-vs-sell', () => {
  it('classifyRole: deals sell, guides help, a thread drowning in offers sells, a plain page is neither', () => {
    expect(classifyRole(dealPage(1)).role).toBe('sells');
    expect(classifyRole(guidePage(1)).role).toBe('helps');
    const drowned = pageFromHtml('<main><p>Buy now $10. Buy now $12. Add to cart $15. 20% off today. Use code SAVE20.</p></main>', T(1));
    const r = classifyRole(drowned);
    expect(r.role).toBe('sells');
    expect(r.calls).toBeGreaterThanOrEqual(3);
    expect(classifyRole(pageFromHtml('<main><p>About us.</p></main>', 'https://community.example.com/something')).role).toBe('neither');
  });

  it('scores a storefront low and a help site high', async () => {
    const producer = measure(helpVsSell, [dealPage(1), dealPage(2), dealPage(3), guidePage(1)]);
    const pm = measured(producer);
    expect(pm.value).toBe(0.25);
    expectEvidence(pm, [D(1), D(2), D(3), G(1)], 'Doorbuster 1');
    expect(valueText(pm)).toBe('25% help (1 help, 3 sell)');
    const sells = pm.evidence.find((e) => e.url === D(1))!;
    expect(evText(sells)).toBe('Doorbuster 1 (deal; 2 prices, 2 calls to buy)');
    expect(evLabel(sells)).toBe('sells');
    expect(say(sells.note, 'de')).toBe('Doorbuster 1 (Angebot; 2 Preise, 2 Kaufaufforderungen)');
    const conductor = measure(helpVsSell, [guidePage(1), guidePage(2), guidePage(3)]);
    expect(measured(conductor).value).toBe(1);
    expectEvidence(measured(conductor), [G(1), G(2), G(3)], 'Guide 1');
    await expectDirection(helpVsSell, producer, conductor);
  });

  it('is not measured when no page helps or sells', () => {
    notMeasured(measure(helpVsSell, [pageFromHtml('<main><p>Hello.</p></main>', 'https://community.example.com/')]));
  });
});

describe('q3-calls-to-buy', () => {
  it('scores promotion-heavy text low and plain help high', async () => {
    const producer = measure(callsToBuy, [
      pageFromHtml(`<main><p>Shop now! 30% off everything. Use code SAVE30 at checkout. Hurry, while stocks last. ${filler(60)}</p></main>`, T(1)),
      pageFromHtml(`<main><p>Add to cart. Limited time offer. ${filler(150)}</p></main>`, T(2)),
    ]);
    const pm = measured(producer);
    expect(pm.value).toBeGreaterThan(12);
    expectEvidence(pm, [T(1), T(2)], 'Shop now');
    expect(pm.evidence.map(evLabel)).toContain('“Shop now”');
    expect(valueText(pm)).toMatch(/^\d+(\.\d)? per 1,000 words \(\d+ in \d+ words\)$/);
    const conductor = measure(callsToBuy, [pageFromHtml(`<main><p>${filler(400)}</p></main>`, T(3))]);
    expect(measured(conductor).value).toBe(0);
    expectEvidence(measured(conductor), [T(3)], /^No calls to buy in \d+ words of the brand’s own text\.$/);
    expect(say(measured(conductor).display, 'de')).toMatch(/^0 je 1\.000 Wörter \(0 in \d+ Wörtern\)$/);
    await expectDirection(callsToBuy, producer, conductor);
  });

  it('reads "no hurry" as reassurance, not a sales push', () => {
    const calm = measure(callsToBuy, [
      pageFromHtml(`<main><p>No hurry: take your time and answer when you can. There's no hurry either. ${filler(300)}</p></main>`, T(1)),
    ]);
    expect(measured(calm).value).toBe(0);
    const push = measure(callsToBuy, [pageFromHtml(`<main><p>Hurry, the sale ends tonight. ${filler(300)}</p></main>`, T(1))]);
    expect(measured(push).value).toBeGreaterThan(0);
  });

  it('is not measured on too little text or a language without a lexicon', () => {
    expect(notMeasured(measure(callsToBuy, [pageFromHtml('<main><p>Buy now!</p></main>', T(1))]))).toMatch(/^Fewer than 200 words .*\(\d+ words? found\)\.$/);
    notMeasured(
      measure(callsToBuy, [pageFromHtml(`<main><p>Achetez maintenant. ${filler(400, 'la chaîne saute en montée')}</p></main>`, T(1), {}, { lang: 'fr' })]),
    );
  });
});

describe('q3-member-benefit', () => {
  it('scores discount-only benefits low and benefits beyond discounts high', async () => {
    const producer = measure(memberBenefit, [
      pageFromHtml('<main><p>Members get 10% off every order and double points on Thursdays.</p></main>', 'https://community.example.com/join.html'),
      pageFromHtml('<main><p>Why join? Exclusive coupons and savings.</p></main>', 'https://community.example.com/about.html'),
    ]);
    const pm = measured(producer);
    expect(pm.value).toBe(0);
    expectEvidence(pm, ['https://community.example.com/join.html', 'https://community.example.com/about.html'], 'Members get 10% off');
    expect(valueText(pm)).toMatch(/^\d+ benefit statements?, all about discounts or points$/);
    expect(pm.evidence.map(evLabel)).toContain('discount-only benefit');
    const conductor = measure(memberBenefit, [
      pageFromHtml(
        '<main><p>Members get free repair clinics, a tool library and expert advice from our mechanics.</p></main>',
        'https://community.example.com/join.html',
      ),
    ]);
    const cm = measured(conductor);
    expect(cm.value).toBe(1);
    expectEvidence(cm, ['https://community.example.com/join.html'], 'repair clinics');
    expect(evLabel(cm.evidence[0]!)).toBe('benefit beyond discounts');
    expect(valueText(cm)).toMatch(/^(\d+) of \1 benefit statements? go(es)? beyond discounts$/);
    await expectDirection(memberBenefit, producer, conductor);
  });

  it('the same footer statement on many pages counts once', () => {
    const pages = [1, 2, 3].map((n) => pageFromHtml('<main><p>Thread.</p></main><footer><p>Members get 10% off.</p></footer>', T(n)));
    pages.push(pageFromHtml('<main><p>Members get repair clinics.</p></main>', T(4)));
    expect(measured(measure(memberBenefit, pages)).value).toBe(0.5);
  });

  it('silence is not measured on a small crawl, and a finding (0) on a real sample', () => {
    expect(
      notMeasured(
        measure(
          memberBenefit,
          [1, 2, 3].map((n) => pageFromHtml('<main><p>Thread.</p></main>', T(n))),
        ),
      ),
    ).toBe('No statement of what members gain on the 3 pages read.');
    const many = Array.from({ length: 10 }, (_, i) => pageFromHtml('<main><p>Thread.</p></main>', T(i)));
    const none = measured(measure(memberBenefit, many));
    expect(none.value).toBe(0);
    expect(valueText(none)).toBe('no statement of what members gain');
    expectEvidence(
      none,
      many.map((p) => p.url),
      'None of the 10 pages states what members gain.',
    );
    notMeasured(measure(memberBenefit, [pageFromHtml('<main><p>Les membres reçoivent une remise.</p></main>', T(1), {}, { lang: 'fr' })]));
  });
});

// The scoring of these three is tested in more-signals.test.ts; here: what they say, as messages.
describe('q3-expert-answers, in words', () => {
  const post = (author: string, text: string, extra = '') => `<article class="post"><span class="author">${author}</span>${extra}<p>${text}</p></article>`;
  it('words its value, labels and notes, with no markup', () => {
    const accepted = pageFromHtml(`<main>${post('ann', 'Q?')}${post('bob', 'Do this.', '<span class="badge">Solution</span>')}</main>`, T(1));
    const plain = pageFromHtml(`<main>${post('ann', 'Q?')}${post('bob', 'Maybe this.')}</main>`, T(2));
    const ld = { '@type': 'QAPage', mainEntity: { '@type': 'Question', acceptedAnswer: { '@type': 'Answer', text: 'x' } } };
    const schema = pageFromHtml(
      '<main><p>Q</p></main>',
      T(3),
      {},
      { title: 'Brake rub', head: `<script type="application/ld+json">${JSON.stringify(ld)}</script>` },
    );
    expect(evLabel(findExpertAnswer(accepted)!.evidence!)).toBe('accepted answer');
    expect(findExpertAnswer(accepted)!.evidence!.snippet).toContain('Do this.');
    expect(evText(findExpertAnswer(schema)!.evidence!)).toBe('Brake rub: an answer marked as accepted');
    const m = measured(measure(expertAnswers, [accepted, plain, schema]));
    expect(valueText(m)).toBe('67% of 3 threads have an accepted or staff answer');
    const none = measured(measure(expertAnswers, [plain]));
    expect(valueText(none)).toBe('0% of 1 thread has an accepted or staff answer');
    expectEvidence(none, [T(2)], 'No accepted or staff answer in 1 thread.');
    expect(say(none.display, 'de').replace(/\u00a0/g, ' ')).toBe('0 % von 1 Thread hat eine akzeptierte Antwort oder eine Antwort des Personals');
    expect(notApplicable(measure(expertAnswers, [pageFromHtml('<main>Welcome</main>', 'https://community.example.com/')]))).toBe(
      'No discussion or question threads were found.',
    );
  });
});

describe('q3-original-content, in words', () => {
  it('quotes a repeated sentence verbatim and says on how many pages it stands', () => {
    const banner = 'Save twenty percent on every blender this week only.';
    const pages = [1, 2, 3].map((n) => pageFromHtml(`<main><p>${banner}</p><p>Thread number ${n} asks one thing here.</p></main>`, T(n)));
    const m = measured(measure(originalContent, pages));
    const repeated = m.evidence.find((e) => e.snippet === banner)!;
    expect(evLabel(repeated)).toBe('repeated on 3 pages');
    expect(say(repeated.label, 'de')).toBe('auf 3 Seiten wiederholt');
    expect(valueText(m)).toMatch(/^0% of \d+ words of main content are unique to their page \(3 pages\)$/);
    const summary = m.evidence.find((e) => e.points === 'conductor')!;
    expect(evLabel(summary)).toBe('original');
    expect(evText(summary)).toMatch(/^0% of \d+ words of main content on 3 pages are in sentences found on one page only\.$/);
  });
});

describe('q3-guides-present, in words', () => {
  it('says what made a page a guide, without markup names', () => {
    const steps = pageFromHtml('<main><h1>How to fix a puncture</h1><ol><li>Remove the wheel.</li><li>Find the hole.</li><li>Patch it.</li></ol></main>', G(1));
    expect(evText(inspectGuide(steps)!.evidence!)).toBe('How to fix a puncture: 3 steps');
    expect(evLabel(inspectGuide(steps)!.evidence!)).toBe('guide with steps');
    const howto = pageFromHtml(
      '<main><p>x</p></main>',
      G(2),
      {},
      { title: 'Tyre guide', head: '<script type="application/ld+json">{"@type":"HowTo","name":"x"}</script>' },
    );
    expect(evText(inspectGuide(howto)!.evidence!)).toBe('Tyre guide: marked up as a how-to');
    const m = measured(measure(guidesPresent, [steps, pageFromHtml('<main><p>Shop the sale.</p></main>', D(1))]));
    expect(valueText(m)).toBe('50% of 2 pages are guides, how-tos or tools');
    const none = measured(measure(guidesPresent, [pageFromHtml('<main><p>Shop the sale.</p></main>', D(1))]));
    expectEvidence(none, [D(1)], 'No guide, how-to or tool among 1 page.');
    expect(evLabel(none.evidence[0]!)).toBe('no guides');
  });
});
