// Every signal the audit knows. Adding a signal = one file + one line here + its rubric entry.
import type { Signal } from './types.js';
import openContent from './q1/open-content.js';
import registrationBurden from './q1/registration-burden.js';
import socialLogin from './q1/social-login.js';
import contentAsks from './q1/content-asks.js';
import contentRewards from './q1/content-rewards.js';
import threadsAnswered from './q1/threads-answered.js';
import possessiveLanguage from './q2/possessive-language.js';
import outboundLinks from './q2/outbound-links.js';
import openFormats from './q2/open-formats.js';
import licenceGrab from './q2/licence-grab.js';
import exclusivity from './q2/exclusivity.js';
import openIdentity from './q2/open-identity.js';
import helpVsSell from './q3/help-vs-sell.js';
import callsToBuy from './q3/calls-to-buy.js';
import memberBenefit from './q3/member-benefit.js';
import expertAnswers from './q3/expert-answers.js';
import originalContent from './q3/original-content.js';
import guidesPresent from './q3/guides-present.js';
import thirdPartyTrackers from './q4/third-party-trackers.js';
import capturePopups from './q4/capture-popups.js';
import siteSearch from './q4/site-search.js';
import helpReachable from './q4/help-reachable.js';
import wrappedLinks from './q4/wrapped-links.js';
import worksWithoutScripts from './q4/works-without-scripts.js';
import policiesLinked from './q5/policies-linked.js';
import consentChoice from './q5/consent-choice.js';
import staffLabelled from './q5/staff-labelled.js';
import salesInHelp from './q5/sales-in-help.js';
import incentivesDisclosed from './q5/incentives-disclosed.js';
import brandVoiceShare from './q5/brand-voice-share.js';
import contactOptions from './q5/contact-options.js';

export const SIGNALS: ReadonlyArray<Signal<any>> = [
  openContent,
  registrationBurden,
  socialLogin,
  contentAsks,
  contentRewards,
  threadsAnswered,
  possessiveLanguage,
  outboundLinks,
  openFormats,
  licenceGrab,
  exclusivity,
  openIdentity,
  helpVsSell,
  callsToBuy,
  memberBenefit,
  expertAnswers,
  originalContent,
  guidesPresent,
  thirdPartyTrackers,
  capturePopups,
  siteSearch,
  helpReachable,
  wrappedLinks,
  worksWithoutScripts,
  policiesLinked,
  consentChoice,
  staffLabelled,
  salesInHelp,
  incentivesDisclosed,
  brandVoiceShare,
  contactOptions,
];

export function signalById(id: string): Signal<any> | undefined {
  return SIGNALS.find((s) => s.meta.id === id);
}
