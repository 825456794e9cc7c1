// Finding the system Chromium/Chrome at run time, and the flags it is launched with.
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
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

/** What the browser is needed for, and how to do without it: the not-found message names both. */
export interface ChromeNeed {
  what: string;
  without?: string;
}
export const PDF_NEED: ChromeNeed = { what: 'the PDF report', without: 'Other formats (--formats html,json,md) do not need a browser.' };

/**
 * The browser used to print the PDF: `CHROME_PATH` when set (it must exist), else the first common install
 * location that exists. Throws a ChromeNotFoundError naming the fix.
 */
export function findChrome(env: NodeJS.ProcessEnv = process.env, candidates: readonly string[] = CHROME_CANDIDATES, needs: ChromeNeed = PDF_NEED): string {
  const fromEnv = env.CHROME_PATH?.trim();
  if (fromEnv) {
    if (isExecutable(fromEnv)) return fromEnv;
    throw new ChromeNotFoundError(
      `CHROME_PATH is set to ${fromEnv}, but no executable browser is there, and ${needs.what} needs one. Point CHROME_PATH at Chromium or Chrome, or unset it to use a browser in a standard location.${needs.without ? ` ${needs.without}` : ''}`,
    );
  }
  for (const c of candidates) if (isExecutable(c)) return c;
  throw new ChromeNotFoundError(
    `No Chromium or Chrome browser was found; ${needs.what} needs one. ` +
      'On Debian/Ubuntu: `sudo apt-get install -y chromium`. ' +
      'Elsewhere, install Chrome or Chromium and set CHROME_PATH=/path/to/chrome. ' +
      `(Looked in: ${candidates.join(', ')}.)${needs.without ? ` ${needs.without}` : ''}`,
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

/**
 * Launch flags: quiet, and with every background service Chromium would otherwise reach the network for switched off
 * (component and safe-browsing updates, sync, metrics, crash reports, domain reliability, translate, optimisation
 * hints). `--no-sandbox` only when running as root (the sandbox refuses root).
 */
export function launchArgs(isRoot: boolean = typeof process.getuid === 'function' && process.getuid() === 0): string[] {
  return [
    ...(isRoot ? ['--no-sandbox'] : []),
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--disable-default-apps',
    '--disable-extensions',
    '--disable-client-side-phishing-detection',
    '--disable-domain-reliability',
    '--disable-breakpad',
    '--metrics-recording-only',
    '--no-pings',
    '--no-default-browser-check',
    '--safebrowsing-disable-auto-update',
    '--disable-features=OptimizationHints,Translate,MediaRouter,AutofillServerCommunication,CertificateTransparencyComponentUpdater,InterestFeedContentSuggestions,CalculateNativeWinOcclusion',
    '--no-first-run',
    '--disable-gpu',
    '--font-render-hinting=none',
  ];
}

/**
 * Hosts Chromium's own services call even with every background flag set (seen on Chromium 156: time, component
 * update, account checks). A crawling browser must resolve the audited site, so these names alone are made
 * unresolvable there; the report's browser resolves nothing at all (offlineArgs).
 */
const GOOGLE_SERVICE_HOSTS = [
  'clients2.google.com',
  'update.googleapis.com',
  'accounts.google.com',
  'clientservices.googleapis.com',
  'safebrowsing.googleapis.com',
  'optimizationguide-pa.googleapis.com',
  'content-autofill.googleapis.com',
  '*.gvt1.com',
  'redirector.gvt1.com',
];

export function backgroundHostRules(): string {
  return `--host-resolver-rules=${GOOGLE_SERVICE_HOSTS.map((h) => `MAP ${h} ~NOTFOUND`).join(', ')}`;
}

/** Where an offline Chromium's traffic goes: the discard port on loopback, where nothing listens. */
export const DEAD_PROXY = '127.0.0.1:9';

/**
 * Flags for a Chromium that must make no network attempt at all (the report render): no name resolves, and any
 * connection would go to a proxy that is not there. `proxy` is for tests, which point it at a recorder.
 */
export function offlineArgs(proxy: string = DEAD_PROXY): string[] {
  return ['--host-resolver-rules=MAP * ~NOTFOUND', `--proxy-server=http://${proxy}`, '--proxy-bypass-list=<-loopback>', '--dns-prefetch-disable'];
}

/**
 * A marker switch for one launch: Chromium ignores unknown switches, and its processes can then be found by it
 * (`pgrep -f`) — by the watchdog below, and by tests that count what is left.
 */
export function launchMarker(kind: 'render' | 'pdf'): string {
  return `--conductor-audit-${kind}=${randomUUID()}`;
}

/**
 * A watchdog that kills every Chromium process carrying `marker`, with its process group (the browser is launched
 * detached, as the leader of its own group, so its renderers and helpers go with it), once this process is gone,
 * however it ended: a
 * SIGKILL gives Node no chance to close the browser, and Chromium outlives its parent (about 1 GB each time). It is
 * a small detached shell loop, so it survives the kill it is there for; it ends as soon as the browser is gone.
 */
export function watchBrowser(marker: string): void {
  if (process.platform === 'win32') return;
  const script = `while kill -0 ${process.pid} 2>/dev/null; do pgrep -f -- "$1" >/dev/null 2>&1 || exit 0; sleep 1; done; for p in $(pgrep -f -- "$1"); do kill -KILL -- -$p 2>/dev/null; kill -KILL $p 2>/dev/null; done; exit 0`;
  // "-[-]…" matches the marker's "--…" but not the watchdog's own command line, which holds this pattern instead.
  const pattern = marker.replace(/^--/, '-[-]');
  try {
    const child = spawn('/bin/sh', ['-c', script, 'watchdog', pattern], { detached: true, stdio: 'ignore' });
    child.on('error', () => undefined);
    child.unref();
  } catch {
    /* no shell: nothing to watch with (the browser is still closed on every normal exit) */
  }
}
