// The run-to-run spread of scores, measured by re-auditing the bundled demo snapshots (served on 127.0.0.1) again
// and again: the evidence behind the noise bands in src/config/defaults.ts (ci.noise). A site that did not change
// should score the same; where the page budget cuts the site, which pages make it in can depend on timing.
//   npm run noise              # 10 runs per setting
//   npm run noise -- 25        # 25 runs per setting
import path from 'node:path';
import { auditSite } from '../src/api/run-audit.js';
import { loadAuditFile } from '../src/config/load-audit.js';

const runs = Math.max(2, Number(process.argv[2] ?? 10));
const budgets = [200, 30, 20, 12];
const root = path.resolve(import.meta.dirname, '..');
const spread = (xs: number[]) => (xs.some((x) => !Number.isFinite(x)) ? NaN : Math.max(...xs) - Math.min(...xs));
const fmt = (x: number) => (Number.isNaN(x) ? '  n/a' : x.toFixed(1).padStart(5));

console.log(`${runs} audits per row; spread = highest − lowest score over the runs (n/a: no score in some run)`);
console.log('brand       pages  index     Q1    Q2    Q3    Q4    Q5  fetched');
const worst = { index: 0, question: 0 };
for (const brand of ['megamart', 'brightside']) {
  for (const maxPages of budgets) {
    const audit = await loadAuditFile(path.join(root, 'audits/demo', `${brand}.yaml`));
    audit.crawl = { ...audit.crawl, maxPages };
    const rows: number[][] = [];
    for (let i = 0; i < runs; i++) {
      const r = await auditSite(audit);
      rows.push([r.index.score ?? NaN, ...r.questions.map((q) => q.score ?? NaN), r.crawl.pagesFetched]);
    }
    const s = rows[0]!.map((_, j) => spread(rows.map((r) => r[j]!)));
    if (Number.isFinite(s[0]!)) worst.index = Math.max(worst.index, s[0]!);
    for (const q of s.slice(1, 6)) if (Number.isFinite(q)) worst.question = Math.max(worst.question, q);
    console.log(`${brand.padEnd(11)} ${String(maxPages).padStart(5)}  ${s.slice(0, 6).map(fmt).join(' ')}  ${fmt(s[6]!)}`);
  }
}
console.log(`largest spread: index ${worst.index.toFixed(1)}, question ${worst.question.toFixed(1)}`);
