// What a CI log shows: failures first, one line each, on stderr (colour only on a terminal and without
// NO_COLOR), and GitHub Actions workflow commands (::error:: / ::warning::) when GITHUB_ACTIONS is set.
import { plainLine } from '../util/plain-line.js';
import type { CiLineVM, CiViewModel } from '../report/ci-model.js';

const COLOUR = { failure: '\x1b[31m', broken: '\x1b[35m', warning: '\x1b[33m', reset: '\x1b[0m' } as const;

/** https://no-color.org: any non-empty NO_COLOR turns colour off; so does output that is not a terminal. */
export function useColour(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv = process.env): boolean {
  return Boolean(stream.isTTY) && !env.NO_COLOR;
}

/** Failures (the brand got worse), then audits that could not run (the job broke), then warnings. */
export function stderrLines(vm: CiViewModel, colour: boolean): string[] {
  // Brand names, details and URLs come from files and sites: no control character of theirs reaches the terminal.
  const paint = (l: CiLineVM) => {
    const line = plainLine(l.line, 2000);
    return colour ? `${COLOUR[l.kind === 'failure' ? 'failure' : l.kind === 'broken' ? 'broken' : 'warning']}${line}${COLOUR.reset}` : line;
  };
  return [...vm.failures, ...vm.broken, ...vm.warnings].map(paint);
}

// Workflow command escaping (as @actions/core does): data escapes %, CR, LF; properties also : and ,.
const escapeData = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const escapeProperty = (s: string) => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

export function githubAnnotations(vm: CiViewModel): string[] {
  const command = (kind: 'error' | 'warning', l: CiLineVM) =>
    `::${kind} title=${escapeProperty(plainLine(`conductor-audit: ${l.brand}${l.assertion ? ` ${l.assertion}` : ''}`, 300))}::${escapeData(plainLine(l.message, 2000))}`;
  return [...vm.failures.map((l) => command('error', l)), ...vm.broken.map((l) => command('error', l)), ...vm.warnings.map((l) => command('warning', l))];
}
