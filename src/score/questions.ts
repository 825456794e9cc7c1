// The five questions, in the project's wording (FRAMEWORK.md). User-facing strings live together for translation.
import type { IndexLabel, QuestionId } from '../result/types.js';
import { bandOf } from '../result/bands.js';

export interface QuestionMeta {
  key: string;
  title: string;
  question: string;
  producerEnd: string;
  conductorEnd: string;
  /** Judges a community (members' participation, ownership of them, value to them): not applicable where none was found. */
  needsCommunity: boolean;
}

export const QUESTIONS: Record<QuestionId, QuestionMeta> = {
  Q1: {
    key: 'participation',
    title: 'Participation',
    question: 'Why would anyone sign in to yet another community and write content that benefits the brand?',
    producerEnd: 'content walled behind sign-up, long registration, constant asks for reviews and ideas, rewards paid for content',
    conductorEnd: 'readable without an account, light sign-in with existing identities, asks that help other members',
    needsCommunity: true,
  },
  Q2: {
    key: 'ownership',
    title: 'Ownership',
    question: 'Why does the brand behave as if buyers were its customers, when nobody is owned by one brand?',
    producerEnd: 'possessive language, exclusivity, few links off-site, a perpetual licence to members’ content',
    conductorEnd: 'links to other sites and brands, feeds, sharing, export and open identity',
    needsCommunity: true,
  },
  Q3: {
    key: 'value',
    title: 'Value',
    question: 'What does the brand offer that people cannot get anywhere else?',
    producerEnd: 'catalogue, price, deal and coupon pages; calls to buy dominate; no benefit beyond discounts',
    conductorEnd: 'guides, answers, tools and original knowledge; a clear statement of what members gain',
    needsCommunity: true,
  },
  Q4: {
    key: 'capture',
    title: 'Capture',
    question: 'Is the site built to capture and contain attention, or to let people get done what they came for?',
    producerEnd: 'pop-ups, email capture, many trackers, links out absent, help buried',
    conductorEnd: 'search that works, help and contact reachable, few or no trackers',
    needsCommunity: false,
  },
  Q5: {
    key: 'aims',
    title: 'Aims',
    question: 'Do the brand’s visible actions and stated aims serve itself, or the people it serves?',
    producerEnd: 'rules hidden, no consent choice, unlabelled brand voice, sales calls inside help threads',
    conductorEnd: 'privacy policy and terms in reach, a real consent choice, staff clearly labelled, help without a pitch',
    needsCommunity: false,
  },
};

/** The band label for a 0–100 score (the one table is src/result/bands.ts). */
export function bandFor(score: number): IndexLabel {
  return bandOf(score).label;
}
