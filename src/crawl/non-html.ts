// URLs whose path says they are not a web page: archives, documents, images, media, binaries, assets, and the
// attachment endpoints of forum software. They are recorded without a request, so attachment links on a big forum
// cannot spend the page budget (the content-type check in fetch-page.ts still catches the rest after the request).

/** Extensions by kind; the kind names the file in the record's detail. */
const NON_HTML_EXTENSIONS: Record<string, string[]> = {
  archive: ['zip', 'rar', '7z', 'tar', 'gz', 'tgz', 'bz2', 'xz'],
  document: ['pdf', 'doc', 'docx', 'xls', 'xlsx', 'ppt', 'pptx', 'odt', 'ods', 'odp', 'rtf', 'csv', 'epub'],
  image: ['jpg', 'jpeg', 'png', 'gif', 'webp', 'svg', 'bmp', 'ico', 'tif', 'tiff', 'avif', 'heic'],
  media: ['mp3', 'mp4', 'm4a', 'm4v', 'wav', 'ogg', 'webm', 'mov', 'avi', 'mkv', 'flac'],
  binary: ['exe', 'dmg', 'msi', 'apk', 'iso', 'bin', 'deb', 'rpm'],
  asset: ['css', 'js', 'woff', 'woff2', 'ttf', 'otf', 'eot'],
};
const KIND_OF_EXTENSION = new Map(Object.entries(NON_HTML_EXTENSIONS).flatMap(([kind, exts]) => exts.map((e) => [e, kind] as const)));

/** Download endpoints that serve a file whatever the URL ends in, by the software that uses them. */
const ATTACHMENT_ENDPOINTS: Array<{ path: RegExp; what: string }> = [
  { path: /(?:^|\/)download\/file\.php$/i, what: 'phpBB download/file.php' },
  { path: /(?:^|\/)attachment\.php$/i, what: 'vBulletin/MyBB attachment.php' },
  // XenForo: /attachments/photo-jpg.1234/
  { path: /(?:^|\/)attachments\/[^/]+\.\d+\/?$/i, what: 'XenForo /attachments/' },
  { path: /(?:^|\/)applications\/core\/interface\/file\/attachment\.php$/i, what: 'Invision attachment.php' },
];

/** Why `url` is not requested at all (its path names a file that is not a web page), or null. */
export function nonHtmlReason(url: string): string | null {
  const { pathname } = new URL(url);
  let path = pathname;
  try {
    path = decodeURIComponent(pathname);
  } catch {
    // keep the encoded form
  }
  const ext = /\.([a-z0-9]{1,5})$/i.exec(path)?.[1]?.toLowerCase();
  const kind = ext ? KIND_OF_EXTENSION.get(ext) : undefined;
  if (ext && kind) return `path ends in .${ext} (${kind}): not a web page, not requested`;
  const endpoint = ATTACHMENT_ENDPOINTS.find((e) => e.path.test(path));
  if (endpoint) return `path is an attachment download (${endpoint.what}): not a web page, not requested`;
  return null;
}
