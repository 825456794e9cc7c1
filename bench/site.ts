// A generated community site for benchmarks, served from memory on 127.0.0.1 with a fixed latency per response:
// a home page, boards, and threads of member posts. Every page is ~47 KB of HTML with 20 links (header navigation,
// the board, neighbouring threads), the shape issue 15's measurements used. Pages are made from their number alone,
// so every run (and the bare loop beside ours) sees byte-identical pages.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

const WORDS =
  'bike chain tyre pressure brake pad cable gear route commute rain light lock frame wheel spoke hub saddle pedal crank thanks anyone tried this week'.split(
    ' ',
  );
const AUTHORS = ['gail_rides', 'spokesman', 'tom_commutes', 'ana.b', 'fixie_fred', 'rainrider', 'kettle', 'moira_m'];
const BOARDS = 20;

function sentence(seed: number, n: number): string {
  const out: string[] = [];
  for (let i = 0; i < n; i++) out.push(WORDS[(seed * 31 + i * 7 + ((seed >> 3) % 5) * i) % WORDS.length]!);
  return `${out.join(' ')}.`;
}

function post(thread: number, k: number): string {
  const seed = thread * 17 + k;
  const paras = Array.from({ length: 9 }, (_, i) => `<p>${sentence(seed + i, 115)}</p>`).join('');
  return `<article class="post" id="post-${thread}-${k}"><header class="post-meta"><span class="author">${AUTHORS[seed % AUTHORS.length]}</span> <span class="rank">Member</span> <time datetime="2026-05-${String(1 + (seed % 28)).padStart(2, '0')}">May ${1 + (seed % 28)}, 2026</time></header><div class="post-body">${paras}</div></article>`;
}

function layout(title: string, links: string[], body: string): string {
  const nav = links.map((href, i) => `<a href="${href}">Link ${i + 1}</a>`);
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title} | Spoke Community</title><meta name="description" content="${title}"></head><body><header class="site-header"><a class="logo" href="/">Spoke Community</a><nav class="main-nav">${nav.slice(0, 5).join(' ')}</nav></header><main><h1>${title}</h1>${body}<nav class="related">${nav.slice(5).join(' ')}</nav></main><footer><a href="/privacy.html">Privacy</a></footer></body></html>`;
}

const HEADER = ['/', '/board/0/', '/board/1/', '/help.html', '/join.html'];

/** The page at `path` on a site of `pages` pages (null: not found). Thread t links to 2t+1 and 2t+2, so every page is reachable. */
export function sitePage(path: string, pages: number): string | null {
  const threads = pages - BOARDS - 4;
  const thread = (t: number): string => `/t/${t}/thread-${t}.html`;
  const around = (t: number, n: number): string[] => Array.from({ length: n }, (_, i) => thread((t * 7 + i * 131 + 1) % threads)).filter((_, i) => i < n);
  if (path === '/' || path === '/index.html') {
    const body = Array.from({ length: BOARDS }, (_, b) => `<p>Board ${b}: ${sentence(b, 400)}</p>`).join('');
    return layout('Community', [...HEADER, ...Array.from({ length: 15 }, (_, b) => `/board/${b}/`)], body);
  }
  const board = /^\/board\/(\d+)\/$/.exec(path);
  if (board && Number(board[1]) < BOARDS) {
    const b = Number(board[1]);
    const list = Array.from({ length: 52 }, (_, i) => `<li>${sentence(b * 52 + i, 150)}</li>`).join('');
    return layout(`Board ${b}`, [...HEADER, thread(b), ...around(b, 14)], `<ul class="thread-list">${list}</ul>`);
  }
  const t = /^\/t\/(\d+)\/thread-\d+\.html$/.exec(path);
  if (t && Number(t[1]) < threads) {
    const n = Number(t[1]);
    const children = [2 * n + 1, 2 * n + 2].filter((c) => c < threads).map(thread);
    const links = [...HEADER, `/board/${n % BOARDS}/`, ...children, ...around(n, 14 - children.length)];
    return layout(`Thread ${n}: ${sentence(n, 6)}`, links, Array.from({ length: 7 }, (_, k) => post(n, k)).join(''));
  }
  if (path === '/help.html' || path === '/join.html' || path === '/privacy.html') {
    return layout(path.slice(1, -5), [...HEADER, ...around(3, 15)], `<p>${sentence(path.length, 400)}</p>`);
  }
  return null;
}

export interface BenchSite {
  url: string;
  close(): Promise<void>;
}

/** Serve a site of `pages` pages; each response waits `latencyMs` first (a remote server's round trip). */
export async function serveSite(pages: number, latencyMs = 30): Promise<BenchSite> {
  const server = http.createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    setTimeout(() => {
      const html = sitePage(path, pages);
      if (html === null) {
        res.writeHead(404, { 'content-type': 'text/html; charset=utf-8' }).end('<!doctype html><title>Not found</title>');
        return;
      }
      const body = Buffer.from(html);
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-length': body.length }).end(body);
    }, latencyMs);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
