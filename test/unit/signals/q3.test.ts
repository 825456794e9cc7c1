import { describe, expect, it } from 'vitest';
import helpVsSell, { classifyRole } from '../../../src/signals/q3/help-vs-sell.js';
import callsToBuy from '../../../src/signals/q3/calls-to-buy.js';
import memberBenefit from '../../../src/signals/q3/member-benefit.js';
import { filler, measure, pageFromHtml } from '../../helpers/page.js';
import { expectDirection, expectEvidence, measured, notMeasured } from './score-helpers.js';

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
    const conductor = measure(callsToBuy, [pageFromHtml(`<main><p>${filler(400)}</p></main>`, T(3))]);
    expect(measured(conductor).value).toBe(0);
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
    notMeasured(measure(callsToBuy, [pageFromHtml('<main><p>Buy now!</p></main>', T(1))]));
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
    const conductor = measure(memberBenefit, [
      pageFromHtml(
        '<main><p>Members get free repair clinics, a tool library and expert advice from our mechanics.</p></main>',
        'https://community.example.com/join.html',
      ),
    ]);
    const cm = measured(conductor);
    expect(cm.value).toBe(1);
    expectEvidence(cm, ['https://community.example.com/join.html'], 'repair clinics');
    await expectDirection(memberBenefit, producer, conductor);
  });

  it('the same footer statement on many pages counts once', () => {
    const pages = [1, 2, 3].map((n) => pageFromHtml('<main><p>Thread.</p></main><footer><p>Members get 10% off.</p></footer>', T(n)));
    pages.push(pageFromHtml('<main><p>Members get repair clinics.</p></main>', T(4)));
    expect(measured(measure(memberBenefit, pages)).value).toBe(0.5);
  });

  it('silence is not measured on a small crawl, and a finding (0) on a real sample', () => {
    notMeasured(
      measure(
        memberBenefit,
        [1, 2, 3].map((n) => pageFromHtml('<main><p>Thread.</p></main>', T(n))),
      ),
    );
    const many = Array.from({ length: 10 }, (_, i) => pageFromHtml('<main><p>Thread.</p></main>', T(i)));
    expect(measured(measure(memberBenefit, many)).value).toBe(0);
    notMeasured(measure(memberBenefit, [pageFromHtml('<main><p>Les membres reçoivent une remise.</p></main>', T(1), {}, { lang: 'fr' })]));
  });
});
