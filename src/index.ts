// The library API. The CLI (src/cli.ts) is a thin wrapper over these.
export { runAudit, auditSite, defaultUserAgent } from './api/run-audit.js';
export type { AuditOptions, RunAuditOptions, RunAuditResult } from './api/run-audit.js';
export { compareAudits, COMPARISON_FILES } from './api/compare-audits.js';
export type { CompareOptions, CompareResult } from './api/compare-audits.js';
export { buildComparison } from './compare/build.js';
export { ComparisonResultSchema } from './compare/schema.js';
export type { ComparisonResult } from './compare/schema.js';
export { loadAuditFile, auditFromFlags, validateAudit } from './config/load-audit.js';
export type { ResolvedAudit } from './config/load-audit.js';
export { AuditFileSchema } from './config/audit-file.js';
export { AuditResultSchema } from './result/schema.js';
export type { AuditResult, QuestionResult, SignalResult, Evidence } from './result/types.js';
export { loadRubric, RubricSchema, scoreFromPoints } from './score/rubric.js';
export { SIGNALS } from './signals/registry.js';
export type { Signal, SignalMeta } from './signals/types.js';
export { UserError } from './util/errors.js';
export { VERSION } from './version.js';
