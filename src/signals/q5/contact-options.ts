import { defineSignal } from '../types.js';
import { elementEvidence } from '../evidence.js';
import { findAll, plural } from '../text.js';
import { blockText, type PageContext } from '../page-context.js';
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
const CHAT_HOSTS = /(?:^|\.)(?:intercom\.io|intercomcdn\.com|zdassets\.com|zopim\.com|livechatinc\.com|drift\.com|driftt\.com|crisp\.chat|tawk\.to|freshchat\.com|olark\.com|gorgias\.chat|tidio\.co|helpscout\.net|kustomer\.com|gladly\.com)$/i;
const PHONE = /(?:\+\d{1,3}[\s.-]?)?\(?\d{2,4}\)?[\s.-]\d{3,4}[\s.-]\d{3,4}\b/g;

export function findContacts(page: PageContext): Map<ContactKind, Evidence> {
  const { $ } = page;
  const found = new Map<ContactKind, Evidence>();
  const mail = $('a[href^="mailto:" i]').first();
  if (mail.length) found.set('email', elementEvidence(page, `${mail.attr('href')}`, 'email'));
  const tel = $('a[href^="tel:" i]').first();
  const phoneText = page.type === 'contact' || /\b(?:call|phone|tel)\b/i.test(page.mainText) ? findAll(page.mainText, PHONE)[0] : undefined;
  if (tel.length) found.set('phone', elementEvidence(page, `${tel.attr('href')}`, 'phone'));
  else if (phoneText) found.set('phone', elementEvidence(page, phoneText.match, 'phone'));
  const addr = $('address, [itemprop="address"], [itemtype*="PostalAddress"]').first();
  if (addr.length && /\d/.test(addr.text())) found.set('postal address', elementEvidence(page, blockText($, addr), 'postal address'));
  const form = $('form')
    .filter((_, el) => $(el).find('textarea').length > 0 && (page.type === 'contact' || /contact|message|enquir|support/i.test(`${$(el).attr('action') ?? ''} ${$(el).attr('id') ?? ''} ${$(el).attr('class') ?? ''}`)))
    .first();
  if (form.length) found.set('contact form', elementEvidence(page, `<form action="${form.attr('action') ?? ''}"> with a message field`, 'contact form'));
  $('script[src]').each((_, el) => {
    if (found.has('live chat')) return;
    try {
      const u = new URL($(el).attr('src') ?? '', page.finalUrl);
      if (CHAT_HOSTS.test(u.hostname)) found.set('live chat', elementEvidence(page, `<script src="${u.href}">`, 'live chat'));
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
    if (evidence.length === 0) evidence.push(elementEvidence(observations[0]!.page, `No email, phone, postal address, contact form or chat on ${observations.length} pages.`, 'no contact'));
    return {
      value: kinds.size,
      displayValue: `${plural(kinds.size, 'kind')} of contact${names.length ? `: ${names.join(', ')}` : ''}`,
      evidence,
      pagesObserved: observations.length,
    };
  },
});
