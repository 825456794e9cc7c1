// --baseline FILE | DIR | latest: which earlier audit a brand is compared with, and bad paths as bad input.
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { findBaseline, parseBaselineSpec } from '../../../src/ci/baseline.js';
import { UserError } from '../../../src/util/errors.js';
import { loadFixture } from '../report/helpers.js';

let root: string;
const sample = loadFixture('sample');
const slug = 'northwind-home';

async function storeRun(dir: string, generatedAt: string, brand = sample.brand): Promise<string> {
  await mkdir(dir, { recursive: true });
  await writeFile(path.join(dir, 'audit.json'), JSON.stringify({ ...sample, brand, generatedAt }));
  return path.join(dir, 'audit.json');
}

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'baseline-'));
  await storeRun(path.join(root, slug, '2026-11-01T00-00-00Z'), '2026-11-01T00:00:00.000Z');
  await storeRun(path.join(root, slug, '2026-11-08T00-00-00Z'), '2026-11-08T00:00:00.000Z');
  await storeRun(path.join(root, 'other', '2026-11-09T00-00-00Z'), '2026-11-09T00:00:00.000Z', 'Other');
});

describe('baselines', () => {
  it('checks the flag before anything runs: a missing path is bad input', async () => {
    await expect(parseBaselineSpec(path.join(root, 'nope'))).rejects.toThrow(/does not exist.*latest/);
    expect(await parseBaselineSpec('latest')).toEqual({ kind: 'latest' });
  });

  it("latest: the brand's newest run in the output folder, or none for a first run", async () => {
    const b = await findBaseline({ kind: 'latest' }, slug, root);
    expect(b?.result.generatedAt).toBe('2026-11-08T00:00:00.000Z');
    expect(await findBaseline({ kind: 'latest' }, 'new-brand', root)).toBeNull();
  });

  it('leaves out a run this version cannot read, and takes the latest it can', async () => {
    await mkdir(path.join(root, slug, '2026-11-20T00-00-00Z'), { recursive: true });
    await writeFile(path.join(root, slug, '2026-11-20T00-00-00Z', 'audit.json'), '{"schemaVersion": 1}');
    expect((await findBaseline({ kind: 'latest' }, slug, root))?.result.generatedAt).toBe('2026-11-08T00:00:00.000Z');
  });

  it('DIR: an output folder of brands, a brand folder, or a run folder', async () => {
    expect((await findBaseline(await parseBaselineSpec(root), slug, '/nowhere'))?.result.generatedAt).toBe('2026-11-08T00:00:00.000Z');
    expect((await findBaseline(await parseBaselineSpec(path.join(root, slug)), slug, '/nowhere'))?.result.generatedAt).toBe('2026-11-08T00:00:00.000Z');
    expect((await findBaseline(await parseBaselineSpec(path.join(root, slug, '2026-11-01T00-00-00Z')), slug, '/nowhere'))?.result.generatedAt).toBe(
      '2026-11-01T00:00:00.000Z',
    );
  });

  it('FILE: refuses an audit of another brand, naming both', async () => {
    const spec = await parseBaselineSpec(path.join(root, 'other', '2026-11-09T00-00-00Z', 'audit.json'));
    const err = await findBaseline(spec, slug, root).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UserError);
    expect((err as Error).message).toMatch(/is an audit of Other, not of the brand "northwind-home"/);
  });

  it('refuses a file that is not an audit.json, naming it', async () => {
    const bad = path.join(root, 'bad.json');
    await writeFile(bad, JSON.stringify({ schemaVersion: 1, brand: 'x' }));
    await expect(findBaseline(await parseBaselineSpec(bad), slug, root)).rejects.toThrow(
      /bad\.json is not an audit\.json this version reads \(schemaVersion 1/,
    );
  });
});
