// An isolated Handlebars environment: own helpers, strict compilation, built-in partials that a user template
// folder can override one by one.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Handlebars from 'handlebars';

/** templates/ at the package root (works from src/report and dist/report). */
export const BUILTIN_TEMPLATES_DIR = fileURLToPath(new URL('../../templates/', import.meta.url));

export type HandlebarsEnv = ReturnType<typeof Handlebars.create>;

function registerHelpers(hb: HandlebarsEnv): void {
  hb.registerHelper('eq', (a: unknown, b: unknown) => a === b);
  hb.registerHelper('ne', (a: unknown, b: unknown) => a !== b);
  hb.registerHelper('gt', (a: unknown, b: unknown) => typeof a === 'number' && typeof b === 'number' && a > b);
  hb.registerHelper('or', (...args: unknown[]) => args.slice(0, -1).some(Boolean));
  hb.registerHelper('and', (...args: unknown[]) => args.slice(0, -1).every(Boolean));
  hb.registerHelper('not', (a: unknown) => !a);
  hb.registerHelper('plural', (count: unknown, one: unknown, many: unknown) => (count === 1 ? String(one) : String(many)));
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
  /** Partial names taken from the user folder. */
  overridden: string[];
}

/**
 * Loads templates/report.hbs, templates/theme.css and templates/partials/*.hbs; a partial with the same name in
 * `templatesDir` (or `templatesDir/partials`) replaces the built-in one. Unknown user partial names are ignored
 * only if nothing references them.
 */
export function loadTemplates(opts: { templatesDir?: string | null; builtinDir?: string } = {}): TemplateSet {
  const builtin = opts.builtinDir ?? BUILTIN_TEMPLATES_DIR;
  const hb = Handlebars.create();
  registerHelpers(hb);
  const partials = readPartials(path.join(builtin, 'partials'));
  const overridden: string[] = [];
  if (opts.templatesDir) {
    if (!existsSync(opts.templatesDir)) throw new Error(`The templates folder ${opts.templatesDir} does not exist.`);
    const user = { ...readPartials(opts.templatesDir), ...readPartials(path.join(opts.templatesDir, 'partials')) };
    for (const [name, src] of Object.entries(user)) {
      if (name === 'report') continue;
      partials[name] = src;
      overridden.push(name);
    }
  }
  const compileOpts = { strict: true, noEscape: false, preventIndent: true } as const;
  for (const [name, src] of Object.entries(partials)) hb.registerPartial(name, hb.compile(src, compileOpts));
  const main = hb.compile(readFileSync(path.join(builtin, 'report.hbs'), 'utf8'), compileOpts);
  const css = readFileSync(path.join(builtin, 'theme.css'), 'utf8');
  return { hb, main, css, overridden: overridden.sort() };
}
