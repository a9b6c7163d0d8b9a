import { readFile } from 'node:fs/promises';
import type { Logger } from 'pino';
import type { ApiReach } from './spark-engine-config.js';

const ATTEMPTS = 10;
const RETRY_MS = 1_000;
const REQUEST_TIMEOUT_MS = 10_000;

interface CatalogPage {
  catalogs?: { name?: string }[];
  next_page_token?: string;
}

async function catalogPage(api: ApiReach, pageToken: string | undefined): Promise<CatalogPage> {
  const url = new URL('/api/2.1/unity-catalog/catalogs', api.url);
  if (pageToken) url.searchParams.set('page_token', pageToken);
  const token = (await readFile(api.tokenFile, 'utf8')).trim();
  const response = await fetch(url, {
    headers: { authorization: `Bearer ${token}` },
    signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
  });
  if (!response.ok) throw new Error(`${url.pathname} answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as CatalogPage;
}

async function listCatalogNames(api: ApiReach): Promise<string[]> {
  const names: string[] = [];
  let pageToken: string | undefined;
  do {
    const page = await catalogPage(api, pageToken);
    for (const catalog of page.catalogs ?? []) if (catalog.name) names.push(catalog.name);
    pageToken = page.next_page_token || undefined;
  } while (pageToken);
  return names;
}

/**
 * The workspace's Unity Catalog catalogs, which the driver's Spark is configured with. The API may
 * be restarting as a cluster starts, so a few seconds of retries; without an answer the driver
 * starts with the default catalog alone (the others stay reachable by three-part names).
 */
export async function workspaceCatalogs(api: ApiReach, log: Logger): Promise<string[]> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await listCatalogNames(api);
    } catch (error) {
      if (attempt >= ATTEMPTS) {
        log.warn(
          { err: error },
          'Could not list Unity Catalog catalogs; Spark starts with the default catalog',
        );
        return [];
      }
      await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
    }
  }
}
