import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';

/** Vite names every asset by its content hash, so a browser may keep it for good. */
const HASHED_ASSETS = '/assets/';
const IMMUTABLE = 'public, max-age=31536000, immutable';
/** The page itself names the current assets: it is revalidated on every load. */
const REVALIDATE = 'no-cache';

export interface WebAppOptions {
  /** The web package's build (services/web/dist); without one the API serves no pages. */
  root: string | undefined;
}

/**
 * A path the single-page app routes itself: a GET for a page (not a file, not the REST API) from
 * a browser. Everything else that no route matched stays the API's not-found answer.
 */
export function isAppPage(method: string, path: string, accept: string | undefined): boolean {
  if (method !== 'GET' && method !== 'HEAD') return false;
  if (path === '/api' || path.startsWith('/api/')) return false;
  if (/\.[a-z0-9]+$/i.test(path)) return false;
  return accept?.includes('text/html') ?? false;
}

/**
 * The web workspace (services/web) at `/`: its files as they are built, and its index page for any
 * other page path, so that a reload of `/compute/clusters/abc` opens the app there.
 */
export const webApp = fp(async (app: FastifyInstance, { root }: WebAppOptions) => {
  if (!root || !existsSync(join(root, 'index.html'))) {
    app.log.warn({ root }, 'No web app build: the API serves no pages (npm run build -w @brickyard/web)');
    return;
  }
  // Only reply.sendFile is taken from @fastify/static (the routes are these, public): files are
  // looked up per request, so a new build (`npm run build -w @brickyard/web`) needs no restart.
  const assets = join(root, HASHED_ASSETS);
  await app.register(fastifyStatic, {
    root,
    serve: false,
    preCompressed: true,
    index: false,
    setHeaders: (reply, path) =>
      reply.header('cache-control', path.startsWith(assets) ? IMMUTABLE : REVALIDATE),
  });

  const publicRoute = { config: { access: 'public' as const }, schema: { hide: true } };
  app.get<{ Params: { '*': string } }>(`${HASHED_ASSETS}*`, publicRoute, (request, reply) =>
    reply.sendFile(request.params['*'], assets),
  );
  const sendIndex = (request: FastifyRequest, reply: FastifyReply) => {
    const path = request.url.split('?')[0] ?? request.url;
    if (!isAppPage(request.method, path, request.headers.accept)) return reply.callNotFound();
    return reply.sendFile('index.html', root);
  };
  app.get('/', publicRoute, sendIndex);
  app.get('/*', publicRoute, sendIndex);
});
