// German word patterns used by text signals: the same meaning, entry by entry, as en.ts, written the way German
// community sites, shops and brand forums phrase it (du and Sie forms, UI infinitives such as "Bewertung schreiben").
//
// JavaScript's `\b` counts ä, ö, ü and ß as non-word characters, even with the u flag, so "\bfür\b" would never
// match and "\bMitglieder" would match inside "Clubmitglieder". Every pattern here is therefore built by `de()`,
// which turns each `\b` into a Unicode-aware boundary (letters, digits and _ of any script are word characters) and
// adds the u flag. Compounds are spelled out ("[\p{L}-]*bewertung" for Kunden-/Produktbewertung) where they matter.
import type { Lexicon } from './en.js';

const WORD = String.raw`[\p{L}\p{N}_]`;
const BOUNDARY = `(?:(?<=${WORD})(?!${WORD})|(?<!${WORD})(?=${WORD}))`;

/** A pattern from alternatives, with `\b` made Unicode-aware and the u flag added. */
function de(flags: string, ...alternatives: string[]): RegExp {
  return new RegExp(alternatives.join('|').replace(/\\b/g, BOUNDARY), `${flags}u`);
}
const r = String.raw;

// Shared pieces.
const CONTENT = r`(?:[\p{L}-]*bewertung(?:en)?|rezension(?:en)?|beitr(?:ag|äge)|idee(?:n)?|antwort(?:en)?|fotos?|erfahrungsberichte?)`;
const REVIEW = r`(?:[\p{L}-]*bewertung|rezension|testbericht|meinung)`;
const READ = r`(?:zu lesen|weiterzulesen|zu sehen|anzusehen|anzuzeigen|einzusehen|zuzugreifen|freizuschalten|abzurufen|zu öffnen|zugriff zu (?:erhalten|bekommen))`;
const SIGN_IN = r`(?:melde (?:dich|euch) (?:jetzt |bitte )?an|melden sie sich (?:jetzt |bitte )?an|logg?e (?:dich|euch) (?:jetzt |bitte )?ein|loggen sie sich (?:jetzt |bitte )?ein|registriere (?:dich|euch)(?: jetzt| kostenlos)*|registrieren sie sich(?: jetzt| kostenlos)*|(?:jetzt |bitte |kostenlos )*(?:anmelden|einloggen|registrieren)|(?:erstelle|erstellen sie) (?:dir |sich )?(?:jetzt )?ein (?:kostenloses )?konto|(?:kostenloses )?konto (?:erstellen|anlegen)|werde (?:jetzt )?mitglied|werden sie (?:jetzt )?mitglied|(?:du musst|sie müssen|man muss|ihr müsst) (?:angemeldet|eingeloggt|registriert|mitglied) sein)`;
const MEMBERS = r`(?:registrierte |angemeldete |eingeloggte )?(?:[\p{L}-]*mitglieder|nutzer(?:innen)?|benutzer(?:innen)?|kund(?:en|innen))`;

export const DE: Lexicon = {
  /** Text that hides content until the reader signs in ("Melde dich an, um den ganzen Beitrag zu lesen"). */
  signInWall: de(
    'i',
    r`\b${SIGN_IN},? um\s+(?:[^.!?]{0,60}?\s)?${READ}\b`,
    r`\bum\s+(?:[^.!?]{0,60}?\s)?${READ},?\s+(?:musst du dich|müssen sie sich|müsst ihr euch|melde dich|melden sie sich|logge dich|loggen sie sich|registriere dich|registrieren sie sich|bitte)\s+(?:\p{L}+\s+)?(?:anmelden|einloggen|registrieren|an|ein)\b`,
    r`\bnur für ${MEMBERS}\b.{0,40}?\b(?:anmelden|einloggen|registrieren|mitglied werden)\b`,
    r`\b(?:dieser|diese|dieses) (?:inhalt|beitrag|thema|thread|seite|diskussion|bereich|artikel) ist (?:nur |ausschließlich )?für ${MEMBERS} (?:sichtbar|verfügbar|zugänglich|lesbar|freigeschaltet)\b`,
  ),
  /** Asks for content that serves the brand (reviews, ratings, ideas, feedback). */
  brandAsk: de(
    'gi',
    r`\b(?:schreib(?:e|en sie)?|verfass(?:e|en sie)?|hinterlass(?:e|en sie)?|gib|geben sie)\s+(?:jetzt\s+|uns\s+)*(?:eine|deine|ihre|eure)\s+(?:ehrliche\s+)?(?:[\p{L}-]*bewertung|rezension)\b`,
    r`\b(?:jetzt\s+)?(?:[\p{L}-]*bewertung|rezension|erfahrungsbericht)\s+(?:jetzt\s+)?(?:schreiben|verfassen|abgeben|hinterlassen)\b`,
    r`\b(?:produkt|artikel|kauf|einkauf|bestellung|händler|shop)\s+(?:jetzt\s+)?bewerten\b`,
    r`\bbewerte(?:n sie)?\s+(?:dieses|das|den|deinen|ihren|diesen|deine|ihre|diese)\s+(?:produkt|artikel|kauf|einkauf|bestellung|shop)\b`,
    r`\b(?:[\p{L}-]*idee|vorschlag|verbesserungsvorschlag)\s+(?:jetzt\s+)?einreichen\b`,
    r`\breich(?:e|en sie)\s+(?:jetzt\s+)?(?:deine|ihre|eure|eine|eine neue)\s+(?:[\p{L}-]*idee|vorschlag|verbesserungsvorschlag)\s+ein\b`,
    r`\b(?:sag|sagt|sagen sie)\s+uns,?\s+(?:deine|eure|ihre|was du|was ihr|was sie)\s+(?:meinung|denkst|denkt|denken)\b`,
    r`\b(?:teil|teile|teilt|teilen sie)\s+uns\s+(?:deine|eure|ihre)\s+(?:meinung|gedanken|eindrücke|feedback)\s+mit\b`,
    r`\b(?:teil|teile|teilt|teilen sie)\s+(?:deine|eure|ihre)\s+(?:meinung|gedanken|eindrücke|feedback)\s+mit\s+uns\b`,
    r`\b(?:gib|gebt|geben sie)\s+uns\s+(?:dein |euer |ihr )?feedback\b`,
  ),
  /** Asks that help other members rather than the brand ("Kannst du helfen?", "Weißt du die Antwort?"). */
  memberAsk: de(
    'gi',
    r`\b(?:kannst du|können sie|könnt ihr|kann jemand|wer kann)\s+(?:hier\s+|mir\s+|uns\s+|ihm\s+|ihr\s+)?(?:helfen|weiterhelfen)\b`,
    r`\b(?:weißt du|wisst ihr|wissen sie|kennst du|kennt ihr|kennen sie)\s+(?:die|eine)\s+(?:antwort|lösung)\b`,
    r`\b(?:hilf|helft|helfen sie)\s+(?:(?:einem|einer|den|der|dem)\s+)?(?:anderen|weiteren|nächsten|neuen)?\s*(?:mitglied(?:ern)?|radler(?:n|innen)?|fahrer(?:n|innen)?|kund(?:en|innen)|nutzer(?:n|innen)?|leser(?:n|innen)?|menschen|person|community|hobbyköch(?:en|innen)|gärtner(?:n|innen)?|anderen)\b`,
    r`\banderen\s+(?:mitgliedern\s+|nutzern\s+|radlern\s+|fahrern\s+|kunden\s+|lesern\s+|menschen\s+)?(?:zu\s+)?helfen\b`,
    r`\b(?:beantworte|beantwortet|beantworten sie)\s+(?:diese|die|seine|ihre|deren)\s+frage\b`,
    r`\b(?:diese\s+)?frage\s+beantworten\b`,
    r`\b(?:teil|teile|teilt|teilen sie)\s+(?:deine|eure|ihre)\s+(?:lösung|erfahrung(?:en)?|tipps?|reparatur|lösungsweg)\b[^.]{0,40}?(?:,?\s*damit|,?\s*sodass|,?\s*so dass|\s+mit\s+(?:anderen|der community))\b`,
  ),
  /** Rewards paid for content ("Sammle 500 Punkte", "Punkte für jede Bewertung", "5-€-Gutschein für deine Bewertung"). */
  contentReward: de(
    'gi',
    r`\b(?:sammle|sammeln sie|sammelt|erhalte|erhalten sie|erhältst du|bekomme|bekommst du|bekommen sie|verdiene|verdienen sie|kassiere|sichere dir|sichern sie sich)\s+(?:jetzt\s+)?(?:bis zu\s+)?\d[\d.]*\s?[\p{L}-]*punkte\b`,
    r`\b(?:bis zu\s+)?\d[\d.]*\s?[\p{L}-]*punkte\s+(?:sammeln|erhalten|bekommen|verdienen|kassieren|sichern)\b`,
    r`\b(?:[\p{L}-]*punkte|[\p{L}-]*gutschein(?:e)?|prämien?|belohnung(?:en)?|bonus)\s+(?:sammeln\s+|erhalten\s+|bekommen\s+|verdienen\s+)?(?:für|pro)\s+(?:jede|jeden|jedes|deine|ihre|eure|eine|einen)?\s*(?:freigegebene[n]?\s+|veröffentlichte[n]?\s+|geprüfte[n]?\s+)?${CONTENT}\b`,
    r`\bfür\s+(?:jede|jeden|jedes)\s+(?:freigegebene[n]?\s+|veröffentlichte[n]?\s+|geprüfte[n]?\s+)?${CONTENT}\b[^.]{0,40}?(?:\d[\d.]*\s?[\p{L}-]*punkte|[\p{L}-]*gutschein|prämie|\d+(?:,\d\d)?\s?(?:€|euro)(?!\p{L}))`,
    r`\b(?:erhalte|erhalten sie|erhältst du|bekomme|bekommst du|bekommen sie|sichere dir|sichern sie sich)\s+(?:einen|ein|eine)?\s*(?:\d+(?:,\d\d)?[\s-]?(?:€|euro|eur)|€\s?\d+)[\s-]*(?:[\p{L}-]*gutschein|[\p{L}-]*guthaben|geschenkkarte|gutschrift)\b[^.]{0,60}\b${CONTENT}\b`,
  ),
  /** Possessive or ownership framing of people and community. Case-sensitive like EN: nouns are capitalised. */
  possessive: de(
    'g',
    r`\b[Uu]nser(?:e|en|er|em)? (?:Kund(?:e|en|in|innen|\*innen|:innen|Innen)(?: und Kunden)?|Kundschaft|Stammkund(?:en|innen|schaft)|Mitglied(?:er|ern)?|Community-Mitglied(?:er|ern)?|Nutzer(?:innen|\*innen|:innen|n)?|Käufer(?:innen|n)?|Fans|Shopper)\b`,
    r`\b[Ee]xklusiv (?:nur )?für (?:unsere |alle |registrierte )?[\p{L}-]*[Mm]itglieder(?:n)?\b`,
    r`\b[Nn]ur für (?:registrierte |angemeldete )?[\p{L}-]*[Mm]itglieder(?:n)?\b`,
    r`\b(?:[Dd]eine|Ihre|[Ee]ure|[Uu]nsere?r?|der) \p{Lu}[\p{L}\p{N}]*-Familie\b`,
  ),
  /** Calls to buy ("Jetzt kaufen", "In den Warenkorb", "nur für kurze Zeit", "20 % Rabatt", "Gutscheincode"). */
  callToBuy: de(
    'gi',
    r`\b(?:jetzt|sofort|heute) (?:kaufen|bestellen|shoppen|zuschlagen|zugreifen|einkaufen)\b`,
    r`\bin den (?:warenkorb|einkaufswagen)\b(?! (?:gelegt|getan|gepackt))`,
    r`\b(?:zum|in den) warenkorb hinzufügen\b`,
    r`\b(?:jetzt|direkt|weiter) zur kasse\b`,
    r`\b(?:rabatt|angebot|deal|gutschein|preisvorteil|schnäppchen)\p{L}* (?:jetzt )?sichern\b`,
    r`\bnur (?:noch )?(?:für )?(?:kurze|begrenzte) zeit\b`,
    r`\bzeitlich begrenzte[sr]? (?:angebot|aktion|rabatt|deal|sale)\b`,
    r`\b(?:angebot|aktion|rabatt|deal|sale)\p{L}* (?:ist |nur )?zeitlich begrenzt\b`,
    r`\bnur noch heute\b`,
    r`\bnur heute(?=\s?[:!])`,
    r`\b(?:angebot|aktion|sale|rabatt|deal|aktionszeitraum)\p{L}* endet\b`,
    r`\bendet (?:heute(?: nacht| um mitternacht)?|um mitternacht)\b`,
    r`\b\d{1,2}\s?(?:%|prozent)\s?(?:rabatt|nachlass|günstiger|sparen|auf alles)\b`,
    r`\b(?:gutschein|rabatt|aktions|promo|coupon|vorteils)-?codes?\b`,
    r`\b(?:nutze|nutzen sie|verwende|verwenden sie|mit) (?:den |dem )?code\b`,
    r`\b(?:nur\s+)?solange (?:der )?vorrat reicht\b`,
    r`\bnur noch (?:wenige|\d+) (?:stück |exemplare |artikel )?(?:verfügbar|auf lager|vorrätig)\b`,
    r`\b(?:verpasse|verpasst|verpassen sie) (?:keine[n]? |nicht (?:die|das|den|diese[ns]?) )?(?:angebote?|deals?|rabatte?|schnäppchen|aktion(?:en)?|sale)\b`,
    r`\b(?:angebot|deal|aktion|rabatt|sale|schnäppchen)\p{L}*\b[^.!?]{0,30}\bnicht verpassen\b`,
    r`\bbeeil(?:e|en)? (?:dich|euch|sich)\b`,
    r`\bschnell zugreifen\b`,
    r`\bschnell sein lohnt sich\b`,
  ),
  /** Prices as German sites write them: 19,99 €, € 19,99, 1.299,00 EUR, 19,- €, CHF 19.90. */
  price: de(
    'g',
    r`(?:€|EUR)\s?\d+(?:\.\d{3})*(?:,(?:\d\d|-{1,2}|–))?`,
    r`\b\d+(?:\.\d{3})*(?:,(?:\d\d|-{1,2}|–))?\s?(?:€|EUR\b|Euro\b)`,
    r`\b(?:CHF|Fr\.)\s?\d+(?:[.,]\d\d|\.–)?`,
    r`\b\d+(?:[.,]\d\d)?\s?CHF\b`,
  ),
  /** Statements of what members get ("Mitglieder erhalten …", "Vorteile der Mitgliedschaft"). */
  memberBenefit: de(
    'gi',
    r`\b(?:[\p{L}-]*mitglieder (?:erhalten|bekommen|genießen|profitieren|können|sparen)|[\p{L}-]*mitglied (?:erhält|bekommt|genießt|profitiert|kann)|als (?:[\p{L}-]*)?mitglied,? (?:erhältst|bekommst|genießt|profitierst|kannst|sparst) du|als (?:[\p{L}-]*)?mitglied,? (?:erhalten|bekommen|genießen|profitieren|können|sparen) sie|(?:die |eine |deine |ihre )?mitgliedschaft (?:bietet|umfasst|beinhaltet|bringt|bedeutet|enthält)|vorteile (?:der|einer|deiner|ihrer) mitgliedschaft|(?:deine|ihre|eure) vorteile als mitglied|mitgliedervorteile|warum (?:mitglied werden|mitmachen)|das (?:bekommst|erhältst) du als mitglied)\b[^.!?]{0,200}`,
  ),
  discountBenefit: de(
    'i',
    r`rabatt|gutschein|coupon|\bdeals?\b|angebot|%|prozent|punkte|prämie|belohnung|\bspar|ersparnis|preis|cashback|bonus|vergünstig|nachlass`,
  ),
  otherBenefit: de(
    'i',
    r`reparatur|werkstatt|sprechstunde|bibliothek|verleih|workshop|\bkurse?\b|\p{L}+kurse?\b|beratung|\brat\b|ratgeber|tipps?\b|hilfe|unterstützung|support|veranstaltung|\bevents?\b|treffen|\btouren?\b|radtour|ausfahrt|\brouten?\b|schulung|training|werkzeug|anleitung|leitfaden|expert|fachleute|mentor|coaching|antwort|\bwissen\b|fachwissen|wissensdatenbank|lernen|stammtisch|meet-?ups?`,
  ),
  /** Labels that mark a post as coming from the brand's staff (the whole badge text). */
  staffLabel: de(
    'i',
    r`^(?:mitarbeiter(?:in)?|moderator(?:in)?|moderation|mod|offiziell(?:e[rs]?)?(?: (?:antwort|account|team))?|team|teammitglied|team-mitglied|admin(?:istrator(?:in)?)?|community[- ]?(?:manager(?:in)?|team)|(?:super|globale?r?)[- ]?moderator(?:in)?|kundenservice|kundendienst|support(?:-?team)?|markenvertreter(?:in)?|[\p{L}\p{N}&.' -]{2,30}[ -](?:team|mitarbeiter(?:in)?)|[\p{L}\p{N}&.'-]{2,30}team)$`,
  ),
  /** Licence grabs in terms: breadth words (named by their English term, so synonyms count once) and grants. */
  licenceBreadth: de(
    'gi',
    r`(?<perpetual>\b(?:unbefristet|zeitlich unbe(?:grenzt|schränkt)|dauerhaft)(?=(?:e[nmrs]?)?\b))`,
    r`(?<irrevocable>\bunwiderruflich(?=(?:e[nmrs]?)?\b))`,
    r`(?<sublicensable>(?<!\bnicht[\s-])\b(?:unterlizenzierbar|sublizenzierbar)(?=(?:e[nmrs]?)?\b)|\b(?:mit dem recht|berechtigt),? (?:zur vergabe von |zur erteilung von )?unterlizenz(?:en)?\b)`,
    r`(?<royaltyfree>\b(?:unentgeltlich|kostenlos|vergütungsfrei|lizenzgebührenfrei|gebührenfrei|ohne vergütung)(?=(?:e[nmrs]?)?\b))`,
    r`(?<worldwide>\b(?:weltweit|räumlich unbe(?:grenzt|schränkt))(?=(?:e[nmrs]?)?\b))`,
    r`(?<transferable>(?<!\bnicht[\s-])\bübertragbar(?=(?:e[nmrs]?)?\b))`,
    r`(?<unrestricted>(?<!\b(?:zeitlich|räumlich) )\b(?:uneingeschränkt|unbeschränkt|unbegrenzt)(?=(?:e[nmrs]?)?\b))`,
  ),
  // German grant sentences run long: the breadth words usually sit between the verb and "Nutzungsrecht".
  licenceGrant: de(
    'i',
    r`\b(?:räum(?:e|st|t|en)|einräum\p{L}*|eingeräumt|gewähr(?!leist)\p{L}*|erteil\p{L}*|überträgst|übertragen|überträgt|überlässt|überlassen)\b[^.]{0,200}\b(?:[\p{L}-]*recht(?:e|en)?|[\p{L}-]*lizenz(?:en)?)\b`,
    r`\b(?:[\p{L}-]*recht(?:e|en)?|[\p{L}-]*lizenz(?:en)?)\b[^.]{0,120}\b(?:einräumen|einzuräumen|eingeräumt|gewähr(?!leist)\p{L}*|erteil\p{L}*|übertr(?:a|ä)g\p{L}*|überlass\p{L}*)\b`,
  ),
  ownershipTransfer: de(
    'gi',
    r`\bin (?:das |unser |unsere |den )?(?:alleinige |ausschließliche )?eigentum(?: (?:von|der|des) [\p{L}\p{N}&.-]+(?: [\p{L}\p{N}&.-]+)?)? über(?:gehen|geht)?\b`,
    r`\b(?:wird|werden|wirst) (?:zu(?:m| unserem)? |unser |das )?(?:alleinige[sn]? |ausschließliche[sn]? )?eigentum\b`,
    r`\b(?:überträgst du|du überträgst|übertragen sie|sie übertragen|überträgt der nutzer|der nutzer überträgt|trittst du|du trittst|treten sie|sie treten)\s+(?:uns\s+|hiermit\s+|[\p{Lu}][\p{L}\p{N}&.-]+\s+)*(?:alle|sämtliche)\s+[\p{L}-]*rechte\b`,
    r`\b(?:alle|sämtliche) [\p{L}-]*rechte\b[^.]{0,40}\bgehen (?:auf|an) (?:uns|[\p{L}\p{N}&.-]+) über\b`,
  ),
  ownershipKept: de(
    'i',
    r`\b(?:du behältst|sie behalten|ihr behaltet|behältst du|behalten sie)\b[^.]{0,40}\b(?:eigentum|[\p{L}-]*rechte?|inhalte?|beiträge?|alles)\b`,
    r`\bbleib(?:t|en|st)\b[^.]{0,30}\b(?:dein|ihr|euer)(?:e|es)? (?:eigentum|werk|inhalt)\b`,
    r`\b(?:du bleibst|sie bleiben|bleibst du|bleiben sie) (?:alleinige[r]? )?(?:inhaber|eigentümer|urheber)(?:in)?\b`,
    r`\b(?:eigentum|[\p{L}-]*rechte?)\b[^.]{0,40}\b(?:verbleib\p{L}*|bleib\p{L}*)\b[^.]{0,20}\bbei (?:dir|ihnen|euch|dem (?:nutzer|autor|verfasser)|den (?:nutzern|autoren|verfassern))\b`,
  ),
  /** Exclusivity framing ("exklusive Angebote", "nur bei uns", "VIP-Preise", "Vorabzugang"). */
  exclusivity: de(
    'gi',
    r`\bexklusive?[nrs]? (?:angebote?|deals?|zugang|zugriff|inhalte?|preise?|rabatte?|vorteile?|events?|veranstaltungen?|aktionen?|einblicke?|vorschau|previews?|prämien?|gutscheine?|sonderpreise?)\b`,
    r`\bexklusiv-?(?:angebote?|deals?|zugang|zugriff|inhalte?|preise?|rabatte?|vorteile?|events?|aktionen?)\b`,
    r`\bnur (?:bei uns|im (?:[\p{L}-]+-)?(?:shop|store|onlineshop)|in (?:der|unserer) app|für (?:registrierte |angemeldete )?(?:[\p{L}-]*mitglieder|insider|vips?|abonnenten))\b`,
    r`\bvip[- ]?(?:zugang|zugriff|club|klub|mitglied(?:er|schaft)?|preise?|vorteile?|status|bereich|angebote?)\b`,
    r`\binsider[- ]?(?:zugang|zugriff|preise?|deals?|vorteile?|angebote?)\b`,
    r`\b(?:early access|vorab-?zugang|vorab-?zugriff|frühzeitige[nrm]? zugang)\b`,
    r`\b(?:schalte|schalten sie)\s+(?:jetzt\s+)?(?:exklusive?\p{L}*|mitglieder\p{L}*|vip\p{L}*)`,
  ),
  /** Marks of an accepted or solving answer on a Q&A thread (the whole badge text). */
  acceptedLabel: de(
    'i',
    r`^(?:(?:akzeptierte|beste|hilfreichste|verifizierte|bestätigte) (?:antwort|lösung)|lösung|gelöst|\[gelöst\]|als (?:lösung|beste antwort|antwort) markiert|lösung akzeptiert|expertenantwort|antwort vom experten|problem gelöst)$`,
  ),
  /** Headings that introduce a guide or how-to; German often puts the topic first ("Kette wechseln: Schritt für Schritt"). */
  howToHeading: de(
    'i',
    r`^(?:[\p{L}-]*anleitung\b|so geht'?s\b|so geht es\b|so \p{L}+ (?:du|sie|ihr|man)\b|schritt[- ]für[- ]schritt|wie (?:kann|können|mache|macht|repariere|wechsle|wechsele|stelle|baue|finde|richte|tausche|wechselt|repariert) (?:ich|man|du|sie|ihr)\b|wie man\b|ratgeber\b|leitfaden\b|tutorial\b|einsteiger\p{L}*\b|schritte?\b|das brauchst du\b|was du brauchst\b|was sie brauchen\b)`,
    r`[:–—-]\s*(?:schritt[- ]für[- ]schritt|so geht'?s|so geht es|eine anleitung|anleitung)[.!]?$`,
    r`\bin \d+ (?:einfachen |leichten )?schritten[.!]?$`,
  ),
  /** A review says the reviewer got something for it ("kostenlos erhalten im Austausch für eine ehrliche Bewertung"). */
  incentiveMention: de(
    'gi',
    r`\b(?:produkt|artikel|muster|probe|testprodukt|exemplar)\b[^.]{0,60}\b(?:kostenlos|gratis|umsonst|unentgeltlich|kostenfrei)\b[^.]{0,30}\b(?:zum test(?:en)?|zur verfügung gestellt|zugeschickt|zugesandt|überlassen)\b`,
    r`\b(?:dieses|das|den|diesen) (?:produkt|artikel|muster|exemplar|testprodukt)\b[^.]{0,30}\b(?:kostenlos|gratis|umsonst|unentgeltlich|kostenfrei)\b[^.]{0,20}\b(?:erhalten|bekommen)\b`,
    r`\b(?:kostenlos|gratis|umsonst|unentgeltlich|kostenfrei) (?:erhalten|bekommen|zur verfügung gestellt|zugeschickt)\b[^.]{0,40}\b(?:im austausch|als gegenleistung) (?:für|gegen) (?:eine|meine) (?:ehrliche |unabhängige )?${REVIEW}\b`,
    r`\b(?:im austausch|als gegenleistung) (?:für|gegen) (?:eine|meine|die) (?:ehrliche |unabhängige )?${REVIEW}\b`,
    r`\b(?:kostenlose[sn]? |gratis-?)(?:produkt|muster|probe|testprodukt|exemplar)\b[^.]{0,40}\b(?:für (?:eine|meine) (?:ehrliche )?${REVIEW}|im austausch|als gegenleistung)\b`,
    r`\b(?:[\p{L}-]*punkte|belohnung|prämie|[\p{L}-]*gutschein|teilnahme|los) für (?:diese|meine|das schreiben (?:einer|dieser)|das verfassen (?:einer|dieser)) (?:[\p{L}-]*bewertung|rezension)\b`,
  ),
  /** Words in a thread's title or breadcrumb that make it a help or support thread ("Bremse quietscht – Problem"). */
  helpContext: de(
    'i',
    r`\b(?:hilfe|support|[\p{L}-]*probleme?|fehler(?:suche)?|störung|funktioniert nicht|geht nicht|defekt|kaputt|wie kann ich|erstattung|rückerstattung|rückgabe|retoure|umtausch|reklamation)\b`,
  ),
  /** An explicit disclosure that a review was incentivised ("#Werbung", "(Anzeige)", "gesponserte Bewertung"). */
  incentiveDisclosure: de(
    'gi',
    r`#(?:werbung|anzeige|ad|sponsored|gesponsert)\b`,
    r`[(\[](?:werbung|anzeige|unbezahlte werbung)[)\]]`,
    r`\b(?:unbezahlte|bezahlte) werbung\b`,
    r`\b(?:incentivierte|gesponserte|bezahlte)[nr]? (?:[\p{L}-]*bewertung|rezension|testbericht)\b`,
    r`\bim rahmen (?:einer|eines) [\p{L}-]*(?:aktion|programms?|kampagne|tests?)\b[^.]{0,20}\b(?:eingereicht|gesammelt|erstellt|verfasst|geschrieben)\b`,
    r`\b(?:produkt|artikel)\b[^.]{0,40}\b(?:kostenlos|gratis|unentgeltlich|kostenfrei)\b[^.]{0,40}\b(?:im austausch|als gegenleistung|ehrliche (?:bewertung|meinung|rezension))\b`,
    r`\b(?:kostenlos|gratis|unentgeltlich|kostenfrei)\b[^.]{0,40}\b(?:erhalten|bekommen|zur verfügung gestellt)\b[^.]{0,40}\b(?:im austausch|als gegenleistung) (?:für|gegen) (?:eine|meine) (?:ehrliche |unabhängige )?${REVIEW}\b`,
    r`\bfür (?:diese|das verfassen dieser|das schreiben dieser) (?:[\p{L}-]*bewertung|rezension) (?:ein |eine |einen )?(?:kostenloses produkt|vergütung|punkte|prämie|belohnung|gutschein)\b[^.]{0,20}\b(?:erhalten|bekommen)\b`,
    r`\b(?:ein kostenloses produkt|eine vergütung|\d*\s?punkte|eine prämie|eine belohnung|einen gutschein) für (?:diese|das verfassen dieser|das schreiben dieser) (?:[\p{L}-]*bewertung|rezension) (?:erhalten|bekommen)\b`,
  ),
};
