// Finding the system Chromium/Chrome at run time, and the flags it is launched with.
import { accessSync, constants } from 'node:fs';

export const CHROME_CANDIDATES: readonly string[] = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/snap/bin/chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
];

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

export class ChromeNotFoundError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ChromeNotFoundError';
  }
}

/**
 * The browser used to print the PDF: `CHROME_PATH` when set (it must exist), else the first common install
 * location that exists. Throws a ChromeNotFoundError naming the fix.
 */
export function findChrome(env: NodeJS.ProcessEnv = process.env, candidates: readonly string[] = CHROME_CANDIDATES): string {
  const fromEnv = env.CHROME_PATH?.trim();
  if (fromEnv) {
    if (isExecutable(fromEnv)) return fromEnv;
    throw new ChromeNotFoundError(
      `CHROME_PATH is set to ${fromEnv}, but no executable browser is there. Point CHROME_PATH at Chromium or Chrome, or unset it to use a browser in a standard location.`,
    );
  }
  for (const c of candidates) if (isExecutable(c)) return c;
  throw new ChromeNotFoundError(
    'No Chromium or Chrome browser was found; the PDF report needs one. ' +
      'On Debian/Ubuntu: `sudo apt-get install -y chromium`. ' +
      'Elsewhere, install Chrome or Chromium and set CHROME_PATH=/path/to/chrome. ' +
      `(Looked in: ${candidates.join(', ')}.) Other formats (--format html,json,md) do not need a browser.`,
  );
}

/** True when findChrome() would succeed (for tests that skip without a browser). */
export function hasChrome(env: NodeJS.ProcessEnv = process.env): boolean {
  try {
    findChrome(env);
    return true;
  } catch {
    return false;
  }
}

/** Launch flags: quiet, offline-minded, `--no-sandbox` only when running as root (the sandbox refuses root). */
export function launchArgs(isRoot: boolean = typeof process.getuid === 'function' && process.getuid() === 0): string[] {
  return [
    ...(isRoot ? ['--no-sandbox'] : []),
    '--disable-background-networking',
    '--disable-component-update',
    '--no-first-run',
    '--disable-gpu',
    '--font-render-hinting=none',
    '--disable-sync',
  ];
}
