// Realistic markup that used to fool detection rules (each case is a rule fix, see the signal file).
import { describe, expect, it } from 'vitest';
import { inspectConsent } from '../../../src/signals/q5/consent-choice.js';
import { findCapture } from '../../../src/signals/q4/capture-popups.js';
import { inspectRegistrationForms } from '../../../src/signals/q1/registration-burden.js';
import { clicksToTargets } from '../../../src/signals/q4/help-reachable.js';
import { pageFromHtml } from '../../helpers/page.js';
import { evText } from './score-helpers.js';

const T = 'https://community.example.com/forum/t/1';
const gtm = '<script async src="https://www.googletagmanager.com/gtag/js?id=G-XYZ"></script>';

describe('rules on realistic markup', () => {
  it('a footer "Cookie settings" link is not a consent banner; the real banner after it is found', () => {
    const footerOnly = pageFromHtml(`<main>x</main><footer><ul><li class="cookie-settings"><a href="/cookies">Cookie settings</a></li></ul></footer>${gtm}`, T);
    expect(inspectConsent(footerOnly).banner).toBe('none');
    const both = pageFromHtml(
      `<main>x</main><footer><ul><li class="cookie-settings"><a href="/cookies">Cookie settings</a></li></ul></footer>
       <div id="cookie-banner"><p>We use cookies.</p><button>Accept all</button><button>Reject all</button></div>${gtm}`,
      T,
    );
    expect(inspectConsent(both).banner).toBe('reject');
  });

  it('a "Subscribe to this thread" button is not a capture pop-up', () => {
    const p = pageFromHtml('<main><article class="post"><p>Q</p></article><button class="subscribe-button">Subscribe to this thread</button></main>', T);
    expect(findCapture(p).found).toBe(false);
  });

  it('gender asked with radio buttons is personal data', () => {
    const p = pageFromHtml(
      `<main><form action="/register"><input type="email" name="email"><input type="password" autocomplete="new-password">
        <fieldset><legend>Gender</legend><label><input type="radio" name="gender" value="f"> Female</label><label><input type="radio" name="gender" value="m"> Male</label></fieldset>
        <button>Join</button></form></main>`,
      'https://community.example.com/join.html',
    );
    expect(inspectRegistrationForms(p)!.personal).toEqual(['gender']);
  });

  it('a mailto link on the home page is a way to contact the brand', () => {
    const home = pageFromHtml(
      '<main><a href="/help/">Help</a></main><footer><a href="mailto:hello@example.com">hello@example.com</a></footer>',
      'https://community.example.com/',
      { depth: 0 },
    );
    const found = clicksToTargets([home], 'https://community.example.com/');
    expect(found.get('contact')?.clicks).toBe(1);
    expect(evText(found.get('contact')!.evidence)).toContain('mailto:hello@example.com');
  });
});

import { detectWall } from '../../../src/signals/q1/open-content.js';
import { findPolicyLinks } from '../../../src/signals/q5/policies-linked.js';

describe('more rules on realistic markup', () => {
  it('a site-wide header promo ("Sign in to see member prices") does not wall an open thread', () => {
    const p = pageFromHtml(
      '<header><div class="promo">Sign in to see member prices</div><nav><a href="/">Home</a></nav></header><main><article class="post"><p>Full answer here.</p></article></main>',
      T,
    );
    expect(detectWall(p).walled).toBe(false);
    const walled = pageFromHtml(
      '<header><nav><a href="/">Home</a></nav></header><main><p>First post</p></main><div class="cta"><p>Sign in to read the full discussion.</p></div>',
      T,
    );
    expect(detectWall(walled).walled).toBe(true);
  });

  it('thread titles that mention privacy or conditions are not policy links', () => {
    const p = pageFromHtml(
      `<main><ul><li><a href="/forum/t/trail-conditions/4">Trail conditions this weekend</a></li>
        <li><a href="/forum/t/privacy-settings-on-my-phone/12">Phone privacy settings?</a></li></ul></main>`,
      T,
    );
    expect(findPolicyLinks(p)).toEqual({ privacy: null, terms: null });
    const real = pageFromHtml(
      '<main>x</main><footer><a href="/legal/data">Privacy Policy</a> <a href="/legal/tc">Terms &amp; Conditions</a> <a href="/tos">ToS</a></footer>',
      T,
    );
    expect(evText(findPolicyLinks(real).privacy!)).toContain('Privacy Policy');
    expect(evText(findPolicyLinks(real).terms!)).toContain('Terms & Conditions');
  });
});
