#!/usr/bin/env node
// Makes sure the system programs the run needs are present: Chromium (to print the PDF) and, for the tests,
// poppler-utils and qpdf (to read PDFs back). As root on Debian/Ubuntu it installs what is missing; otherwise it
// prints the exact command and exits 1. Used by `npm start` (prestart) and `npm test` (pretest).
import { execFileSync, spawnSync } from 'node:child_process';
// The tool's own finder (built just before this runs), so this check and the run agree on where Chromium is.
import { findChrome } from '../dist/util/chrome.js';

const forTests = process.argv.includes('--tests') || process.env.npm_lifecycle_event === 'pretest';

function onPath(cmd) {
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
}

const missing = [];
let chromeProblem = null;
try {
  findChrome();
} catch (e) {
  chromeProblem = e.message;
}
// A CHROME_PATH that points nowhere is the user's to fix; installing Chromium would not make the run use it.
if (chromeProblem && process.env.CHROME_PATH?.trim()) {
  console.error(`conductor-audit: ${chromeProblem}`);
  process.exit(1);
}
if (chromeProblem) missing.push({ what: 'Chromium (prints the PDF report)', pkg: 'chromium' });
if (forTests) {
  if (!['pdftotext', 'pdfinfo', 'pdffonts', 'pdftoppm'].every(onPath)) missing.push({ what: 'poppler-utils (the tests read PDFs back)', pkg: 'poppler-utils' });
  if (!onPath('qpdf')) missing.push({ what: 'qpdf (the tests check PDF validity)', pkg: 'qpdf' });
}
if (missing.length === 0) process.exit(0);

const pkgs = missing.map((m) => m.pkg);
const command = `apt-get update && apt-get install -y ${pkgs.join(' ')}`;
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
if (isRoot && onPath('apt-get')) {
  console.error(`conductor-audit: installing ${missing.map((m) => m.what).join(', ')} with apt-get…`);
  try {
    execFileSync('sh', ['-c', command], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
    process.exit(0);
  } catch {
    console.error(`conductor-audit: the install failed. Run it yourself:\n  ${command}`);
    process.exit(1);
  }
}
console.error(
  `conductor-audit: missing ${missing.map((m) => m.what).join(' and ')}.\n` +
    `Install on Debian/Ubuntu with:\n  sudo ${command.replace('&& apt-get', '&& sudo apt-get')}\n` +
    (missing.some((m) => m.pkg === 'chromium') ? 'Or point CHROME_PATH at an installed Chrome or Chromium.\n' : ''),
);
process.exit(1);
