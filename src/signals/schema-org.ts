// schema.org read from a page: JSON-LD (including @graph and nested nodes) and microdata, as plain nodes with their
// types. Enough for page-type classification and for Q&A markers (acceptedAnswer, suggestedAnswer, answerCount).
import type { CheerioAPI } from 'cheerio';

export interface SchemaNode {
  types: string[];
  /** Property names present on the node (JSON-LD keys or microdata itemprops of its direct properties). */
  props: Record<string, unknown>;
  /** A node of its own (a JSON-LD root or @graph member, an itemscope outside any other), not a property of another. */
  topLevel: boolean;
}

function typesOf(t: unknown): string[] {
  const list = Array.isArray(t) ? t : t === undefined ? [] : [t];
  return list.filter((x): x is string => typeof x === 'string').map((x) => x.replace(/^https?:\/\/schema\.org\//, ''));
}

function walk(value: unknown, out: SchemaNode[], topLevel: boolean): void {
  if (Array.isArray(value)) {
    for (const v of value) walk(v, out, topLevel);
    return;
  }
  if (!value || typeof value !== 'object') return;
  const obj = value as Record<string, unknown>;
  const types = typesOf(obj['@type']);
  if (types.length) out.push({ types, props: obj, topLevel });
  for (const [k, v] of Object.entries(obj)) if (k !== '@type' && k !== '@context') walk(v, out, k === '@graph' && topLevel);
}

/** Every typed node in the page's JSON-LD blocks and microdata, in document order. Invalid JSON is skipped. */
export function schemaNodes($: CheerioAPI): SchemaNode[] {
  const out: SchemaNode[] = [];
  $('script[type="application/ld+json"]').each((_, el) => {
    try {
      walk(JSON.parse($(el).text()), out, true);
    } catch {
      /* a broken block tells nothing */
    }
  });
  $('[itemscope][itemtype]').each((_, el) => {
    const props: Record<string, unknown> = {};
    $(el)
      .find('[itemprop]')
      .filter((_, p) => $(p).parent().closest('[itemscope]')[0] === el)
      .each((_, p) => {
        const name = $(p).attr('itemprop') ?? '';
        props[name] = $(p).attr('content') ?? $(p).attr('href') ?? $(p).text().trim();
      });
    out.push({
      types: typesOf(($(el).attr('itemtype') ?? '').split(/\s+/).filter(Boolean)),
      props,
      topLevel: $(el).parent().closest('[itemscope]').length === 0,
    });
  });
  return out;
}

/** Q&A markers in schema.org: answers counted, whether one was accepted. Null when the page declares none. */
export function schemaAnswers(nodes: SchemaNode[]): { answers: number; accepted: boolean } | null {
  let answers = 0;
  let accepted = false;
  let seen = false;
  for (const n of nodes) {
    const p = n.props;
    if ('answerCount' in p || 'commentCount' in p) {
      seen = true;
      answers = Math.max(answers, Number(p['answerCount'] ?? p['commentCount']) || 0);
    }
    if ('acceptedAnswer' in p) {
      seen = true;
      accepted = true;
      answers = Math.max(answers, 1);
    }
    if ('suggestedAnswer' in p) {
      seen = true;
      const s = p['suggestedAnswer'];
      answers = Math.max(answers, Array.isArray(s) ? s.length : 1);
    }
  }
  return seen ? { answers, accepted } : null;
}
