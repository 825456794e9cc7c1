#!/usr/bin/env node
// Makes sure the system programs the run needs are present: Chromium (to print the PDF) and, for the tests,
// poppler-utils and qpdf (to read PDFs back). As root on Debian/Ubuntu it installs what is missing; otherwise it
// prints the exact command and exits 1. Used by `npm start` (prestart) and `npm test` (pretest).
import { execFileSync, spawnSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';

const forTests = process.argv.includes('--tests') || process.env.npm_lifecycle_event === 'pretest';

const CHROME_CANDIDATES = [
  process.env.CHROME_PATH,
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/snap/bin/chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
].filter(Boolean);

function executable(p) {
  try {
    accessSync(p, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function onPath(cmd) {
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
}

const missing = [];
if (!CHROME_CANDIDATES.some(executable)) missing.push({ what: 'Chromium (prints the PDF report)', pkg: 'chromium' });
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
