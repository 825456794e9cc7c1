import { z } from 'zod';
import { AuditResultSchema } from './schema.js';
import { CiRunSchema } from './ci-schema.js';

export function auditResultJsonSchema(): Record<string, unknown> {
  // `io: 'output'` describes the document as written (defaults applied).
  const schema = z.toJSONSchema(AuditResultSchema, { io: 'output' }) as Record<string, unknown>;
  return {
    ...schema,
    $id: 'https://github.com/conductor-audit/conductor-audit/blob/main/src/result/audit.schema.json',
    title: 'conductor-audit result (audit.json)',
  };
}

export function ciRunJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(CiRunSchema, { io: 'output' }) as Record<string, unknown>;
  return {
    ...schema,
    $id: 'https://github.com/conductor-audit/conductor-audit/blob/main/src/result/ci.schema.json',
    title: 'conductor-audit ci job result (ci.json)',
  };
}
