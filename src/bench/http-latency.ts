/**
 * Sequential GraphQL requests over one keep-alive HTTP connection, each timed from the first
 * byte written to the last byte read: the latency a client sees, without queueing behind other
 * requests (one in flight at a time).
 */
import { Agent, request } from 'node:http';
import { performance } from 'node:perf_hooks';

export interface LatencySummary {
  requests: number;
  errors: number;
  p50Ms: number;
  p90Ms: number;
  p99Ms: number;
  maxMs: number;
  meanMs: number;
  /** The first error body seen, to say what went wrong. */
  firstError?: string;
}

export interface GraphqlRequest {
  query: string;
  variables?: Record<string, unknown>;
}

export class GraphqlClient {
  private readonly agent = new Agent({ keepAlive: true, maxSockets: 1 });
  private readonly url: URL;

  constructor(url: string) {
    this.url = new URL(url);
  }

  /** One request: its status, body and the time it took in ms. */
  post(body: GraphqlRequest): Promise<{ status: number; body: string; ms: number }> {
    const payload = JSON.stringify(body);
    return new Promise((resolve, reject) => {
      const t0 = performance.now();
      const req = request(
        {
          agent: this.agent,
          hostname: this.url.hostname,
          port: this.url.port,
          path: this.url.pathname,
          method: 'POST',
          headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), ms: performance.now() - t0 }));
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(payload);
    });
  }

  /** Data of a request that must succeed. */
  async data<T>(body: GraphqlRequest): Promise<T> {
    const res = await this.post(body);
    const parsed = JSON.parse(res.body) as { data?: T; errors?: unknown };
    if (res.status !== 200 || parsed.errors || !parsed.data) throw new Error(`GraphQL request failed (${res.status}): ${res.body.slice(0, 400)}`);
    return parsed.data;
  }

  /**
   * `count` requests made by `make(i)`, after `warmup` untimed ones. A request fails on a
   * non-200 status or an `errors` entry.
   */
  async measure(make: (i: number) => GraphqlRequest, count: number, warmup: number): Promise<LatencySummary> {
    const raw = await this.measureRaw(make, count, warmup);
    return summarise(raw.samples, raw.errors, raw.firstError);
  }

  /** `measure` without the summary: every sample in ms. */
  async measureRaw(
    make: (i: number) => GraphqlRequest,
    count: number,
    warmup: number,
  ): Promise<{ samples: number[]; errors: number; firstError?: string }> {
    for (let i = 0; i < warmup; i++) await this.post(make(i));
    const samples: number[] = [];
    let errors = 0;
    let firstError: string | undefined;
    for (let i = 0; i < count; i++) {
      const res = await this.post(make(warmup + i));
      samples.push(res.ms);
      if (res.status !== 200 || res.body.includes('"errors"')) {
        errors++;
        firstError ??= `${res.status}: ${res.body.slice(0, 300)}`;
      }
    }
    return { samples, errors, ...(firstError ? { firstError } : {}) };
  }

  close(): void {
    this.agent.destroy();
  }
}

export function summarise(samples: number[], errors = 0, firstError?: string): LatencySummary {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? 0;
  const round = (x: number) => Math.round(x * 1000) / 1000;
  return {
    requests: samples.length,
    errors,
    p50Ms: round(at(0.5)),
    p90Ms: round(at(0.9)),
    p99Ms: round(at(0.99)),
    maxMs: round(sorted[sorted.length - 1] ?? 0),
    meanMs: round(samples.reduce((a, b) => a + b, 0) / Math.max(1, samples.length)),
    ...(firstError ? { firstError } : {}),
  };
}
