// The built CLI in a child process, as a CI runner calls it: exit code, stdout and stderr.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
export const ROOT = path.resolve(import.meta.dirname, '../../..');
const BIN = path.join(ROOT, 'bin/conductor-audit');

export interface CliOutcome {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `conductor-audit ...args` in the package folder; the environment is the test's minus CI variables that would change the output. */
export async function cli(args: string[], env: Record<string, string | undefined> = {}): Promise<CliOutcome> {
  const base = { ...process.env, CI: 'true' } as Record<string, string | undefined>;
  for (const k of [
    'GITHUB_ACTIONS',
    'GITHUB_STEP_SUMMARY',
    'CI_NODE_INDEX',
    'CI_NODE_TOTAL',
    'JOB_COMPLETION_INDEX',
    'CONDUCTOR_AUDIT_SHARD_TOTAL',
    'NO_COLOR',
  ])
    delete base[k];
  const merged = Object.fromEntries(Object.entries({ ...base, ...env }).filter((e): e is [string, string] => e[1] !== undefined));
  try {
    const { stdout, stderr } = await run(process.execPath, [BIN, ...args], { cwd: ROOT, maxBuffer: 16 << 20, env: merged });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

/**
 * The same CLI entry point (`main`, which bin/conductor-audit calls) in this process: no start-up cost per call.
 * stdout and stderr are captured; `env` is set for the call and restored after.
 */
export async function cliInProcess(args: string[], env: Record<string, string | undefined> = {}): Promise<CliOutcome> {
  const { main } = await import('../../../src/cli.js');
  const saved = new Map<string, string | undefined>();
  for (const k of [
    'GITHUB_ACTIONS',
    'GITHUB_STEP_SUMMARY',
    'CI_NODE_INDEX',
    'CI_NODE_TOTAL',
    'JOB_COMPLETION_INDEX',
    'CONDUCTOR_AUDIT_SHARD_TOTAL',
    'NO_COLOR',
    ...Object.keys(env),
  ]) {
    saved.set(k, process.env[k]);
    if (k in env && env[k] !== undefined) process.env[k] = env[k];
    else delete process.env[k];
  }
  const out: string[] = [];
  const err: string[] = [];
  const { write: writeOut } = process.stdout;
  const { write: writeErr } = process.stderr;
  process.stdout.write = ((chunk: string | Uint8Array) => out.push(String(chunk)) > 0) as typeof process.stdout.write;
  process.stderr.write = ((chunk: string | Uint8Array) => err.push(String(chunk)) > 0) as typeof process.stderr.write;
  try {
    const code = await main(args);
    return { code, stdout: out.join(''), stderr: err.join('') };
  } finally {
    process.stdout.write = writeOut;
    process.stderr.write = writeErr;
    for (const [k, v] of saved) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}
