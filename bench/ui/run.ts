/**
 * bench/ui: the clusters page (/compute) with 500 clusters in the test browser, from navigation to
 * its 500th row on screen, beside a static HTML page of the same 500-row table rendered in the same
 * browser in the same run. clusters/list and workspace/cost are answered with synthetic clusters
 * (page.route), so no pods start; everything else (sign-in, the app's files) is the platform's.
 * Usage: source .brickyard/env && npm run bench:ui -- [--runs 7] [--clusters 500]
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { chromium, type Page } from '@playwright/test';
import { staticTablePage } from './static-table.js';
import { syntheticClusters, syntheticCosts } from './synthetic-clusters.js';

const { values } = parseArgs({
  options: { runs: { type: 'string', default: '7' }, clusters: { type: 'string', default: '500' } },
});
const runs = Number(values.runs);
const count = Number(values.clusters);

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run 'make up' and 'source .brickyard/env'`);
  return value;
}
const host = required('DATABRICKS_HOST');
const token = required('DATABRICKS_TOKEN');

const here = (file: string) => fileURLToPath(new URL(file, import.meta.url));
const css = (
  await Promise.all(
    ['../../services/web/src/ui/theme.css', '../../services/web/src/pages/compute/compute.css'].map((file) =>
      readFile(here(file), 'utf8'),
    ),
  )
).join('\n');

const clusters = syntheticClusters(count);
const costs = syntheticCosts(clusters);
const lastRow = (page: Page) => page.locator('table.data tbody tr').nth(count - 1);

/** Milliseconds from navigation to the last row visible, and from clusters/list's answer to it. */
async function timeApp(page: Page): Promise<{ navigation: number; render: number }> {
  let answeredAt = 0;
  await page.unroute('**/api/2.1/clusters/list*');
  await page.route('**/api/2.1/clusters/list*', async (route) => {
    answeredAt = performance.now();
    await route.fulfill({ json: { clusters } });
  });
  await page.goto('about:blank');
  const start = performance.now();
  await page.goto(`${host}/compute`, { waitUntil: 'commit' });
  await lastRow(page).waitFor({ state: 'visible' });
  const end = performance.now();
  return { navigation: end - start, render: end - answeredAt };
}

async function timeStatic(page: Page, html: string): Promise<number> {
  await page.goto('about:blank');
  const start = performance.now();
  await page.setContent(html, { waitUntil: 'commit' });
  await lastRow(page).waitFor({ state: 'visible' });
  return performance.now() - start;
}

function median(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

function printTable(rows: [string, number[]][]): void {
  const lines = rows.map(([label, samples]) => [
    label,
    median(samples).toFixed(0),
    Math.min(...samples).toFixed(0),
    Math.max(...samples).toFixed(0),
  ]);
  const header = ['benchmark', 'median ms', 'min ms', 'max ms'];
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((line) => (line[i] as string).length)));
  const format = (cells: string[]) => cells.map((cell, i) => cell.padEnd(widths[i] as number)).join('  ');
  console.log(format(header));
  for (const line of lines) console.log(format(line));
}

const browser = await chromium.launch({
  executablePath: process.env.BRICKYARD_CHROMIUM ?? '/usr/bin/chromium',
});
try {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  const page = await context.newPage();
  await page.route('**/api/2.0/brickyard/workspace/cost', (route) =>
    route.fulfill({ json: { clusters: costs } }),
  );
  await page.goto(host);
  await page.getByLabel('Personal access token').fill(token);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('navigation', { name: 'Sections' }).waitFor();

  const html = staticTablePage(
    clusters,
    costs.map((cost) => cost.total_dollars),
    css,
  );
  // One run of each first, uncounted: the app's files reach the browser's cache, the page's JIT warms.
  await timeApp(page);
  await timeStatic(page, html);
  const navigation: number[] = [];
  const render: number[] = [];
  const baseline: number[] = [];
  for (let run = 0; run < runs; run += 1) {
    const app = await timeApp(page);
    navigation.push(app.navigation);
    render.push(app.render);
    baseline.push(await timeStatic(page, html));
  }
  console.log(`${count} clusters, ${runs} runs each, ${await browser.version()}\n`);
  printTable([
    [`static HTML table, ${count} rows (baseline)`, baseline],
    [`/compute, navigation to row ${count}`, navigation],
    [`/compute, clusters/list answer to row ${count}`, render],
  ]);
  const ratio = median(navigation) / median(baseline);
  console.log(`\nthe clusters page takes ${ratio.toFixed(1)}x the static table's time (navigation, medians)`);
} finally {
  await browser.close();
}
