// The renderers bloggers paste Markdown into: markdown-it (Ghost; HTML allowed, bare links linkified, as GitHub
// does) and showdown (WordPress's Markdown conversion), and what their HTML holds.
import * as cheerio from 'cheerio';
import MarkdownIt from 'markdown-it';
import showdown from 'showdown';

export const RENDERERS: Record<string, (md: string) => string> = {
  'markdown-it (Ghost)': (md) => new MarkdownIt({ html: true, linkify: true }).render(md),
  'showdown (WordPress)': (md) => new showdown.Converter({ tables: true, simplifiedAutoLink: true, strikethrough: true }).makeHtml(md),
};

/** What a pasted Markdown file turns into: the tags, the link targets and the visible text. */
export function rendered(html: string): { tags: Set<string>; hrefs: string[]; images: number; text: string } {
  const $ = cheerio.load(html);
  const tags = new Set<string>();
  $('*').each((_, el) => {
    tags.add((el as { tagName: string }).tagName);
  });
  return {
    tags,
    hrefs: $('a')
      .map((_, a) => $(a).attr('href') ?? '')
      .get(),
    images: $('img').length,
    text: $('body').text(),
  };
}
