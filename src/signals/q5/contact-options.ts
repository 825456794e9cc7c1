import { defineSignal, sampleStrength } from '../types.js';
import { elementEvidence, noteEvidence } from '../evidence.js';
import { findAll } from '../text.js';
import { signalText } from '../strings.js';
import { common } from '../common-strings.js';
import type { AnyNode, Element } from 'domhandler';
import { blockText, type PageContext } from '../page-context.js';
import { byBrand } from '../structure.js';
import type { Evidence } from '../../result/types.js';

/** The message code for each kind of contact (select keys cannot hold spaces). */
const CODE = { email: 'email', phone: 'phone', 'postal address': 'postal', 'contact form': 'form', 'live chat': 'chat' } as const;

const KIND = (v: string) => `{${v}, select, email {email} phone {phone} postal {postal address} form {contact form} chat {live chat} other {contact}}`;
const KIND_DE = (v: string) => `{${v}, select, email {E-Mail} phone {Telefon} postal {Postanschrift} form {Kontaktformular} chat {Live-Chat} other {Kontakt}}`;
/** The kinds found, as a list in the reader's language: k1…k5 are kind codes, `kinds` how many there are. */
const KINDS = (k: (v: string) => string, and: string) =>
  `{kinds, plural, =0 {} =1 {: ${k('k1')}} =2 {: ${k('k1')} ${and} ${k('k2')}} =3 {: ${k('k1')}, ${k('k2')} ${and} ${k('k3')}} ` +
  `=4 {: ${k('k1')}, ${k('k2')}, ${k('k3')} ${and} ${k('k4')}} other {: ${k('k1')}, ${k('k2')}, ${k('k3')}, ${k('k4')} ${and} ${k('k5')}}}`;

export const { strings: UIStrings, str } = signalText(
  'q5-contact-options',
  {
    title: 'Ways to reach a person',
    explanation:
      'How many kinds of contact the site offers anywhere in the crawl: an email address, a phone number, a postal ' +
      'address, a contact form, a live-chat service. Each is a path to a human touch point on the person’s terms; ' +
      'a producer offers only the channels that sell, or none at all.',
    recommendation: 'Offer several ways to reach a person — e-mail, phone, a contact form — and publish them where help is sought.',
    impact: 'People who cannot reach a person take their problem elsewhere — to a competitor, a public review or a complaint — instead of to the brand.',
    value: '{kinds, plural, one {# kind} other {# kinds}} of contact' + KINDS(KIND, 'and'),
    form: 'A contact form with a message field',
    chat: 'A live-chat service ({host})',
    none: 'No email, phone, postal address, contact form or chat on {pages, plural, one {# page} other {# pages}}.',
    label: KIND('kind'),
    labelNone: 'no contact',
  },
  {
    de: {
      title: 'Wege, einen Menschen zu erreichen',
      explanation:
        'Wie viele Arten von Kontakt die Website irgendwo im Crawl anbietet: eine E-Mail-Adresse, eine Telefonnummer, ' +
        'eine Postanschrift, ein Kontaktformular, einen Live-Chat-Dienst. Jede ist ein Weg zu einem menschlichen ' +
        'Kontaktpunkt zu den Bedingungen der Person; ein Produzent bietet nur die Kanäle, die verkaufen, oder gar keine.',
      recommendation: 'Mehrere Wege anbieten, einen Menschen zu erreichen – E-Mail, Telefon, Kontaktformular – und sie dort nennen, wo Hilfe gesucht wird.',
      impact:
        'Wer keinen Menschen erreicht, trägt sein Problem woandershin – zu einem Wettbewerber, in eine öffentliche Bewertung oder eine Beschwerde – statt zur Marke.',
      value: '{kinds, plural, one {# Kontaktweg} other {# Kontaktwege}}' + KINDS(KIND_DE, 'und'),
      form: 'Ein Kontaktformular mit einem Nachrichtenfeld',
      chat: 'Ein Live-Chat-Dienst ({host})',
      none: 'Keine E-Mail, kein Telefon, keine Postanschrift, kein Kontaktformular und kein Chat auf {pages, plural, one {# Seite} other {# Seiten}}.',
      label: KIND_DE('kind'),
      labelNone: 'kein Kontakt',
    },
  },
);

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
  const label = (kind: ContactKind) => str('label', { kind: CODE[kind] });
  // The address or number itself is the site's words; the link's scheme is markup.
  const target = (href: string | undefined) => (href ?? '').replace(/^(?:mailto|tel):/i, '').split('?')[0]!;
  if (mail.length) found.set('email', elementEvidence(page, target(mail.attr('href')), label('email'), 'conductor'));
  const tel = own('a[href^="tel:" i]');
  const text = page.brandText;
  const phoneText =
    page.type === 'contact' || /\b(?:call|phone|tel|telefon)\b/i.test(text) ? findAll(text, PHONE).find((m) => !NOT_PHONE.test(m.match.trim())) : undefined;
  if (tel.length) found.set('phone', elementEvidence(page, target(tel.attr('href')), label('phone'), 'conductor'));
  else if (phoneText) found.set('phone', elementEvidence(page, phoneText.match, label('phone'), 'conductor'));
  const addr = own('address, [itemprop="address"], [itemtype*="PostalAddress"]');
  if (addr.length && ADDRESS_SHAPE.test(blockText($, addr)))
    found.set('postal address', elementEvidence(page, blockText($, addr), label('postal address'), 'conductor'));
  const form = $('form')
    .filter(
      (_, el) =>
        brandOwned(el) &&
        $(el).find('textarea').length > 0 &&
        (page.type === 'contact' ||
          /contact|message|enquir|support/i.test(`${$(el).attr('action') ?? ''} ${$(el).attr('id') ?? ''} ${$(el).attr('class') ?? ''}`)),
    )
    .first();
  if (form.length) found.set('contact form', noteEvidence(page, str('form'), label('contact form'), 'conductor'));
  $('script[src]').each((_, el) => {
    if (found.has('live chat')) return;
    try {
      const u = new URL($(el).attr('src') ?? '', page.finalUrl);
      if (CHAT_HOSTS.test(u.hostname)) found.set('live chat', noteEvidence(page, str('chat', { host: u.hostname }), label('live chat'), 'conductor'));
    } catch {
      /* not a URL */
    }
  });
  return found;
}

export default defineSignal<Array<[ContactKind, Evidence]>>({
  meta: { id: 'q5-contact-options', question: 'Q5', direction: 'conductor', requires: ['html'], effort: 'medium' },
  strings: UIStrings,
  extract(page) {
    return [...findContacts(page)];
  },
  aggregate(observations) {
    if (observations.length === 0) return { notMeasured: common('noPages') };
    const kinds = new Map<ContactKind, Evidence>();
    for (const o of [...observations].sort((a, b) => a.page.url.localeCompare(b.page.url))) for (const [k, e] of o.obs) if (!kinds.has(k)) kinds.set(k, e);
    const names = [...kinds.keys()].sort();
    const evidence = [...kinds.values()];
    if (evidence.length === 0) evidence.push(noteEvidence(observations[0]!.page, str('none', { pages: observations.length }), str('labelNone'), 'producer'));
    return {
      value: kinds.size,
      display: str('value', { kinds: names.length, ...Object.fromEntries(names.map((n, i) => [`k${i + 1}`, CODE[n]])) }),
      evidence,
      pagesObserved: observations.length,
      // A contact page is one page of the site: a small crawl may not have reached it.
      floor: sampleStrength(observations.length),
    };
  },
});
