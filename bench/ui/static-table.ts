import type { SyntheticCluster } from './synthetic-clusters.js';

/**
 * The baseline: the clusters page's table as plain HTML, with the same columns, cells and
 * stylesheets, so that the browser's own cost of laying out 500 rows is what it measures.
 */

const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"]/g,
    (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[char] ?? char,
  );

function workers(cluster: SyntheticCluster): string {
  if (cluster.autoscale)
    return `${cluster.autoscale.min_workers}–${cluster.autoscale.max_workers} workers (autoscaling)`;
  const count = cluster.num_workers ?? 0;
  return `${count} worker${count === 1 ? '' : 's'}`;
}

function row(cluster: SyntheticCluster, cost: number): string {
  const cells = [
    `<a href="/compute/clusters/${cluster.cluster_id}">${escapeHtml(cluster.cluster_name)}</a>`,
    `<span class="badge tone-idle">${cluster.state}</span>`,
    workers(cluster),
    cluster.spark_version,
    cluster.node_type_id,
    escapeHtml(cluster.creator_user_name),
  ];
  const costCell = `<td class="num">$${cost.toFixed(cost < 1 ? 4 : 2)}</td>`;
  return `<tr>${cells.map((cell) => `<td>${cell}</td>`).join('')}${costCell}</tr>`;
}

export function staticTablePage(clusters: SyntheticCluster[], costs: number[], css: string): string {
  const head = ['Name', 'State', 'Workers', 'Runtime', 'Node type', 'Creator', 'Cost so far']
    .map((label) => `<th scope="col">${label}</th>`)
    .join('');
  const rows = clusters.map((cluster, index) => row(cluster, costs[index] ?? 0)).join('');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Baseline</title><style>${css}</style></head>
<body><main class="shell-main"><h1>Compute</h1><div class="table-wrap"><table class="data">
<thead><tr>${head}</tr></thead><tbody>${rows}</tbody></table></div></main></body></html>`;
}
