/** A small client of the platform's Prometheus HTTP API (PROMETHEUS_URL, from .brickyard/env). */

export function readPrometheusUrl(env: NodeJS.ProcessEnv = process.env): string {
  const url = env.PROMETHEUS_URL;
  if (!url) throw new Error("PROMETHEUS_URL is not set: run 'make up' and 'source .brickyard/env'");
  return url;
}

/** An instant query's answer: how many samples it returned and how many are numbers (not NaN). */
export type QueryOutcome = { ok: true; samples: number; numbers: number } | { ok: false; error: string };

interface ApiAnswer<T> {
  status: 'success' | 'error';
  data?: T;
  error?: string;
}

type Value = [number, string];

interface QueryData {
  resultType: 'vector' | 'matrix' | 'scalar' | 'string';
  result: { value?: Value; values?: Value[] }[] | Value;
}

async function get<T>(base: string, path: string, params: Record<string, string>): Promise<ApiAnswer<T>> {
  const url = new URL(path, base);
  for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value);
  const response = await fetch(url);
  // Prometheus answers errors (bad expressions included) with a JSON body too.
  return (await response.json()) as ApiAnswer<T>;
}

function valuesOf(data: QueryData): string[] {
  if (data.resultType === 'scalar' || data.resultType === 'string') return [(data.result as Value)[1]];
  return (data.result as { value?: Value; values?: Value[] }[]).flatMap((series) =>
    series.value ? [series.value[1]] : (series.values ?? []).map((value) => value[1]),
  );
}

export class Prometheus {
  constructor(readonly url: string) {}

  async query(expr: string): Promise<QueryOutcome> {
    const answer = await get<QueryData>(this.url, '/api/v1/query', { query: expr });
    if (answer.status !== 'success' || !answer.data) return { ok: false, error: answer.error ?? 'no data' };
    const values = valuesOf(answer.data);
    return { ok: true, samples: values.length, numbers: values.filter((value) => value !== 'NaN').length };
  }

  /** Values of a label, of the series that match a selector if one is given. */
  async labelValues(label: string, match?: string): Promise<string[]> {
    const answer = await get<string[]>(
      this.url,
      `/api/v1/label/${encodeURIComponent(label)}/values`,
      match === undefined ? {} : { 'match[]': match },
    );
    if (answer.status !== 'success') throw new Error(`label values of ${label}: ${answer.error}`);
    return answer.data ?? [];
  }
}
