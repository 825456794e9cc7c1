// A tiny static file server on 127.0.0.1 (random free port): serves a saved snapshot of a site during an audit,
// and fixture sites in tests. GET/HEAD only; paths cannot escape the folder.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.htm': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json',
  '.xml': 'application/xml',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.pdf': 'application/pdf',
  '.csv': 'text/csv; charset=utf-8',
  '.gz': 'application/gzip',
};

export interface StaticServer {
  /** Origin with a trailing slash, e.g. http://127.0.0.1:40123/ */
  url: string;
  close(): Promise<void>;
}

async function resolveFile(root: string, urlPath: string): Promise<string | null> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  const target = path.resolve(root, `.${path.posix.normalize(`/${decoded}`)}`);
  if (target !== root && !target.startsWith(root + path.sep)) return null;
  try {
    const s = await stat(target);
    if (s.isDirectory()) {
      const index = path.join(target, 'index.html');
      return (await stat(index).catch(() => null))?.isFile() ? index : null;
    }
    return s.isFile() ? target : null;
  } catch {
    return null;
  }
}

export async function serveDirectory(dir: string, opts: { port?: number } = {}): Promise<StaticServer> {
  const root = path.resolve(dir);
  const server = http.createServer(async (req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'text/plain' }).end('Method not allowed');
      return;
    }
    const urlPath = new URL(req.url ?? '/', 'http://localhost').pathname;
    const file = await resolveFile(root, urlPath);
    if (!file) {
      res.writeHead(404, { 'content-type': 'text/html; charset=utf-8' }).end('<!doctype html><title>Not found</title><h1>Not found</h1>');
      return;
    }
    // A directory URL without its slash is redirected, as real servers do, so relative links resolve correctly.
    if (file.endsWith(`${path.sep}index.html`) && !urlPath.endsWith('/') && !urlPath.endsWith('index.html')) {
      res.writeHead(301, { location: `${urlPath}/` }).end();
      return;
    }
    const type = TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
    const { size } = await stat(file);
    res.writeHead(200, { 'content-type': type, 'content-length': size });
    if (req.method === 'HEAD') res.end();
    else createReadStream(file).pipe(res);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
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
