/** A brand's folder name: lower-case ASCII words joined by hyphens ("Brightside Cycles" → "brightside-cycles"). */
export function slugify(s: string): string {
  const slug = s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return slug || 'audit';
}
