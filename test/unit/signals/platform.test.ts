import { describe, expect, it } from 'vitest';
import { detectPlatforms, sitePlatforms, PLATFORM_RULES } from '../../../src/signals/platform.js';
import { schemaAnswers, schemaNodes } from '../../../src/signals/schema-org.js';
import { pageFromHtml } from '../../helpers/page.js';

const U = 'https://community.example.com/x';
const names = (html: string, head = '', extra = {}) => detectPlatforms(pageFromHtml(html, U, extra, { head })).map((p) => p.name);

describe('detectPlatforms', () => {
  it('recognises each platform from its own markers', () => {
    expect(names('<main>x</main>', '<meta name="generator" content="Discourse 3.4.0">')).toEqual(['Discourse']);
    expect(names('<div class="lia-component-body lia-message">x</div>')).toContain('Khoros Community');
    expect(names('<main>x</main><script src="/s/sfsites/auraFW/javascript/abc/aura_prod.js"></script>')).toContain('Salesforce Experience Cloud');
    expect(names('<main>x</main><script>gdn.meta = {};</script>')).toContain('Vanilla');
    expect(names('<main>x</main>', '<meta name="generator" content="phpBB">')).toContain('phpBB');
    expect(names('<main><a data-xf-click="overlay">x</a></main>')).toContain('XenForo');
    expect(names('<main>x</main><script src="/assets/nodebb.min.js"></script>')).toContain('NodeBB');
    expect(names('<div class="ipsApp ipsApp_front">x</div>')).toContain('Invision Community');
    expect(
      names('<div data-bv-show="reviews" data-bv-product-id="1"></div><script src="https://apps.bazaarvoice.com/deployments/x/bv.js"></script>'),
    ).toContain('Bazaarvoice');
    expect(names('<div id="pr-reviewdisplay"></div><script src="https://ui.powerreviews.com/stable/4.1/ui.js"></script>')).toContain('PowerReviews');
    expect(names('<div class="yotpo yotpo-main-widget"></div>')).toContain('Yotpo');
    expect(names('<main>x</main><script src="https://widget.uservoice.com/abc.js"></script>')).toContain('UserVoice');
    expect(names('<main><a href="/hc/en-us/articles/123">Article</a></main>')).toContain('Zendesk Guide');
    expect(names('<main><a href="/support/solutions/articles/1">Article</a></main>')).toContain('Freshdesk');
    expect(names('<main>x</main><script src="https://cdn.insided.com/app.js"></script>')).toContain('inSided (Gainsight)');
    expect(names('<main>x</main><script src="https://assets.higherlogic.com/x.js"></script>')).toContain('Higher Logic');
  });

  it('reads cookies from Set-Cookie and says what matched', () => {
    const hits = detectPlatforms(pageFromHtml('<main>x</main>', U, { headers: { 'set-cookie': 'xf_session=abc; path=/' } }));
    expect(hits).toEqual([{ name: 'XenForo', categories: ['forum'], matched: 'cookie xf_session' }]);
  });

  it('finds nothing on a plain page, and every rule names categories and a website', () => {
    expect(names('<main><p>Just a page about bikes.</p></main>')).toEqual([]);
    for (const [name, rule] of Object.entries(PLATFORM_RULES)) {
      expect(rule.cats.length, name).toBeGreaterThan(0);
      expect(rule.website, name).toMatch(/^https:\/\//);
    }
  });

  it('sitePlatforms counts pages and keeps the first URL', () => {
    const a = pageFromHtml('<main>x</main>', 'https://f.example.com/a', {}, { head: '<meta name="generator" content="Discourse 3">' });
    const b = pageFromHtml('<main>y</main>', 'https://f.example.com/b', {}, { head: '<meta name="generator" content="Discourse 3">' });
    expect(sitePlatforms([b, a])).toMatchObject([{ name: 'Discourse', pages: 2, url: 'https://f.example.com/a' }]);
  });
});

describe('schema.org extraction', () => {
  it('walks JSON-LD @graph and nested nodes, and microdata', () => {
    const ld = {
      '@context': 'https://schema.org',
      '@graph': [{ '@type': 'Product', name: 'x', offers: { '@type': 'Offer', price: 9 }, aggregateRating: { '@type': 'AggregateRating', ratingValue: 4 } }],
    };
    const p = pageFromHtml(
      '<div itemscope itemtype="https://schema.org/DiscussionForumPosting"><span itemprop="commentCount">4</span></div>',
      U,
      {},
      { head: `<script type="application/ld+json">${JSON.stringify(ld)}</script>` },
    );
    const nodes = schemaNodes(p.$);
    expect(nodes.flatMap((n) => n.types)).toEqual(['Product', 'Offer', 'AggregateRating', 'DiscussionForumPosting']);
    expect(schemaAnswers(nodes)).toEqual({ answers: 4, accepted: false });
    expect(p.schemaTypes).toEqual(expect.arrayContaining(['AggregateRating', 'DiscussionForumPosting', 'Offer', 'Product']));
  });

  it('skips broken JSON-LD without throwing', () => {
    const p = pageFromHtml('<main>x</main>', U, {}, { head: '<script type="application/ld+json">{ broken</script>' });
    expect(schemaNodes(p.$)).toEqual([]);
  });

  it('classifies pages whose URL says nothing by their schema.org types', () => {
    const page = (ld: object) =>
      pageFromHtml('<main>x</main>', 'https://example.com/posts/123.html', {}, { head: `<script type="application/ld+json">${JSON.stringify(ld)}</script>` });
    expect(page({ '@type': 'QAPage', mainEntity: { '@type': 'Question' } }).type).toBe('thread');
    expect(page({ '@graph': [{ '@type': 'DiscussionForumPosting' }] }).type).toBe('thread');
    expect(page({ '@type': 'Product', offers: { '@type': 'Offer' } }).type).toBe('product');
    expect(page({ '@type': 'Offer', price: 5 }).type).toBe('deal');
    expect(page({ '@type': 'AggregateRating', ratingValue: 4 }).type).toBe('review');
  });
});
