// Text from a crawled site or a user's file, reduced to one plain line: terminal escape sequences and other control
// characters dropped (a traffic CSV could otherwise recolour or clear the screen), at most `max` characters (a
// 40 MB file's bad line is not a 20 MB warning).
export function plainLine(s: string, max = 400): string {
  // Control characters are what this removes.
  /* eslint-disable no-control-regex */
  const flat = s
    .replace(/\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)?|\u001b./g, '')
    .replace(/[\u0000-\u001f\u007f-\u009f]+/g, ' ')
    .replace(/ {2,}/g, ' ');
  /* eslint-enable no-control-regex */
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}
