// `ci --from-archive DIR`: re-score saved crawls instead of crawling. DIR is one run (for a single brand) or an
// output folder of brands' runs, where each brand's latest run that kept its archive is used. The archive fixes
// the crawl — and with it the audit's date — so every machine that re-scores it writes the same audit.json.
import path from 'node:path';
import { ARCHIVE_FILE, resolveArchivePath } from '../crawl/archive.js';
import { UserError } from '../util/errors.js';
import { isFile, listRuns } from './runs.js';

async function archiveAt(input: string): Promise<string | null> {
  for (const file of resolveArchivePath(input)) if (await isFile(file)) return file;
  return null;
}

/** The archive each brand is re-scored from, by slug; every brand must have one, or nothing runs. */
export async function archivesFor(dir: string, slugs: readonly string[]): Promise<Map<string, string>> {
  const root = path.resolve(dir);
  const own = await archiveAt(root);
  if (own) {
    if (slugs.length !== 1)
      throw new UserError(
        `--from-archive: ${dir} is the archive of one run, but the job has ${slugs.length} brands. Give an output folder that holds each brand's runs (<folder>/<brand-slug>/<run>/archive/${ARCHIVE_FILE}).`,
      );
    return new Map([[slugs[0]!, own]]);
  }
  const found = new Map<string, string>();
  const missing: string[] = [];
  for (const slug of slugs) {
    const runs = await listRuns(path.join(root, slug));
    let archive: string | null = null;
    for (const run of [...runs].reverse()) if ((archive = await archiveAt(run.dir))) break;
    if (archive) found.set(slug, archive);
    else missing.push(`${slug}: no run with archive/${ARCHIVE_FILE} under ${path.join(dir, slug)}`);
  }
  if (missing.length)
    throw new UserError(
      `--from-archive: ${dir} has no saved crawl for ${missing.length === 1 ? 'a brand' : `${missing.length} brands`} of the job (run them once without --from-archive, or leave them out):`,
      missing,
    );
  return found;
}
