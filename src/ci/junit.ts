// JUnit XML for GitLab, Jenkins and Azure test dashboards: one <testsuite> per brand, one <testcase> per
// assertion, plus one "audit" case that errors when the audit could not run. A failed error assertion is a
// <failure> (the brand got worse), an audit that could not run an <error> (the job broke), a check that could not
// compare fairly <skipped>; a failed warn assertion passes with the warning in <system-err>.
import type { CiBrandVM, CiLineVM, CiViewModel } from '../report/ci-model.js';

/** XML 1.0 text: escaped, and characters XML cannot carry at all removed. */
export function xmlText(s: string): string {
  return (
    s
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '')
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
      .replace(/'/g, '&apos;')
  );
}

interface Case {
  name: string;
  body: string;
  failure: boolean;
  error: boolean;
  skipped: boolean;
}

function checkCase(l: CiLineVM): Case {
  const name = l.assertion ?? 'audit';
  const msg = xmlText(l.message);
  if (l.kind === 'failure')
    return {
      name,
      body: `<failure message="${msg}" type="${l.level === 'error' ? 'assertion' : 'warning'}">${xmlText(l.line)}</failure>`,
      failure: true,
      error: false,
      skipped: false,
    };
  if (l.kind === 'skipped' || l.outcome === 'not-comparable') return { name, body: `<skipped message="${msg}"/>`, failure: false, error: false, skipped: true };
  if (l.kind === 'warning') return { name, body: `<system-err>${xmlText(l.line)}</system-err>`, failure: false, error: false, skipped: false };
  return { name, body: '', failure: false, error: false, skipped: false };
}

function suite(b: CiBrandVM): { xml: string; tests: number; failures: number; errors: number; skipped: number } {
  const cases: Case[] = [
    b.broken
      ? {
          name: 'audit',
          body: `<error message="${xmlText(b.broken.message)}" type="could-not-run">${xmlText(b.broken.line)}</error>`,
          failure: false,
          error: true,
          skipped: false,
        }
      : { name: 'audit', body: '', failure: false, error: false, skipped: false },
    // The assertions of an audit that did not run were not checked: skipped, the "audit" case carries the error.
    ...b.checks.map((c) =>
      b.broken
        ? { name: c.assertion ?? 'audit', body: `<skipped message="${xmlText(b.broken.message)}"/>`, failure: false, error: false, skipped: true }
        : checkCase(c),
    ),
  ];
  const classname = xmlText(`conductor-audit.${b.slug}`);
  const body = cases.map((c) => `    <testcase classname="${classname}" name="${xmlText(c.name)}">${c.body}</testcase>`).join('\n');
  const count = (f: (c: Case) => boolean) => cases.filter(f).length;
  const tests = cases.length;
  const failures = count((c) => c.failure);
  const errors = count((c) => c.error);
  const skipped = count((c) => c.skipped);
  return {
    xml: `  <testsuite name="${xmlText(`${b.brand} (${b.slug})`)}" tests="${tests}" failures="${failures}" errors="${errors}" skipped="${skipped}">\n${body}\n  </testsuite>`,
    tests,
    failures,
    errors,
    skipped,
  };
}

export function renderJunit(vm: CiViewModel): string {
  const suites = vm.brands.map(suite);
  const sum = (k: 'tests' | 'failures' | 'errors' | 'skipped') => suites.reduce((n, s) => n + s[k], 0);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="conductor-audit" tests="${sum('tests')}" failures="${sum('failures')}" errors="${sum('errors')}" skipped="${sum('skipped')}">`,
    ...suites.map((s) => s.xml),
    '</testsuites>',
    '',
  ].join('\n');
}
