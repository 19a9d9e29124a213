// Tiny measuring helpers: run a function repeatedly for a while and report per-call time.
export interface Measurement {
  name: string;
  calls: number;
  meanMicros: number;
  p95Micros: number;
}

export async function measure(name: string, fn: () => unknown | Promise<unknown>, options: { warmup?: number; samples?: number } = {}): Promise<Measurement> {
  for (let i = 0; i < (options.warmup ?? 50); i += 1) await fn();
  const samples = options.samples ?? 500;
  const times: number[] = [];
  for (let i = 0; i < samples; i += 1) {
    const start = process.hrtime.bigint();
    await fn();
    times.push(Number(process.hrtime.bigint() - start) / 1000);
  }
  times.sort((a, b) => a - b);
  const mean = times.reduce((a, b) => a + b, 0) / times.length;
  return { name, calls: samples, meanMicros: mean, p95Micros: times[Math.floor(times.length * 0.95)]! };
}

/** The q-quantile (0..1) of some numbers, nearest rank. */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

export interface LoadRun {
  calls: number;
  concurrency: number;
  seconds: number;
  perSecond: number;
  latenciesMs: number[];
  p50Ms: number;
  p99Ms: number;
}

/** Runs `calls` calls of `fn(i)` with `concurrency` in flight; each call's latency and the rate. */
export async function runLoad(calls: number, concurrency: number, fn: (i: number) => Promise<unknown>): Promise<LoadRun> {
  const latenciesMs: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: Math.min(concurrency, calls) }, async () => {
      for (let i = next++; i < calls; i = next++) {
        const t = performance.now();
        await fn(i);
        latenciesMs.push(performance.now() - t);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  return { calls, concurrency, seconds, perSecond: calls / seconds, latenciesMs, p50Ms: quantile(latenciesMs, 0.5), p99Ms: quantile(latenciesMs, 0.99) };
}

/** One figure of the benchmark table: what was measured, against what, and the target. */
export interface Figure {
  benchmark: string;
  figure: string;
  value: number;
  unit: string;
  baseline?: { what: string; value: number };
  /** value / baseline (or as the target defines it). */
  ratio?: number;
  target: string;
  ok: boolean;
}

export function printFigure(f: Figure): void {
  process.stdout.write(
    `${f.benchmark}\n` +
      (f.baseline ? `  baseline  ${f.baseline.what}: ${round(f.baseline.value)} ${f.unit}\n` : '') +
      `  subject   ${f.figure}: ${round(f.value)} ${f.unit}\n` +
      `  ${f.ratio !== undefined ? `ratio     ×${f.ratio.toFixed(2)}` : 'absolute '} (target: ${f.target}) ${f.ok ? 'OK' : 'OVER TARGET'}\n\n`,
  );
}

export const round = (n: number): string => (Math.abs(n) >= 100 ? n.toFixed(0) : Math.abs(n) >= 10 ? n.toFixed(1) : n.toFixed(2));
