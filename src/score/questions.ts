// The five questions, in the project's wording (FRAMEWORK.md). User-facing strings live together for translation.
import type { QuestionId } from '../result/types.js';

export const QUESTIONS: Record<QuestionId, { key: string; title: string; question: string; producerEnd: string; conductorEnd: string }> = {
  Q1: {
    key: 'participation',
    title: 'Participation',
    question: 'Why would anyone sign in to yet another community and write content that benefits the brand?',
    producerEnd: 'content walled behind sign-up, long registration, constant asks for reviews and ideas, rewards paid for content',
    conductorEnd: 'readable without an account, light sign-in with existing identities, asks that help other members',
  },
  Q2: {
    key: 'ownership',
    title: 'Ownership',
    question: 'Why does the brand behave as if buyers were its customers, when nobody is owned by one brand?',
    producerEnd: 'possessive language, exclusivity, few links off-site, a perpetual licence to members’ content',
    conductorEnd: 'links to other sites and brands, feeds, sharing, export and open identity',
  },
  Q3: {
    key: 'value',
    title: 'Value',
    question: 'What does the brand offer that people cannot get anywhere else?',
    producerEnd: 'catalogue, price, deal and coupon pages; calls to buy dominate; no benefit beyond discounts',
    conductorEnd: 'guides, answers, tools and original knowledge; a clear statement of what members gain',
  },
  Q4: {
    key: 'capture',
    title: 'Capture',
    question: 'Is the site built to capture and contain attention, or to let people get done what they came for?',
    producerEnd: 'pop-ups, email capture, many trackers, links out absent, help buried',
    conductorEnd: 'search that works, help and contact reachable, few or no trackers',
  },
  Q5: {
    key: 'aims',
    title: 'Aims',
    question: 'Do the brand’s visible actions and stated aims serve itself, or the people it serves?',
    producerEnd: 'rules hidden, no consent choice, unlabelled brand voice, sales calls inside help threads',
    conductorEnd: 'privacy policy and terms in reach, a real consent choice, staff clearly labelled, help without a pitch',
  },
};

export const INDEX_BANDS: Array<{ min: number; label: 'producer' | 'leaning producer' | 'balanced' | 'leaning conductor' | 'conductor' }> = [
  { min: 80, label: 'conductor' },
  { min: 60, label: 'leaning conductor' },
  { min: 40, label: 'balanced' },
  { min: 20, label: 'leaning producer' },
  { min: 0, label: 'producer' },
];

export function bandFor(score: number): (typeof INDEX_BANDS)[number]['label'] {
  return INDEX_BANDS.find((b) => score >= b.min)!.label;
}
