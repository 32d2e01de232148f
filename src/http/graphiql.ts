/**
 * GraphiQL served from the package, never a CDN: the page Yoga renders at `/graphql` names only
 * `/graphiql/*` on this origin, where the script, styles, editor workers and icon of Yoga's own GraphiQL
 * (`@graphql-yoga/render-graphiql`, which bundles them) are served; a Content-Security-Policy on the page
 * and its assets lets the browser fetch from this origin only.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import type { Plugin } from 'graphql-yoga';
import { logger } from '../observability/logger.ts';
import { answer } from './answer.ts';

/** Where GraphiQL's assets are served. */
export const graphiqlAssetsPath = '/graphiql/';

/**
 * This origin only. Styles may be inline: the editor (Monaco) writes its themes into `<style>` elements
 * it creates; that fetches nothing. `data:` images and fonts are the bundle's own icons.
 */
export const graphiqlContentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const policyHeaders = { 'content-security-policy': graphiqlContentSecurityPolicy, 'x-content-type-options': 'nosniff' };

/** `<` escaped, so that no value in the options can end the data block it is written in. */
const dataBlock = (value: unknown) => JSON.stringify(value ?? {}).replace(/</g, '\\u003c');
const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** Yoga's `renderGraphiQL`: the page, its options in a JSON data block that start.js reads (no inline script). */
export function graphiqlPage(options: { title?: string | undefined } & Record<string, unknown>): string {
  const title = escapeHtml(options.title ?? 'GraphiQL');
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>${title}</title>
    <link rel="icon" href="${graphiqlAssetsPath}favicon.ico" />
    <link rel="stylesheet" href="${graphiqlAssetsPath}graphiql.css" />
  </head>
  <body id="body" class="no-focus-outline">
    <noscript>GraphiQL needs JavaScript.</noscript>
    <div id="root">Loading ${title}...</div>
    <script id="graphiql-options" type="application/json">${dataBlock(options)}</script>
    <script src="${graphiqlAssetsPath}start.js"></script>
    <script src="${graphiqlAssetsPath}graphiql.js"></script>
  </body>
</html>
`;
}

/** The page carries the policy, and is never cached (in demo mode it holds a key). */
export function useGraphiQLPolicy(): Plugin {
  return {
    onResponse({ response }) {
      if (!response.headers.get('content-type')?.startsWith('text/html')) return;
      for (const [name, value] of Object.entries(policyHeaders)) response.headers.set(name, value);
      response.headers.set('cache-control', 'no-store');
    },
  };
}

interface Asset {
  type: string;
  body: Buffer;
  gzipped: Buffer;
  etag: string;
}

const javascript = 'text/javascript; charset=utf-8';

/** The bundle is 9 MB of strings: read on the first asset request, so a gateway no browser visits never holds it. */
async function loadAssets(): Promise<Map<string, Asset>> {
  const bundle = await import('@graphql-yoga/render-graphiql/graphiql');
  const files: [string, string, Buffer][] = [
    ['start.js', javascript, readFileSync(new URL('./graphiql-start.js', import.meta.url))],
    ['graphiql.js', javascript, Buffer.from(bundle.js)],
    ['graphiql.css', 'text/css; charset=utf-8', Buffer.from(bundle.css)],
    ['editor.worker.js', javascript, Buffer.from(bundle.editorWorkerService)],
    ['json.worker.js', javascript, Buffer.from(bundle.jsonWorker)],
    ['graphql.worker.js', javascript, Buffer.from(bundle.graphqlWorker)],
    ['favicon.ico', 'image/x-icon', Buffer.from(bundle.favicon.slice(bundle.favicon.indexOf(',') + 1), 'base64')],
  ];
  const compress = promisify(gzip);
  const assets = await Promise.all(
    files.map(async ([name, type, body]): Promise<[string, Asset]> => [name, { type, body, gzipped: await compress(body), etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"` }]),
  );
  return new Map(assets);
}

let loaded: Promise<Map<string, Asset>> | undefined;

/**
 * `/graphiql/<name>`: one of the fixed assets, gzipped when the browser takes it, revalidated by ETag.
 * Hand-written: the assets are strings in a package, not files a static-file server could serve.
 */
export async function serveGraphiQLAsset(path: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') return answer(res, 405, 'GET only', { allow: 'GET, HEAD' });
  let asset: Asset | undefined;
  try {
    asset = (await (loaded ??= loadAssets())).get(path.slice(graphiqlAssetsPath.length));
  } catch (error) {
    loaded = undefined;
    logger.error({ err: error }, 'GraphiQL assets could not be read');
    return answer(res, 500, 'GraphiQL assets could not be read');
  }
  if (!asset) return answer(res, 404, 'not found');
  const headers = { ...policyHeaders, 'content-type': asset.type, etag: asset.etag, 'cache-control': 'no-cache', vary: 'accept-encoding' };
  if (req.headers['if-none-match'] === asset.etag) return void res.writeHead(304, headers).end();
  const zipped = /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
  const body = zipped ? asset.gzipped : asset.body;
  res.writeHead(200, { ...headers, ...(zipped ? { 'content-encoding': 'gzip' } : {}), 'content-length': String(body.length) });
  res.end(req.method === 'HEAD' ? undefined : body);
}
