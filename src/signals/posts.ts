// Posts in a thread: the outermost post-like elements of a page (opening post first), and who wrote each.
import type { Cheerio } from 'cheerio';
import type { AnyNode } from 'domhandler';
import type { PageContext } from './page-context.js';

export const POST_SELECTOR =
  'article, .post, .reply, .answer, .comment, [itemprop="comment"], [itemprop="suggestedAnswer"], [itemprop="acceptedAnswer"], [itemtype*="schema.org/Answer"], [itemtype*="schema.org/Comment"]';
export const AUTHOR_SELECTOR = '[itemprop="author"], .author, .username, .user-name, .post-author, .byline, [rel="author"]';

/** Outermost post elements in the page's content (a reply nested inside an article is counted once). */
export function findPosts(page: PageContext): Cheerio<AnyNode>[] {
  const { $ } = page;
  const all = $(POST_SELECTOR).filter((_, el) => $(el).closest('header, nav, footer').length === 0 || $(el).parents('article, main').length > 0);
  const set = new Set(all.toArray());
  return all
    .toArray()
    .filter((el) => !$(el).parents().toArray().some((p) => set.has(p)))
    .map((el) => $(el));
}

/** Replies to the opening post: posts after the first, or the posts inside a replies container. */
export function countReplies(page: PageContext): number {
  const posts = findPosts(page);
  if (posts.length === 1) {
    // One outer article holding the question and its answers.
    const inner = posts[0]!.find('.reply, .answer, .comment, [itemprop="comment"], [itemprop="suggestedAnswer"], [itemprop="acceptedAnswer"]');
    if (inner.length) return inner.length;
  }
  return Math.max(0, posts.length - 1);
}
