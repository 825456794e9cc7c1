// An isolated Handlebars environment: own helpers, strict compilation, built-in partials that a user template
// folder can override one by one.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Handlebars from 'handlebars';
import { intlTag, resolveLocale, type Params } from '../i18n/index.js';
import { formatTemplate } from '../i18n/message.js';

/** templates/ at the package root (works from src/report and dist/report). */
export const BUILTIN_TEMPLATES_DIR = fileURLToPath(new URL('../../templates/', import.meta.url));

export type HandlebarsEnv = ReturnType<typeof Handlebars.create>;

function registerHelpers(hb: HandlebarsEnv): void {
  hb.registerHelper('or', (...args: unknown[]) => args.slice(0, -1).some(Boolean));
  // {{t "key" name=value}}: a message from the report's catalogue (the view model's `messages`), placeholders
  // filled from the hash by the same formatter the view model uses (plurals, numbers in the view model's `lang`).
  // The result is escaped like any other {{ }} value.
  hb.registerHelper('t', function (this: unknown, key: unknown, options: Handlebars.HelperOptions) {
    const root = (options.data as { root?: { messages?: Record<string, string>; lang?: unknown } } | undefined)?.root;
    const messages = root?.messages ?? {};
    const k = String(key);
    if (!Object.prototype.hasOwnProperty.call(messages, k)) throw new Error(`Unknown message key "${k}" in a report template.`);
    return formatTemplate(messages[k]!, (options.hash ?? {}) as Params, intlTag(resolveLocale(root?.lang)));
  });
}

export class UserCssError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UserCssError';
  }
}

/**
 * A user's theme.css, checked before it is appended after the built-in stylesheet: no `@import`, no `url(…)`
 * other than `data:`, nothing that closes the <style> element, no legacy script-bearing CSS. Throws a
 * UserCssError naming the problem (a rejected stylesheet is the user's fix to make, not something to drop silently).
 */
export function sanitiseUserCss(css: string, file = 'theme.css'): string {
  const src = css.replace(/^\uFEFF/, '');
  // CSS escapes could spell "url(" or "@import" in hex; decode them for the checks.
  const decoded = src
    .replace(/\\([0-9a-fA-F]{1,6})\s?/g, (_, h: string) => {
      const cp = parseInt(h, 16);
      return String.fromCodePoint(cp > 0 && cp <= 0x10ffff ? cp : 0xfffd);
    })
    .replace(/\\(.)/g, '$1');
  const noComments = decoded.replace(/\/\*[\s\S]*?\*\//g, '');
  if (/@import/i.test(noComments)) throw new UserCssError(`${file}: @import is not allowed; the report loads nothing from outside the document.`);
  if (/<\s*\/?\s*style|<!--|-->|<\s*script/i.test(decoded)) throw new UserCssError(`${file}: HTML markup (such as </style>) is not allowed in a stylesheet.`);
  if (/expression\s*\(|behavior\s*:|-moz-binding|javascript:/i.test(noComments))
    throw new UserCssError(`${file}: script-bearing CSS (expression(), behavior, -moz-binding, javascript:) is not allowed.`);
  if (/\bimage-set\s*\(|\bsrc\s*\(/i.test(noComments)) throw new UserCssError(`${file}: image-set() and src() are not allowed; use url(data:…).`);
  const urlRe = /url\s*\(\s*(['"]?)([^'")]*)/gi;
  for (let m = urlRe.exec(noComments); m; m = urlRe.exec(noComments)) {
    if (!/^data:/i.test(m[2]!.trim())) throw new UserCssError(`${file}: url(${m[2]!.slice(0, 60)}) is not allowed; only url(data:…) may be used.`);
  }
  return src;
}

/** `*.hbs` files of a folder, by partial name (file name without extension). */
export function readPartials(dir: string): Record<string, string> {
  if (!existsSync(dir)) return {};
  const out: Record<string, string> = {};
  for (const f of readdirSync(dir).sort()) {
    if (!f.endsWith('.hbs')) continue;
    out[path.basename(f, '.hbs')] = readFileSync(path.join(dir, f), 'utf8');
  }
  return out;
}

export interface TemplateSet {
  hb: HandlebarsEnv;
  main: Handlebars.TemplateDelegate;
  css: string;
  /** The user's theme.css (sanitised), appended after the built-in one; '' when none. */
  userCss: string;
  /** Partial names taken from the user folder. */
  overridden: string[];
}

/**
 * Loads templates/report.hbs (or `main`, e.g. comparison.hbs), templates/theme.css and templates/partials/*.hbs; a partial with the same name in
 * `templatesDir` (or `templatesDir/partials`) replaces the built-in one, and `templatesDir/theme.css` is
 * sanitised and appended after the built-in stylesheet. Unknown user partial names are ignored
 * only if nothing references them.
 */
export function loadTemplates(opts: { templatesDir?: string | null; builtinDir?: string; main?: string } = {}): TemplateSet {
  const builtin = opts.builtinDir ?? BUILTIN_TEMPLATES_DIR;
  const hb = Handlebars.create();
  registerHelpers(hb);
  const partials = readPartials(path.join(builtin, 'partials'));
  const overridden: string[] = [];
  let userCss = '';
  if (opts.templatesDir) {
    if (!existsSync(opts.templatesDir)) throw new Error(`The templates folder ${opts.templatesDir} does not exist.`);
    const user = { ...readPartials(opts.templatesDir), ...readPartials(path.join(opts.templatesDir, 'partials')) };
    for (const [name, src] of Object.entries(user)) {
      if (name === 'report') continue;
      partials[name] = src;
      overridden.push(name);
    }
    const cssFile = path.join(opts.templatesDir, 'theme.css');
    if (existsSync(cssFile)) userCss = sanitiseUserCss(readFileSync(cssFile, 'utf8'), cssFile);
  }
  const compileOpts = { strict: true, noEscape: false, preventIndent: true } as const;
  for (const [name, src] of Object.entries(partials)) hb.registerPartial(name, hb.compile(src, compileOpts));
  const main = hb.compile(readFileSync(path.join(builtin, opts.main ?? 'report.hbs'), 'utf8'), compileOpts);
  const css = readFileSync(path.join(builtin, 'theme.css'), 'utf8');
  return { hb, main, css, userCss, overridden: overridden.sort() };
}

/** Loads a user's template folder and parses every partial now, so a broken one is found before a crawl, not after. */
export function checkTemplates(templatesDir: string): void {
  const set = loadTemplates({ templatesDir });
  const user = { ...readPartials(templatesDir), ...readPartials(path.join(templatesDir, 'partials')) };
  for (const [name, src] of Object.entries(user)) {
    try {
      set.hb.parse(src);
    } catch (e) {
      throw new Error(`partial ${name}: ${(e as Error).message.split('\n')[0]}`);
    }
    // The report goes nowhere and loads nothing: no refresh, no <base>, no scripts.
    if (/<meta\b[^>]*http-equiv\s*=\s*["']?\s*refresh/i.test(src))
      throw new Error(`partial ${name}: <meta http-equiv="refresh"> is not allowed (the report must not navigate away)`);
    if (/<base\b/i.test(src)) throw new Error(`partial ${name}: <base> is not allowed (it re-points the report's links)`);
    if (/<script\b/i.test(src)) throw new Error(`partial ${name}: <script> is not allowed (the report is rendered with JavaScript off)`);
  }
}

/** A standalone built-in document (e.g. templates/history.hbs), with the same helpers and strict compilation. */
export function loadDocumentTemplate(name: string, builtinDir: string = BUILTIN_TEMPLATES_DIR): Handlebars.TemplateDelegate {
  const hb = Handlebars.create();
  registerHelpers(hb);
  return hb.compile(readFileSync(path.join(builtinDir, `${name}.hbs`), 'utf8'), { strict: true, noEscape: false, preventIndent: true });
}
