// English word patterns used by text signals. Data, not logic: another language gets its own file, and a page
// in a language without a lexicon is "not measured" rather than judged with English patterns.

export const EN = {
  /** Text that hides content until the reader signs in. */
  signInWall:
    /\b(?:(?:sign|log)\s?in|register|join(?: now| free| us)?|create an account|become a member)\s+(?:now\s+)?to\s+(?:read|view|see|continue|keep reading|access|unlock)\b|\bmembers[- ]only\b[^.]{0,40}\b(?:join|sign in|log in)\b|\bthis (?:content|thread|page|discussion) is (?:only )?(?:available|visible) to (?:registered )?members\b/i,
  /** Asks for content that serves the brand (reviews, ratings, ideas, feedback). */
  brandAsk:
    /\b(?:write|leave|post|submit|add) (?:a|your|an honest) review\b|\brate (?:this|the|your) (?:product|item|purchase|store)\b|\bsubmit (?:your|an|a new) idea\b|\btell us what you think\b|\bshare your (?:feedback|opinion|thoughts) with us\b|\breview (?:this|your) (?:purchase|order|item)\b/gi,
  /** Asks that help other members rather than the brand. */
  memberAsk:
    /\bhelp (?:a|another|other|fellow|the next) (?:member|rider|customer|shopper|person|people|reader|user|cook|gardener)s?\b|\bknow the answer\b|\bcan you help\b|\banswer (?:this|their) question\b|\bshare your (?:fix|solution|tip|experience) so\b|\bhelp (?:the next person|others)\b/gi,
  /** Rewards paid for content. */
  contentReward:
    /\bearn (?:up to )?\d[\d,]* ?(?:\w+ ?)?points\b|\b(?:earn|get|receive) (?:a |an )?(?:\$|€|£)?\d+(?:\.\d\d)? ?(?:\w+ )?(?:coupon|voucher|credit|gift card)\b[^.]{0,60}\b(?:review|post|idea|answer|photo|rating)s?\b|\b(?:coupon|voucher|points|reward) for (?:every|each|your) (?:approved )?(?:review|post|idea|answer|rating)\b/gi,
  /** Possessive or ownership framing of people and community (My‹Brand› programme names are matched with the site's own name, in the signal). */
  possessive:
    /\bour (?:customers?|members?|shoppers?|users|fans|buyers|clients)\b|\bexclusive(?:ly)? (?:to|for) (?:\w+ )?members\b|\bmembers[- ]only\b|\byour \w+ family\b/g,
  /** Calls to buy. */
  callToBuy:
    /\b(?:buy (?:it )?now|add to (?:cart|basket|bag)|shop (?:now|the (?:deal|sale|look))|order (?:now|today)|limited[- ]time(?: only| offer)?|ends (?:tonight|today|soon|sunday|midnight)|\d{1,2}% off|use (?:promo |coupon )?code|coupon code|check ?out now|don'?t miss out|while stocks? lasts?|(?<!\b(?:no|not in a|in no|there'?s no) )hurry)\b/gi,
  price: /(?:[$€£]\s?\d[\d,]*(?:\.\d\d)?|\b\d[\d,]*(?:\.\d\d)?\s?(?:USD|EUR|GBP|€))/g,
  /** Statements of what members get. */
  memberBenefit:
    /\b(?:members? (?:get|enjoy|receive|can)|as a member,? you(?:'ll| will)? (?:get|can|enjoy)|membership (?:gives|includes|means|comes with)|benefits of (?:joining|membership)|why join)\b[^.!?]{0,200}/gi,
  discountBenefit: /\b(?:discount|coupon|deal|% off|points|rewards?|sav(?:e|ings)|price|cashback|offers?|voucher)s?\b/i,
  otherBenefit:
    /\b(?:repair|clinic|librar(?:y|ies)|workshop|advice|help|support|events?|routes?|training|tools?|guides?|experts?|classes|mentors?|answers?|knowledge|learn|community rides?|meet-?ups?)\b/i,
  /** Labels that mark a post as coming from the brand's staff. */
  staffLabel:
    /^(?:staff|moderator|mod|official|employee|community (?:manager|team)|team member|admin(?:istrator)?|[\w&.' -]{2,30} staff|brand rep(?:resentative)?)$/i,
  /** Licence grabs in terms: breadth words and ownership transfer. */
  licenceBreadth: /\b(perpetual|irrevocable|sub-?licensable|royalty[- ]free|worldwide|transferable|unrestricted)\b/gi,
  licenceGrant: /\b(?:grant|give|assign)s?\b[^.]{0,80}\b(?:licen[cs]e|rights?)\b/i,
  ownershipTransfer:
    /\b(?:become|becomes|shall be(?:come)?|will be(?:come)?) (?:the )?(?:sole |exclusive )?property of\b|\bassign to (?:us|[A-Z]\w+) all (?:rights|title)/gi,
  ownershipKept: /\byou (?:keep|retain|own|continue to own)\b[^.]{0,40}\b(?:ownership|rights|copyright|content|posts?|everything)\b/i,
  /** Exclusivity framing: access, prices or content reserved to insiders ("only at ‹Brand›" is matched with the site's own name, in the signal). */
  exclusivity:
    /\bexclusive (?:deals?|offers?|access|content|prices?|pricing|savings|perks|events?|previews?)\b|\bonly (?:at|on|for|from) (?:members|insiders|vips?)\b|\bvip (?:access|members?|club|prices?|pricing|perks)\b|\binsider (?:access|prices?|pricing|deals?|perks)\b|\bearly access\b|\bunlock (?:member|exclusive|vip)\b/gi,
  /** Marks of an accepted or solving answer on a Q&A thread. */
  acceptedLabel: /^(?:accepted(?: answer| solution)?|best answer|solution|solved|marked as (?:the )?(?:solution|answer)|verified answer|expert answer)$/i,
  /** Headings that introduce a guide or how-to. */
  howToHeading: /^(?:how to|how do (?:i|you)|step[- ]by[- ]step|a (?:beginner'?s|quick) guide|guide to|tutorial|steps?\b|what you(?:'ll)? need)/i,
  /** A review says the reviewer got something for it. */
  incentiveMention:
    /\b(?:received (?:this|the|a) (?:product|item|sample)[^.]{0,40}\b(?:free|at no (?:cost|charge)|in exchange)|free (?:product|sample) (?:in exchange|for (?:my|an honest) review)|in exchange for (?:my|an|a) (?:honest )?review|(?:points|reward|coupon|voucher|entry) for (?:this|my|writing (?:a|this)) review)\b/gi,
  /** Words in a thread's title or breadcrumb that make it a help or support thread. */
  helpContext: /\b(help|support|problem|issue|troubleshoot|how do i|not working|broken|refund|return)\b/i,
  /** An explicit disclosure that a review was incentivised. */
  incentiveDisclosure:
    /\bincentivi[sz]ed review\b|\b(?:collected|submitted) as part of a (?:promotion|sampling program(?:me)?)\b|\breceived (?:this|the) (?:product|item) (?:for free|free of charge)[^.]{0,40}\b(?:in exchange|honest review)\b|#ad\b|\bsponsored review\b|\b(?:reviewer )?received (?:a )?(?:free product|compensation|points|a reward) for (?:this|writing this) review\b/gi,
} as const;

export type Lexicon = typeof EN;
