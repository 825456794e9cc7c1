import { defineSignal, sampleStrength } from '../types.js';
import { elementEvidence } from '../evidence.js';
import { findAll, plural } from '../text.js';
import type { AnyNode, Element } from 'domhandler';
import { blockText, type PageContext } from '../page-context.js';
import { byBrand } from '../structure.js';
import type { Evidence } from '../../result/types.js';

export const UIStrings = {
  title: 'Ways to reach a person',
  explanation:
    'How many kinds of contact the site offers anywhere in the crawl: an email address, a phone number, a postal ' +
    'address, a contact form, a live-chat service. Each is a path to a human touch point on the person’s terms; ' +
    'a producer offers only the channels that sell, or none at all.',
};

export type ContactKind = 'email' | 'phone' | 'postal address' | 'contact form' | 'live chat';

/** Our own table of live-chat and support-widget hosts (not in third-party-web's categories reliably). */
const CHAT_HOSTS =
  /(?:^|\.)(?:intercom\.io|intercomcdn\.com|zdassets\.com|zopim\.com|livechatinc\.com|drift\.com|driftt\.com|crisp\.chat|tawk\.to|freshchat\.com|olark\.com|gorgias\.chat|tidio\.co|helpscout\.net|kustomer\.com|gladly\.com)$/i;
const PHONE = /(?:\+\d{1,3}[\s.-]?)?\(?\d{2,4}\)?[\s.-]\d{3,4}[\s.-]\d{3,4}\b/g;

/** Dotted quads (192.168.1.20) and version strings are not phone numbers. */
const NOT_PHONE = /^\d{1,3}(?:\.\d{1,3}){3}$|^\d+(?:\.\d+){2,}$/;
/** A postal address has a number and a word beside it ("12 Mill Lane", "Hauptstraße 5", "PO Box 7"). */
const ADDRESS_SHAPE = /\d+\s*[\p{L}]{2,}|[\p{L}]{2,}\.?\s+\d+/u;

/**
 * The ways the brand offers to reach it on this page, from its own words and markup: an email link or a phone
 * number in a member's post (their hotmail address, an IP address) is not the brand's, and neither is an
 * <address> block inside a post or a code sample.
 */
export function findContacts(page: PageContext): Map<ContactKind, Evidence> {
  const { $ } = page;
  const found = new Map<ContactKind, Evidence>();
  const members = new Set(page.structure.posts.filter((p) => !byBrand(p)).map((p) => p.el[0]!));
  const brandOwned = (el: AnyNode): boolean =>
    !$(el)
      .parents()
      .toArray()
      .some((p) => members.has(p as Element)) && $(el).closest('pre, code, blockquote').length === 0;
  const own = (selector: string) =>
    $(selector)
      .filter((_, el) => brandOwned(el))
      .first();
  const mail = own('a[href^="mailto:" i]');
  if (mail.length) found.set('email', elementEvidence(page, `${mail.attr('href')}`, 'email', 'conductor'));
  const tel = own('a[href^="tel:" i]');
  const text = page.brandText;
  const phoneText =
    page.type === 'contact' || /\b(?:call|phone|tel|telefon)\b/i.test(text) ? findAll(text, PHONE).find((m) => !NOT_PHONE.test(m.match.trim())) : undefined;
  if (tel.length) found.set('phone', elementEvidence(page, `${tel.attr('href')}`, 'phone', 'conductor'));
  else if (phoneText) found.set('phone', elementEvidence(page, phoneText.match, 'phone', 'conductor'));
  const addr = own('address, [itemprop="address"], [itemtype*="PostalAddress"]');
  if (addr.length && ADDRESS_SHAPE.test(blockText($, addr)))
    found.set('postal address', elementEvidence(page, blockText($, addr), 'postal address', 'conductor'));
  const form = $('form')
    .filter(
      (_, el) =>
        brandOwned(el) &&
        $(el).find('textarea').length > 0 &&
        (page.type === 'contact' ||
          /contact|message|enquir|support/i.test(`${$(el).attr('action') ?? ''} ${$(el).attr('id') ?? ''} ${$(el).attr('class') ?? ''}`)),
    )
    .first();
  if (form.length) found.set('contact form', elementEvidence(page, 'A contact form with a message field', 'contact form', 'conductor'));
  $('script[src]').each((_, el) => {
    if (found.has('live chat')) return;
    try {
      const u = new URL($(el).attr('src') ?? '', page.finalUrl);
      if (CHAT_HOSTS.test(u.hostname)) found.set('live chat', elementEvidence(page, `A live-chat service (${u.hostname})`, 'live chat', 'conductor'));
    } catch {
      /* not a URL */
    }
  });
  return found;
}

export default defineSignal<Array<[ContactKind, Evidence]>>({
  meta: { id: 'q5-contact-options', question: 'Q5', direction: 'conductor', requires: ['html'] },
  strings: UIStrings,
  extract(page) {
    return [...findContacts(page)];
  },
  aggregate(observations) {
    if (observations.length === 0) return { notMeasured: 'No pages were fetched.' };
    const kinds = new Map<ContactKind, Evidence>();
    for (const o of [...observations].sort((a, b) => a.page.url.localeCompare(b.page.url))) for (const [k, e] of o.obs) if (!kinds.has(k)) kinds.set(k, e);
    const names = [...kinds.keys()].sort();
    const evidence = [...kinds.values()];
    if (evidence.length === 0)
      evidence.push(
        elementEvidence(
          observations[0]!.page,
          `No email, phone, postal address, contact form or chat on ${observations.length} pages.`,
          'no contact',
          'producer',
        ),
      );
    return {
      value: kinds.size,
      displayValue: `${plural(kinds.size, 'kind')} of contact${names.length ? `: ${names.join(', ')}` : ''}`,
      evidence,
      pagesObserved: observations.length,
      // A contact page is one page of the site: a small crawl may not have reached it.
      floor: sampleStrength(observations.length),
    };
  },
});
