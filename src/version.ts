import { readFileSync } from 'node:fs';

// package.json sits one level above both src/ (tests, tsx) and dist/ (the built CLI).
const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string; homepage?: string };

export const VERSION: string = pkg.version;
