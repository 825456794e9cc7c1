export type { AuditResult, QuestionId, Evidence, SignalResult, QuestionResult, CrawlSummary, IndexLabel } from './schema.js';
import type { z } from 'zod';
import type { DirectionSchema } from './schema.js';
export type Direction = z.infer<typeof DirectionSchema>;
