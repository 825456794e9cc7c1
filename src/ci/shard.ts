// Which brands a shard runs. Each brand goes to the shard with the highest hash of (slug, shard) — rendezvous
// hashing — so the split depends on nothing but the slug and the shard count: adding or removing a brand moves no
// other brand, and going from N to N+1 shards moves only about 1/(N+1) of them. Every machine computes the same
// split without talking to the others.
import { createHash } from 'node:crypto';
import { UserError } from '../util/errors.js';

export interface Shard {
  /** 1-based, as GitHub matrices and GitLab's CI_NODE_INDEX count. */
  index: number;
  total: number;
}

/** The environment variable that gives a Kubernetes Indexed Job its shard count (Kubernetes sets only the index). */
export const SHARD_TOTAL_ENV = 'CONDUCTOR_AUDIT_SHARD_TOTAL';

const FORMAT_HELP = 'use --shard K/N (1 ≤ K ≤ N, e.g. --shard 2/3), or --shard auto on GitLab (parallel:) or a Kubernetes Indexed Job';

function whole(value: string | undefined): number | null {
  return value !== undefined && /^\d+$/.test(value.trim()) ? Number(value.trim()) : null;
}

/** `K/N`, or `auto`: GitLab `CI_NODE_INDEX`/`CI_NODE_TOTAL` (1-based), else Kubernetes `JOB_COMPLETION_INDEX` (0-based) plus the count. */
export function parseShard(value: string, env: NodeJS.ProcessEnv = process.env): Shard {
  if (value.trim() === 'auto') {
    const gitlabIndex = whole(env.CI_NODE_INDEX);
    const gitlabTotal = whole(env.CI_NODE_TOTAL);
    if (gitlabIndex !== null && gitlabTotal !== null) return checked(gitlabIndex, gitlabTotal, 'CI_NODE_INDEX/CI_NODE_TOTAL');
    const k8sIndex = whole(env.JOB_COMPLETION_INDEX);
    if (k8sIndex !== null) {
      const total = whole(env[SHARD_TOTAL_ENV]);
      if (total === null)
        throw new UserError(
          `--shard auto: JOB_COMPLETION_INDEX is set (a Kubernetes Indexed Job) but the shard count is not: set ${SHARD_TOTAL_ENV} to the Job's \`completions\` in its env.`,
        );
      return checked(k8sIndex + 1, total, `JOB_COMPLETION_INDEX/${SHARD_TOTAL_ENV}`);
    }
    throw new UserError(
      `--shard auto found no shard in the environment: GitLab sets CI_NODE_INDEX and CI_NODE_TOTAL for a job with \`parallel:\`, a Kubernetes Indexed Job sets JOB_COMPLETION_INDEX (add ${SHARD_TOTAL_ENV}). On GitHub Actions pass the matrix value: --shard \${{ matrix.shard }}/N.`,
    );
  }
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(value);
  if (!m) throw new UserError(`--shard "${value}": ${FORMAT_HELP}.`);
  return checked(Number(m[1]), Number(m[2]), '--shard');
}

function checked(index: number, total: number, from: string): Shard {
  if (total < 1 || index < 1 || index > total) throw new UserError(`${from} gives shard ${index} of ${total}: ${FORMAT_HELP}.`);
  return { index, total };
}

function weight(slug: string, shard: number): bigint {
  return createHash('sha256').update(`${slug}\u0000${shard}`).digest().readBigUInt64BE(0);
}

/** The shard (1-based) a brand belongs to among `total`. */
export function shardOf(slug: string, total: number): number {
  let best = 1;
  let bestWeight = -1n;
  for (let k = 1; k <= total; k++) {
    const w = weight(slug, k);
    if (w > bestWeight) [best, bestWeight] = [k, w];
  }
  return best;
}

export function inShard(slug: string, shard: Shard | null): boolean {
  return shard === null || shardOf(slug, shard.total) === shard.index;
}
