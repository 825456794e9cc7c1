// The shipped CI examples parse as YAML, and every `conductor-audit` command in them is one the CLI accepts:
// a known command, known options (each with its value), and the help of that command prints them.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Command, Option } from 'commander';
import { parseAllDocuments } from 'yaml';
import { describe, expect, it } from 'vitest';
import { buildProgram } from '../../src/cli.js';
import { loadJob } from '../../src/config/load-portfolio.js';
import { cliInProcess } from '../e2e/helpers/cli.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const EXAMPLES = ['examples/github/conductor-audit.yml', 'examples/gitlab/.gitlab-ci.yml', 'examples/kubernetes/indexed-job.yaml'];

/** Every string in a YAML value (steps' run:, script: lines, container args…). */
function strings(v: unknown): string[] {
  if (typeof v === 'string') return [v];
  if (Array.isArray(v)) return v.flatMap(strings);
  if (v && typeof v === 'object') return Object.values(v).flatMap(strings);
  return [];
}

/** The argument lists of the `conductor-audit …` commands in a shell line (up to &&, ;, | or the end). */
export function commandsIn(text: string): string[][] {
  const out: string[][] = [];
  const flat = text.replace(/\\\n/g, ' ');
  // A command position: the start of a line or after &&, ; or |, optionally through npx (not `npm install conductor-audit`).
  for (const m of flat.matchAll(/(?:^|&&|;|\|)[ \t]*(?:npx\s+(?:--yes\s+)?)?conductor-audit(?:@\S+)?[ \t]+([^\n;&|]*)/gm)) {
    // Tokens as the shell reads them; a GitHub expression `${{ matrix.shard }}/3` is one.
    const args = m[1]!.match(/(?:\$\{\{[^}]*\}\}|"[^"]*"|'[^']*'|[^\s"'])+/g) ?? [];
    out.push(args.map((a) => a.replace(/^["']|["']$/g, '')));
  }
  return out;
}

function optionFor(cmd: Command, flag: string): Option | undefined {
  return cmd.options.find((o) => o.long === flag || o.short === flag || (o.negate && o.long === flag));
}

/** Checks one argument list against the command's definition; returns the problems. */
function problemsWith(args: string[]): string[] {
  const program = buildProgram();
  const [name, ...rest] = args;
  const cmd = program.commands.find((c) => c.name() === name);
  if (!cmd) return [`unknown command ${name}`];
  const problems: string[] = [];
  const positional: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const token = rest[i]!;
    if (!token.startsWith('-')) {
      positional.push(token);
      continue;
    }
    const [flag] = token.split('=');
    const opt = optionFor(cmd, flag!);
    if (!opt) {
      problems.push(`${name}: unknown option ${flag}`);
      continue;
    }
    if ((opt.required || opt.optional) && !token.includes('=')) i++;
  }
  const required = cmd.registeredArguments.filter((a) => a.required).length;
  if (positional.length < required) problems.push(`${name}: needs ${required} argument(s), got ${positional.length}`);
  return problems;
}

describe('the CI examples', () => {
  it('would catch a command the CLI does not accept', () => {
    expect(commandsIn('npm install --global conductor-audit && npx conductor-audit ci p.yaml --shrad 1/3 --out o')).toEqual([
      ['ci', 'p.yaml', '--shrad', '1/3', '--out', 'o'],
    ]);
    expect(problemsWith(['ci', 'p.yaml', '--shrad', '1/3'])).toEqual(['ci: unknown option --shrad']);
    expect(problemsWith(['merge'])).toEqual(['merge: needs 1 argument(s), got 0']);
    expect(problemsWith(['publish', 'x'])).toEqual(['unknown command publish']);
  });

  for (const file of EXAMPLES) {
    it(`${file} parses and runs only commands the CLI accepts`, async () => {
      const docs = parseAllDocuments(readFileSync(path.join(ROOT, file), 'utf8'));
      for (const d of docs) expect(d.errors, file).toEqual([]);
      const commands = docs.flatMap((d) => strings(d.toJS())).flatMap(commandsIn);
      const names = commands.map((c) => c[0]);
      expect(names, file).toContain('ci');
      expect(names, file).toContain('merge');
      for (const c of commands) expect(problemsWith(c), c.join(' ')).toEqual([]);
      for (const name of new Set(names)) {
        const help = await cliInProcess([name!, '--help']);
        expect(help.code, `${name} --help`).toBe(0);
        for (const c of commands.filter((x) => x[0] === name))
          for (const t of c.filter((x) => x.startsWith('--'))) expect(help.stdout, `${name} --help lists ${t}`).toContain(t.split('=')[0]);
      }
    });
  }

  it('the GitHub workflow is scheduled weekly, shards with a matrix, installs Chromium, uploads, merges and fails on an error', () => {
    const wf = parseAllDocuments(readFileSync(path.join(ROOT, EXAMPLES[0]!), 'utf8'))[0]!.toJS() as {
      on: { schedule: Array<{ cron: string }> };
      jobs: Record<
        string,
        { strategy?: { matrix: { shard: number[] } }; steps: Array<{ run?: string; uses?: string; if?: string }>; needs?: string; if?: string }
      >;
    };
    expect(wf.on.schedule[0]!.cron).toMatch(/^\S+ \S+ \* \* [0-6]$/);
    const audit = wf.jobs.audit!;
    const shards = audit.strategy!.matrix.shard;
    const ci = commandsIn(audit.steps.map((s) => s.run ?? '').join('\n')).find((c) => c[0] === 'ci')!;
    expect(ci[ci.indexOf('--shard') + 1]).toBe(`\${{ matrix.shard }}/${shards.length}`);
    expect(audit.steps.some((s) => /apt-get install[^\n]*chromium/.test(s.run ?? ''))).toBe(true);
    expect(audit.steps.some((s) => s.uses?.startsWith('actions/upload-artifact') && s.if === 'always()')).toBe(true);
    // No `continue-on-error` anywhere: a failing ci step fails the job.
    expect(JSON.stringify(wf)).not.toContain('continue-on-error');
    expect(wf.jobs.merge).toMatchObject({ needs: 'audit', if: 'always()' });
  });

  it('the GitLab file runs in parallel with --shard auto, the Kubernetes Job is Indexed with the count beside it', () => {
    const gl = parseAllDocuments(readFileSync(path.join(ROOT, EXAMPLES[1]!), 'utf8'))[0]!.toJS() as Record<string, { parallel?: number; script?: string[] }>;
    expect(gl.audit!.parallel).toBeGreaterThan(1);
    expect(gl.audit!.script!.join(' ')).toContain('--shard auto');
    const k8s = parseAllDocuments(readFileSync(path.join(ROOT, EXAMPLES[2]!), 'utf8')).map((d) => d.toJS());
    const cron = k8s.find((d) => d.kind === 'CronJob');
    const job = cron.spec.jobTemplate.spec;
    expect(job.completionMode).toBe('Indexed');
    const env = job.template.spec.containers[0].env as Array<{ name: string; value: string }>;
    expect(env.find((e) => e.name === 'CONDUCTOR_AUDIT_SHARD_TOTAL')!.value).toBe(String(job.completions));
    // The portfolio in its ConfigMap is a valid portfolio.
    expect(k8s.find((d) => d.kind === 'ConfigMap').data['portfolio.yaml']).toContain('audits:');
  });

  it('the example portfolio is valid and names the demo audits', async () => {
    const job = await loadJob([path.join(ROOT, 'examples/portfolio.yaml')]);
    expect(job.audits.map((a) => a.audit.brand)).toEqual(['MegaMart', 'Brightside Cycles']);
    expect(job.audits[0]!.portfolioAssert.index).toEqual(['error', { maxDrop: 5, minCoverage: 0.5 }]);
  });
});
