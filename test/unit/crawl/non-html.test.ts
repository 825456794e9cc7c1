import { describe, expect, it } from 'vitest';
import { crawlSite } from '../../../src/crawl/crawler.js';
import { nonHtmlReason } from '../../../src/crawl/non-html.js';
import { crawlOptions } from './helpers/crawl-options.js';
import { closedAfterEachTest, recordOf } from './helpers/per-test.js';

const { server } = closedAfterEachTest();
const rec = recordOf;

describe('non-HTML paths', () => {
  it('names the extension or the attachment endpoint, and leaves pages alone', () => {
    expect(nonHtmlReason('https://f.example/files/setup.zip')).toBe('path ends in .zip (archive): not a web page, not requested');
    expect(nonHtmlReason('https://f.example/img/Photo.JPG?w=200')).toMatch(/^path ends in \.jpg \(image\)/);
    expect(nonHtmlReason('https://f.example/docs/manual%20v2.pdf')).toMatch(/\.pdf \(document\)/);
    expect(nonHtmlReason('https://f.example/forum/download/file.php?id=77')).toMatch(/attachment download \(phpBB download\/file\.php\)/);
    expect(nonHtmlReason('https://f.example/attachments/screenshot-png.4411/')).toMatch(/XenForo/);
    expect(nonHtmlReason('https://f.example/attachment.php?attachmentid=5')).toMatch(/attachment\.php/);
    for (const page of [
      'https://f.example/',
      'https://f.example/viewtopic.php?t=12',
      'https://f.example/t/how-to-zip-files/12',
      'https://f.example/threads/pdf-export-broken.991/',
      'https://f.example/docs/v1.2',
      'https://f.example/guide.html',
      'https://f.example/attachments/',
      'https://f.example/download/',
    ])
      expect(nonHtmlReason(page), page).toBeNull();
  });

  it('records attachment, image, media and asset links as skipped without sending a single request to them (server log)', async () => {
    const files = [
      '/files/setup.zip',
      '/files/backup.tar.gz',
      '/img/photo.JPG',
      '/img/diagram.svg',
      '/docs/manual.pdf',
      '/docs/sheet.xlsx',
      '/media/clip.mp4',
      '/bin/tool.exe',
      '/assets/site.css',
      '/assets/app.js',
      '/download/file.php?id=3',
      '/attachments/photo-jpg.123/',
    ];
    const s = await server({
      robots: 404,
      homeLinks: [...files, '/p/1', '/go'],
      route: (p, _req, res) => {
        // Anything but the pages answers with a file, so a request that got through would also be fetched as one.
        if (p === '/go') return (void res.writeHead(302, { location: '/files/after-redirect.zip' }).end(), true);
        if (p.startsWith('/p/') || p === '/' || p === '/robots.txt' || p === '/sitemap.xml') return false;
        return (void res.writeHead(200, { 'content-type': 'application/octet-stream' }).end(Buffer.alloc(1024)), true);
      },
    });
    const r = await crawlSite(crawlOptions(s.url));
    const requested = s.paths().map((p) => p.replace(/\?.*$/, ''));
    expect([...new Set(requested)].sort()).toEqual(['/', '/go', '/p/1', '/robots.txt', '/sitemap.xml']);
    for (const f of files) {
      expect(rec(r, new URL(f, s.url).toString()), f).toMatchObject({
        outcome: 'skipped',
        reason: 'non-html',
        detail: expect.stringMatching(/not a web page, not requested$/),
      });
      expect(rec(r, new URL(f, s.url).toString())?.status, f).toBeUndefined();
    }
    expect(rec(r, `${s.url}files/setup.zip`)?.detail).toBe('path ends in .zip (archive): not a web page, not requested');
    // A redirect into a file is not followed either; the target is recorded for what it is.
    expect(rec(r, `${s.url}go`)).toMatchObject({ outcome: 'skipped', detail: expect.stringMatching(/after-redirect\.zip not followed: path ends in \.zip/) });
    expect(rec(r, `${s.url}files/after-redirect.zip`)).toMatchObject({
      outcome: 'skipped',
      reason: 'non-html',
      detail: expect.stringMatching(/^redirect target of .*\/go: path ends in \.zip/),
    });
    expect(r.pages.map((p) => new URL(p.url).pathname)).toEqual(['/', '/p/1']);
  });
});
