// Each audit as the comparison reads it, and the ranking: only brands with a verdict are ranked, scores too close
// to order share a position, and a verdict on thin evidence is marked provisional.
import type { AuditResult } from '../result/types.js';
import { THIN_COVERAGE } from '../report/view-model.js';
import type { ComparedBrand, ComparisonResult } from './schema.js';

/** Fewer fetched pages than this is thin evidence, whatever the coverage says. */
export const FEW_PAGES = 10;
/** Index scores closer than this share a position: the method is not that precise. */
export const RANK_MARGIN = 5;

export function comparedBrand(r: AuditResult): ComparedBrand {
  const reasons: ComparedBrand['evidence']['reasons'] = [];
  if (r.index.coverage < THIN_COVERAGE) reasons.push('low-coverage');
  if (r.crawl.pagesFetched < FEW_PAGES) reasons.push('few-pages');
  return {
    brand: r.brand,
    site: r.site.url,
    auditedAt: r.generatedAt,
    toolVersion: r.tool.version,
    rubric: { name: r.rubric.name, version: r.rubric.version },
    index: { ...r.index },
    evidence: { pagesFetched: r.crawl.pagesFetched, coverage: r.index.coverage, thin: reasons.length > 0, reasons },
    community: {
      found: r.community.found,
      platform: r.community.platform,
      memberPosts: r.community.memberPosts,
      threadPages: r.community.pageTypes.thread ?? 0,
    },
    questions: r.questions.map((q) => ({
      id: q.id,
      status: q.status,
      score: q.score,
      band: q.band,
      leaning: q.leaning,
      coverage: q.coverage,
      indexScore: q.indexScore,
    })),
  };
}

/** Ranked brands (scored, highest index first; ties in score keep the input order) and the ones with no verdict. */
export function rank(brands: readonly ComparedBrand[]): Pick<ComparisonResult, 'ranking' | 'unranked'> {
  const scored = brands.filter((b) => b.index.status === 'scored' && b.index.score !== null);
  const ordered = [...scored].sort((a, b) => b.index.score! - a.index.score!);
  const ranking: ComparisonResult['ranking'] = [];
  let groupTop: number | null = null;
  let position = 0;
  ordered.forEach((b, i) => {
    // A brand joins the group of the brand above when it is within the margin of the group's highest score.
    if (groupTop === null || groupTop - b.index.score! >= RANK_MARGIN) {
      position = i + 1;
      groupTop = b.index.score!;
    }
    ranking.push({ brand: b.brand, position, level: false, provisional: b.evidence.thin });
  });
  for (const e of ranking) e.level = ranking.filter((x) => x.position === e.position).length > 1;
  const unranked = brands
    .filter((b) => !scored.includes(b))
    .map((b) => ({
      brand: b.brand,
      reason: b.index.status === 'scored' ? ('not-measured' as const) : (b.index.status as ComparisonResult['unranked'][number]['reason']),
    }));
  return { ranking, unranked };
}
