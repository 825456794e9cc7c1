// A stable split by slug: the same everywhere, balanced enough, few moves when brands or shards are added, and the
// shard read from the engines people already run.
import { describe, expect, it } from 'vitest';
import { inShard, parseShard, SHARD_TOTAL_ENV, shardOf } from '../../../src/ci/shard.js';
import { UserError } from '../../../src/util/errors.js';

const slugs = Array.from({ length: 200 }, (_, i) => `client-${i}`);

describe('shardOf', () => {
  it('gives every brand exactly one shard, the same on every call', () => {
    for (const s of slugs) {
      const k = shardOf(s, 5);
      expect(k).toBeGreaterThanOrEqual(1);
      expect(k).toBeLessThanOrEqual(5);
      expect(shardOf(s, 5)).toBe(k);
      expect([1, 2, 3, 4, 5].filter((i) => inShard(s, { index: i, total: 5 }))).toEqual([k]);
    }
  });

  it('spreads 200 brands over 5 shards within a third of the mean', () => {
    const counts = [0, 0, 0, 0, 0];
    for (const s of slugs) counts[shardOf(s, 5) - 1]!++;
    for (const c of counts) expect(Math.abs(c - 40)).toBeLessThan(14);
  });

  it('moves only about 1/(N+1) of the brands when a shard is added, all of them to the new shard', () => {
    const moved = slugs.filter((s) => shardOf(s, 4) !== shardOf(s, 5)).length;
    expect(moved).toBeGreaterThan(20);
    expect(moved).toBeLessThan(65); // 1/5 of 200 = 40; mod-N hashing would move ~160
    // Those that move go to the new shard, never between old ones.
    expect(slugs.filter((s) => shardOf(s, 4) !== shardOf(s, 5)).every((s) => shardOf(s, 5) === 5)).toBe(true);
  });
});

describe('parseShard', () => {
  it('reads K/N', () => {
    expect(parseShard('2/3', {})).toEqual({ index: 2, total: 3 });
    expect(parseShard(' 1 / 1 ', {})).toEqual({ index: 1, total: 1 });
  });

  it('refuses what is not a shard, saying how to give one', () => {
    for (const bad of ['0/3', '4/3', '2', 'a/b', '1/0']) expect(() => parseShard(bad, {}), bad).toThrow(UserError);
    expect(() => parseShard('4/3', {})).toThrow(/--shard K\/N/);
  });

  it('reads GitLab parallel: (1-based) and a Kubernetes Indexed Job (0-based, with the count beside it)', () => {
    expect(parseShard('auto', { CI_NODE_INDEX: '3', CI_NODE_TOTAL: '4' })).toEqual({ index: 3, total: 4 });
    expect(parseShard('auto', { JOB_COMPLETION_INDEX: '0', [SHARD_TOTAL_ENV]: '3' })).toEqual({ index: 1, total: 3 });
    expect(parseShard('auto', { JOB_COMPLETION_INDEX: '2', [SHARD_TOTAL_ENV]: '3' })).toEqual({ index: 3, total: 3 });
    expect(() => parseShard('auto', { JOB_COMPLETION_INDEX: '2' })).toThrow(new RegExp(SHARD_TOTAL_ENV));
    expect(() => parseShard('auto', {})).toThrow(/matrix/);
    expect(() => parseShard('auto', { CI_NODE_INDEX: '5', CI_NODE_TOTAL: '4' })).toThrow(/shard 5 of 4/);
  });
});
