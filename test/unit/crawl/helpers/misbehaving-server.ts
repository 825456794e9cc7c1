// A node:http server that misbehaves on purpose, and records every request (path + arrival time) it receives.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import iconv from 'iconv-lite';

export interface RequestLog {
  method: string;
  path: string;
  at: number;
  userAgent: string;
}

export interface MisbehavingServer {
  /** Origin with a trailing slash. */
  url: string;
  requests: RequestLog[];
  paths(): string[];
  /** Most requests the server was answering at the same time. */
  maxInFlight(): number;
  close(): Promise<void>;
}

export interface ServerOptions {
  /** robots.txt: a status code to answer with, or the file's text. */
  robots: number | string;
  /** Extra links on the home page. */
  homeLinks?: string[];
  /** Where /offsite redirects to. */
  offsiteUrl?: string;
  /** Custom routes, tried first: return true when the request was answered. */
  route?: (path: string, req: http.IncomingMessage, res: http.ServerResponse, url: URL) => boolean;
}

export const page = (title: string, body: string, head = ''): string =>
  `<!doctype html><html><head><meta charset="utf-8"><title>${title}</title>${head}</head><body><h1>${title}</h1>${body}</body></html>`;
export const links = (hrefs: string[]): string => hrefs.map((h) => `<a href="${h}">${h}</a>`).join('\n');

export async function startMisbehavingServer(opts: ServerOptions): Promise<MisbehavingServer> {
  const requests: RequestLog[] = [];
  const sockets = new Set<import('node:net').Socket>();
  let inFlight = 0;
  let maxInFlight = 0;
  const server = http.createServer((req, res) => {
    const u = new URL(req.url ?? '/', 'http://x');
    requests.push({ method: req.method ?? '', path: u.pathname + u.search, at: performance.now(), userAgent: String(req.headers['user-agent']) });
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    // Counted down when the answer is handed over (res.end) or the connection drops, whichever comes first: the
    // client cannot have its response before end() runs, so the count never under-reports overlap.
    let done = false;
    const finish = (): void => {
      if (done) return;
      done = true;
      inFlight--;
    };
    const end = res.end.bind(res) as (...args: unknown[]) => http.ServerResponse;
    res.end = ((...args: unknown[]) => (finish(), end(...args))) as typeof res.end;
    res.once('close', finish);
    if (opts.route?.(u.pathname, req, res, u)) return;
    const html = (body: string, status = 200, type = 'text/html; charset=utf-8'): void => {
      res.writeHead(status, { 'content-type': type }).end(body);
    };
    const p = u.pathname;
    if (p === '/robots.txt') {
      if (typeof opts.robots === 'number') return void res.writeHead(opts.robots, { 'content-type': 'text/plain' }).end('nope');
      return void res.writeHead(200, { 'content-type': 'text/plain' }).end(opts.robots);
    }
    if (p === '/') return html(page('Home', links(opts.homeLinks ?? [])));
    if (p.startsWith('/p/')) return html(page(`Page ${p}`, `<p>unique text for ${p}</p>`));
    if (p === '/loop/a') return void res.writeHead(302, { location: '/loop/b' }).end();
    if (p === '/loop/b') return void res.writeHead(301, { location: '/loop/a' }).end();
    if (p === '/redir/1') return void res.writeHead(301, { location: '/redir/2' }).end();
    if (p === '/redir/2') return void res.writeHead(302, { location: '/p/final' }).end();
    if (p === '/offsite') return void res.writeHead(302, { location: opts.offsiteUrl ?? 'http://example.invalid/' }).end();
    if (p === '/error') return html(page('Oops', 'server error'), 500);
    if (p === '/slow') {
      const t = setTimeout(() => html(page('Slow', 'finally')), 3000);
      res.on('close', () => clearTimeout(t));
      return;
    }
    if (p === '/big') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      let sent = 0;
      const chunk = Buffer.alloc(64 * 1024, 'a');
      const pump = (): void => {
        while (sent < 20 * 1024 * 1024 && !res.destroyed) {
          sent += chunk.length;
          if (!res.write(chunk)) return void res.once('drain', pump);
        }
        res.end();
      };
      pump();
      return;
    }
    // A PDF under a name that does not say so (/file.pdf itself is never requested: its path says it is no page).
    if (p === '/file.pdf' || p === '/pdf-without-extension') {
      res.writeHead(200, { 'content-type': 'application/pdf' });
      return void res.end(Buffer.alloc(200 * 1024, 1));
    }
    if (p === '/latin1-header') {
      res.writeHead(200, { 'content-type': 'text/html; charset=ISO-8859-1' });
      return void res.end(iconv.encode('<!doctype html><title>L</title><body><p>Café über 10 €</p></body>', 'windows-1252'));
    }
    if (p === '/cp1252-meta') {
      res.writeHead(200, { 'content-type': 'text/html' });
      return void res.end(
        iconv.encode(
          '<!doctype html><meta http-equiv="Content-Type" content="text/html; charset=windows-1252"><title>M</title><body><p>Crème brûlée für 5 €</p></body>',
          'windows-1252',
        ),
      );
    }
    if (p === '/bogus-charset') {
      res.writeHead(200, { 'content-type': 'text/html; charset=x-no-such-charset' });
      return void res.end(Buffer.from('<!doctype html><title>B</title><body><p>naïve Größe €</p></body>', 'utf8'));
    }
    if (p === '/calendar') {
      const n = Number(u.searchParams.get('month') ?? '0');
      return html(page(`Month ${n}`, `<a href="/calendar?month=${n + 1}">next</a>`));
    }
    if (p === '/dup-a' || p === '/dup-b') return html(page('Same', '<p>identical</p>').replace(`<h1>Same</h1>`, '<h1>Same</h1>'));
    if (p === '/canon') return html(page('Canonical', '<p>the real one</p>'));
    if (p === '/canon-copy') return html(page('Canonical copy', '<p>print view</p>', '<link rel="canonical" href="/canon">'));
    if (p === '/busy') {
      const n = requests.filter((r) => r.path === '/busy').length;
      if (n === 1) return void res.writeHead(503, { 'retry-after': '0' }).end();
      return html(page('Busy', 'served on retry'));
    }
    return html(page('Not found', ''), 404);
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    requests,
    paths: () => requests.map((r) => r.path),
    maxInFlight: () => maxInFlight,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
