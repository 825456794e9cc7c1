// Regression tests for what the audit got wrong on real sites (issue "Real sites, read right"). Each page here is
// written for the test, in the markup each platform's templates print; none is copied from a real site.
import { describe, expect, it } from 'vitest';
import { pageFromHtml, snapshotFromHtml, doc, measure } from '../../helpers/page.js';
import { runSignalsOnSite } from '../../../src/signals/run-signals.js';
import { scoreAudit } from '../../../src/score/score.js';
import { loadRubric } from '../../../src/score/rubric.js';
import { buildActionPlan } from '../../../src/report/action-plan.js';
import { signalString } from '../../../src/report/messages.js';
import type { AuditResult } from '../../../src/result/types.js';
import { findContacts } from '../../../src/signals/q5/contact-options.js';
import { findTrackers } from '../../../src/signals/q4/third-party-trackers.js';
import possessiveLanguage from '../../../src/signals/q2/possessive-language.js';
import exclusivity, { findExclusivity } from '../../../src/signals/q2/exclusivity.js';
import threadsAnswered, { inspectAnswers } from '../../../src/signals/q1/threads-answered.js';
import expertAnswers from '../../../src/signals/q3/expert-answers.js';
import brandVoiceShare from '../../../src/signals/q5/brand-voice-share.js';
import consentChoice from '../../../src/signals/q5/consent-choice.js';
import callsToBuy from '../../../src/signals/q3/calls-to-buy.js';
import { detectWall } from '../../../src/signals/q1/open-content.js';
import { evLabel, evText, measured, notApplicable } from './score-helpers.js';
import { filler } from '../../helpers/page.js';

const words = (n: number) => filler(n, 'the bottom bracket creaks only when I stand on the pedals in the wet');

describe('page types from the page, URL last', () => {
  it('a Drupal forum topic at /node/N is a thread; its sub-forum listing is a list, not a thread with 0 replies', () => {
    const comment = (who: string, text: string) =>
      `<article class="comment js-comment"><footer class="comment__meta"><span class="username">${who}</span> <time datetime="2024-03-02T10:00:00Z">2 March 2024</time></footer><div class="comment__content"><p>${text}</p></div></article>`;
    const topic = pageFromHtml(
      `<main><article class="node node--type-forum"><h1>Inverter trips at dawn</h1><footer><span class="username">sol_farmer</span></footer><div class="node__content"><p>${words(30)}</p></div></article>
       <section class="comments">${comment('gridtie', 'Check the DC isolator first, it sounds like a ground fault.')}${comment('amp_hour', 'Mine did that until I replaced the surge arrester.')}</section></main>`,
      'https://community.solarco.example/node/4711',
    );
    expect([topic.type, topic.typeBasis]).toEqual(['thread', 'posts']);
    expect(inspectAnswers(topic)?.answers).toBe(2);

    const row = (n: number, title: string, replies: number) => `<tr><td><a href="/node/${n}">${title}</a></td><td>${replies}</td><td>3 days ago</td></tr>`;
    const listing = pageFromHtml(
      `<main><h1>Inverters</h1><table class="forum-topic-list"><thead><tr><th>Topic</th><th>Replies</th><th>Last reply</th></tr></thead><tbody>${row(4711, 'Inverter trips at dawn', 2)}${row(4712, 'Which inverter for 6 kW?', 9)}${row(4713, 'Firmware 3.2 bricked mine', 217)}</tbody></table></main>`,
      'https://community.solarco.example/forum/12',
    );
    expect(listing.type).toBe('listing');
    expect(inspectAnswers(listing)).toBeNull();
  });

  it('an SMF topic under /topics/ is a thread (platform markers, post wrappers, poster names)', () => {
    const post = (who: string, text: string) =>
      `<div class="windowbg"><div class="post_wrapper"><div class="poster"><h4><a href="/profile/${who}">${who}</a></h4></div><div class="postarea"><div class="post"><div class="inner">${text}</div></div></div></div></div>`;
    const p = pageFromHtml(
      `<script>var smf_scripturl = "https://forum.vendor.example/index.php";</script><div id="forumposts">${post('kim', 'The controller resets when the fan spins up.')}${post('vendor_support', 'Please send us the log from the service menu.')}${post('kim', 'Sent, thanks.')}</div>`,
      'https://forum.vendor.example/topics/controller-resets-when-fan-spins-up/',
    );
    expect(p.platforms.map((x) => x.name)).toContain('Simple Machines Forum');
    expect(p.type).toBe('thread');
    expect(inspectAnswers(p)?.answers).toBe(2);
  });

  it('a phpBB viewtopic.php outside /forum/ is a thread', () => {
    const post = (who: string, text: string) =>
      `<div class="post has-profile bg2" id="p${who.length}"><div class="postbody"><p class="author"><a class="username" href="./memberlist.php?mode=viewprofile&u=2">${who}</a> » Sat Jun 12, 2010</p><div class="content">${text}</div></div></div>`;
    const p = pageFromHtml(
      `<div id="page-body">${post('ruben', 'Would anyone use a MIDI player on the DS?')}${post('sverx', 'Release it and see how people receive it.')}</div>`,
      'https://example.org/viewtopic.php?f=20&t=9',
      {},
      { head: '<meta name="generator" content="phpBB">' },
    );
    expect(p.type).toBe('thread');
  });

  it("Vanilla's capitalised .Comment and .ItemDiscussion are posts", () => {
    const c = (who: string, text: string) =>
      `<li class="Item ItemComment Comment"><div class="Comment"><span class="Author"><a class="Username" href="/profile/${who}">${who}</a></span><div class="Message userContent">${text}</div></div></li>`;
    const p = pageFromHtml(
      `<script>gdn.meta = {};</script><div class="ItemDiscussion"><span class="Author"><a class="Username" href="/profile/ola">ola</a></span><div class="Message">Router drops wifi every evening.</div></div><ul class="MessageList DataList Comments">${c('pat', 'Change the channel away from 6.')}${c('ola', 'That fixed it.')}</ul>`,
      'https://community.netco.example/discussion/881/router-drops-wifi',
    );
    expect(p.type).toBe('thread');
    expect(inspectAnswers(p)?.answers).toBe(2);
  });

  it('reddit and lemmy threads are threads', () => {
    const reddit = pageFromHtml(
      `<div class="thing link self"><a class="author" href="/user/op">op</a><div class="usertext-body">Is this cactus overwatered?</div></div>
       <div class="commentarea"><div class="thing comment"><a class="author" href="/user/a">a</a><div class="usertext-body">Yes, the base is soft.</div>
         <div class="child"><div class="thing comment"><a class="author" href="/user/op">op</a><div class="usertext-body">Thanks, repotting now.</div></div></div></div></div>`,
      'https://old.reddit.example/r/cacti/comments/abc123/is_this_cactus_overwatered/',
      {},
      { head: '<link rel="stylesheet" href="https://www.redditstatic.com/x.css">' },
    );
    expect(reddit.type).toBe('thread');
    expect(inspectAnswers(reddit)?.answers).toBe(2);
    const lemmy = pageFromHtml(
      `<div id="root"><div class="post-listing"><a class="person-listing" href="/u/op">op</a><h1>Best e-reader for PDFs?</h1><div class="md-div">${words(12)}</div></div>
       <article class="comment-node"><a class="person-listing" href="/u/r1">r1</a><div class="md-div">A 10 inch screen or you will hate it.</div></article></div>`,
      'https://lemmy.example/post/12345',
      {},
      { head: '<meta name="generator" content="Lemmy">' },
    );
    expect(lemmy.type).toBe('thread');
  });

  it("a subreddit's list of self posts and a news index of article cards are lists, not threads", () => {
    const selfPost = (id: string, who: string) =>
      `<div class="thing link self"><a class="title" href="/r/cacti/comments/${id}/question_${id}/">Question ${id} about my cactus</a><a class="author" href="/user/${who}">${who}</a><div class="usertext-body">Short teaser text here.</div></div>`;
    const sub = pageFromHtml(
      `<div id="siteTable">${['a1', 'b2', 'c3', 'd4'].map((id, i) => selfPost(id, `u${i}`)).join('')}</div>`,
      'https://old.reddit.example/r/cacti/',
      {},
      {
        head: '<link rel="stylesheet" href="https://www.redditstatic.com/x.css">',
      },
    );
    expect(sub.type).toBe('listing');
    const card = (n: number) =>
      `<article class="post"><h3><a href="/news/story-${n}">Story ${n}</a></h3><span class="byline author">Jane Doe</span><time datetime="2024-01-0${n}">Jan ${n}, 2024</time><p>A teaser of a few words.</p></article>`;
    const news = pageFromHtml(`<main>${[1, 2, 3, 4, 5].map(card).join('')}</main>`, 'https://news.example/topic/headphones');
    expect(news.structure.posts).toEqual([]);
    expect(news.type).toBe('listing');
  });

  it('a XenForo thread URL with a trailing slash is a thread', () => {
    const m = (who: string, text: string) =>
      `<article class="message message--post" data-author="${who}"><div class="message-userDetails"><h4 class="message-name"><a class="username" href="/members/${who}.1/">${who}</a></h4></div><div class="bbWrapper">${text}</div></article>`;
    const p = pageFromHtml(
      `<div class="block-body">${m('lou', 'Which closed headphones under 300?')}${m('max', 'The ones with the velour pads.')}</div>`,
      'https://forum.audio.example/threads/best-closed-headphones.973407/',
      {},
      { head: '' },
    );
    expect(p.type).toBe('thread');
  });

  it('a Discourse thread shown only in <noscript> is read there, and its nine posts outrank answerCount 0', () => {
    const posts = Array.from(
      { length: 9 },
      (_, i) =>
        `<div id="post_${i + 1}" ${i ? `itemprop="comment" itemscope itemtype="http://schema.org/Comment"` : ''} class="topic-body crawler-post"><div class="crawler-post-meta"><span class="creator" itemprop="author" itemscope itemtype="http://schema.org/Person"><a itemprop="url" href="/u/user${i}"><span itemprop="name">user${i}</span></a></span></div><div class="post" itemprop="text"><p>Reply number ${i + 1} about the MSRV policy.</p></div></div>`,
    ).join('');
    const ld = {
      '@context': 'http://schema.org',
      '@type': 'QAPage',
      mainEntity: { '@type': 'Question', name: 'Is changing the MSRV breaking?', answerCount: 0 },
    };
    const p = pageFromHtml(
      `<div id="main-outlet"></div><noscript><div id="main-outlet" class="wrap">${posts}</div></noscript>`,
      'https://users.lang.example/t/is-changing-the-msrv-breaking/138416',
      {},
      {
        head: `<meta name="generator" content="Discourse 2026.3.0"><script type="application/ld+json">${JSON.stringify(ld)}</script>`,
      },
    );
    expect(p.readFromNoscript).toBe(true);
    expect(p.words).toBeGreaterThan(50);
    expect(p.type).toBe('thread');
    expect(inspectAnswers(p)).toMatchObject({ answers: 8, source: 'posts' });
  });

  it('a product page with FAQ and Q&A markup is a product page: thread signals do not apply to it', () => {
    const ld = [
      { '@context': 'https://schema.org', '@type': 'Product', name: 'MacBook Air 13-inch', offers: { '@type': 'Offer', price: 999, priceCurrency: 'USD' } },
      {
        '@context': 'https://schema.org',
        '@type': 'FAQPage',
        mainEntity: [{ '@type': 'Question', name: 'Is it fanless?', acceptedAnswer: { '@type': 'Answer', text: 'Yes.' } }],
      },
    ];
    const html = `<main><h1>MacBook Air 13-inch</h1><p>From $999. Add to bag.</p>
      <div itemscope itemtype="https://schema.org/FAQPage"><div itemscope itemprop="mainEntity" itemtype="https://schema.org/Question"><h3 itemprop="name">Is it fanless?</h3><div itemscope itemprop="acceptedAnswer" itemtype="https://schema.org/Answer"><p itemprop="text">Yes, it has no fan at all.</p></div></div></div></main>`;
    const p = pageFromHtml(
      html,
      'https://www.store.example/shop/buy-mac/macbook-air',
      {},
      { head: `<script type="application/ld+json">${JSON.stringify(ld)}</script>` },
    );
    expect(p.type).toBe('product');
    expect(p.structure.posts).toEqual([]);
    notApplicable(measure(threadsAnswered, [p]));
    notApplicable(measure(expertAnswers, [p]));
  });
});

describe("the brand's words, not the members'", () => {
  const T = 'https://forum.solarco.example/t/inverter-log/7';
  const memberPost = (who: string, body: string) => `<article class="post"><span class="author">${who}</span><div class="body">${body}</div></article>`;

  it('an IP address, a member’s hotmail address and a wget line are not the brand’s phone, email and postal address', () => {
    const p = pageFromHtml(
      `<main>${memberPost('kim', '<p>Call me if it helps: my box is at 192.168.100.200 and I mail from <a href="mailto:kim_77@hotmail.com">kim_77@hotmail.com</a>.</p>')}
       ${memberPost('lee', '<address>wget -O fw.bin http://192.168.1.1/fw/2</address><p>That is how I pulled the firmware.</p>')}</main>`,
      T,
    );
    expect([...findContacts(p).keys()]).toEqual([]);
    // The brand's own footer still counts.
    const withFooter = pageFromHtml(
      `<main>${memberPost('kim', '<p>192.168.100.200</p>')}</main><footer><a href="mailto:help@solarco.example">Email us</a> Call 0800 123 4567 <address>12 Mill Lane, Leeds LS1 2AB</address></footer>`,
      T,
    );
    expect([...findContacts(withFooter).keys()].sort()).toEqual(['email', 'phone', 'postal address']);
  });

  it('MySQL, MyElectric and MySolar are not My‹Brand› framing; MySolarco on solarco is', () => {
    const text = `I moved MySQL to the NAS, the MyElectric app shows the readings and MySolar logs them. ${words(250)}`;
    const m = measured(measure(possessiveLanguage, [pageFromHtml(`<main><p>${text}</p></main>`, 'https://www.solarco.example/blog/monitoring')]));
    expect(m.value).toBe(0);
    const own = measured(
      measure(possessiveLanguage, [
        pageFromHtml(`<main><p>Track it all in MySolarco. ${words(250)}</p></main>`, 'https://www.solarco.example/blog/monitoring'),
      ]),
    );
    expect(own.value).toBeGreaterThan(0);
    expect(evText(own.evidence[0]!)).toContain('MySolarco');
  });

  it('"only for sensing" is not exclusivity; "only at Solarco" is', () => {
    const plain = pageFromHtml(
      `<main><p>The second sensor is only for sensing the battery temperature. ${words(30)}</p></main>`,
      'https://www.solarco.example/guides/sensors',
    );
    expect(findExclusivity(plain)?.hits).toBe(0);
    const fenced = pageFromHtml(
      `<main><p>These panels are available only at Solarco this spring. ${words(30)}</p></main>`,
      'https://www.solarco.example/deals/panels',
    );
    expect(findExclusivity(fenced)?.hits).toBe(1);
    expect(measured(measure(exclusivity, [plain, fenced])).value).toBe(0.5);
  });

  it('a Gravatar avatar is not a tracker; a pixel in <noscript> is', () => {
    const p = pageFromHtml(
      `<main>${memberPost('kim', '<img src="https://secure.gravatar.com/avatar/abc123?s=48" width="48" height="48" alt=""><p>Same here.</p>')}<img src="https://pbs.twimg.com/media/photo.jpg" alt="a photo"></main><noscript><img src="https://www.facebook.com/tr?id=1&ev=PageView" height="1" width="1"></noscript>`,
      T,
    );
    expect(findTrackers(p).companies).toEqual(['Facebook']);
  });

  it('calls to buy and possessives in members’ posts are theirs: the brand’s text is judged', () => {
    const p = pageFromHtml(
      `<main>${memberPost('kim', `<p>Buy now before it sells out! Our customers at my shop love it. ${words(200)}</p>`)}</main><footer><p>${words(210)}</p></footer>`,
      T,
    );
    expect(measured(measure(callsToBuy, [p])).value).toBe(0);
    expect(measured(measure(possessiveLanguage, [p])).value).toBe(0);
  });
});

describe('evidence that earns its score', () => {
  it('a brand voice share that scores high shows the count, not three quotes of the brand selling coupons', () => {
    const post = (who: string, body: string, badge = '') => `<article class="post"><span class="author">${who}</span>${badge}<p>${body}</p></article>`;
    const thread = (n: number) =>
      pageFromHtml(
        `<main>${post('ana', 'My brakes squeal after rain.')}${post('ben', 'Clean the rotors with alcohol.')}${post('cy', 'Worked for me too.')}${post('MegaMart Deals', 'Use code SAVE10 for 10% off pads!', '<span class="badge">Staff</span>')}${post('dee', 'Thanks all.')}${post('eli', 'Same fix here.')}${post('fay', 'Good to know.')}${post('gus', 'Confirmed.')}</main>`,
        `https://community.megamart.example/forum/t/${n}`,
      );
    const m = measured(measure(brandVoiceShare, [thread(1), thread(2), thread(3)]));
    expect(m.value).toBeCloseTo(3 / 24, 3);
    expect(m.evidence[0]).toMatchObject({ points: 'conductor' });
    expect(evLabel(m.evidence[0]!)).toBe('who writes');
    expect(evText(m.evidence[0]!)).toMatch(/^21 of 24 posts .* written by members, 3 by the brand/);
    // The same coupon post on three threads is one item, seen on 3 pages.
    const coupons = m.evidence.filter((e) => evLabel(e) === 'brand post');
    expect(coupons).toHaveLength(1);
    expect(coupons[0]).toMatchObject({ seenOn: 3, points: 'producer' });
  });

  it('snippets keep block boundaries: a form’s labels are not read as one sentence', () => {
    const p = pageFromHtml(
      '<main><p>Intro</p><form><label>Email</label><input type="email"><label>Password</label><input type="password"><button>Sign in</button></form><p>Not a member yet? Join to read this thread.</p></main>',
      'https://community.example.com/forum/t/9',
    );
    expect(p.text).toContain('Email\nPassword\nSign in\nNot a member yet?');
    const wall = detectWall(p);
    expect(wall.walled).toBe(true);
    expect(evText(wall.evidence!)).not.toMatch(/Email|Password/);
  });

  it('consent does not count the absence of trackers a second time', () => {
    const clean = pageFromHtml(`<main><p>${words(50)}</p></main>`, 'https://community.example.com/forum/t/1');
    notApplicable(measure(consentChoice, [clean]));
  });
});

describe('community or not', () => {
  it('a software vendor site with no community gets no verdict, capture and aims are judged, and no recommendation speaks of members', async () => {
    const page = (path: string, body: string) => snapshotFromHtml(doc(body), `https://www.devtools.example${path}`, { depth: path === '/' ? 0 : 1 });
    const pages = [
      page(
        '/',
        `<header><nav><a href="/pricing">Pricing</a><a href="/docs/">Docs</a><a href="/contact">Contact</a></nav></header><main><h1>Ship builds faster</h1><p>${words(120)}</p><a href="/trial">Start a free trial</a></main><footer><a href="/privacy">Privacy</a> <a href="/terms">Terms</a></footer><script src="https://www.googletagmanager.com/gtm.js?id=GTM-X"></script>`,
      ),
      page('/pricing', `<main><h1>Pricing</h1><p>Team $49 per month. Buy now. ${words(120)}</p></main><footer><a href="/privacy">Privacy</a></footer>`),
      page('/docs/', `<main><h1>Docs</h1><p>${words(150)}</p></main>`),
    ];
    const { runs, site } = runSignalsOnSite({ siteUrl: 'https://www.devtools.example/', startUrl: 'https://www.devtools.example/', pages, records: [] });
    expect(site.community).toMatchObject({ found: false, memberPosts: 0 });
    const rubric = await loadRubric();
    const res = scoreAudit(runs, rubric, {}, site.community);
    expect(res.index).toMatchObject({ status: 'no-community', score: null, label: null });
    expect(res.questions.map((q) => [q.id, q.status === 'not-applicable'])).toEqual([
      ['Q1', true],
      ['Q2', true],
      ['Q3', true],
      ['Q4', false],
      ['Q5', false],
    ]);
    // The action plan reads the questions and the coverage floor only.
    const plan = buildActionPlan({ questions: res.questions, rubric: { coverageFloor: rubric.coverageFloor } } as unknown as AuditResult);
    expect(plan.actions.length).toBeGreaterThan(0);
    for (const a of plan.actions) expect(a.question.id === 'Q4' || a.question.id === 'Q5').toBe(true);
    expect(plan.actions.map((a) => signalString(a.signal.id, 'recommendation')).join(' ')).not.toMatch(/members’ own posts|members' own posts/);
  });
});
