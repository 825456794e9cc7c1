export { crawlSite, extractLinks } from './crawler.js';
export { serveDirectory, type StaticServer } from './static-server.js';
export { canonicalizeUrl } from './url.js';
export { makeScope, sameSite, isStateChanging, trapReason } from './scope.js';
export { loadRobots, MAX_CRAWL_DELAY_SEC, type RobotsRules } from './robots.js';
export { fetchPage, decodeHtml, type FetchPageResult, type FetchPageOptions } from './fetch-page.js';
export type * from './types.js';
