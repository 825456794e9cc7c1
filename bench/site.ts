// A generated community site for benchmarks: a home page, 10 boards, 99 threads per board (1,000 pages in all),
// each thread a few kilobytes of text with links to its neighbours, like a real forum.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';

const WORDS = 'bike chain tyre pressure brake pad cable gear route commute rain light lock frame wheel spoke hub saddle pedal crank'.split(' ');

function paragraph(seed: number): string {
  const out: string[] = [];
  for (let i = 0; i < 60; i++) out.push(WORDS[(seed * 31 + i * 7) % WORDS.length]!);
  return `<p>${out.join(' ')}.</p>`;
}

export async function generateSite(dir: string, boards = 10, threadsPerBoard = 99): Promise<number> {
  let pages = 0;
  const page = async (file: string, title: string, body: string) => {
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(
      file,
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title></head><body><header><a href="/">Home</a> <a href="/help.html">Help</a></header><main><h1>${title}</h1>${body}</main><footer><a href="/privacy.html">Privacy</a></footer></body></html>`,
    );
    pages++;
  };
  const boardLinks = Array.from({ length: boards }, (_, b) => `<li><a href="/board-${b}/">Board ${b}</a></li>`).join('');
  await page(path.join(dir, 'index.html'), 'Community', `<ul>${boardLinks}</ul>`);
  for (let b = 0; b < boards; b++) {
    const threads = Array.from({ length: threadsPerBoard }, (_, t) => `<li><a href="/board-${b}/thread-${t}.html">Thread ${t}</a></li>`).join('');
    await page(path.join(dir, `board-${b}`, 'index.html'), `Board ${b}`, `<ul>${threads}</ul>`);
    for (let t = 0; t < threadsPerBoard; t++) {
      const body = [paragraph(b * 1000 + t), paragraph(b * 1000 + t + 1), paragraph(b * 1000 + t + 2)].join('');
      const nav = `<a href="/board-${b}/thread-${(t + 1) % threadsPerBoard}.html">Next</a> <a href="/board-${(b + 1) % boards}/">Next board</a>`;
      await page(path.join(dir, `board-${b}`, `thread-${t}.html`), `Board ${b} thread ${t}`, body + nav);
    }
  }
  return pages;
}
