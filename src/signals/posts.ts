// Posts in a thread, as read by structure.ts: the opening post first, and who wrote each.
import type { PageContext } from './page-context.js';
import { replyCount } from './structure.js';

export { AUTHOR_SELECTOR } from './structure.js';

/** Replies to the opening post visible on the page. */
export function countReplies(page: PageContext): number {
  return replyCount(page.structure);
}
