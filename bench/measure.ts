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

export function report(title: string, baseline: Measurement, subject: Measurement, target: { maxRatio: number; what: string }) {
  const ratio = subject.meanMicros / baseline.meanMicros;
  const p95Ratio = subject.p95Micros / baseline.p95Micros;
  const ok = ratio <= target.maxRatio;
  process.stdout.write(
    `${title}\n` +
      `  baseline  ${baseline.name}: mean ${baseline.meanMicros.toFixed(1)} µs, p95 ${baseline.p95Micros.toFixed(1)} µs\n` +
      `  subject   ${subject.name}: mean ${subject.meanMicros.toFixed(1)} µs, p95 ${subject.p95Micros.toFixed(1)} µs\n` +
      `  ratio     mean ×${ratio.toFixed(2)}, p95 ×${p95Ratio.toFixed(2)} (target: ${target.what}, mean ≤ ×${target.maxRatio}) ${ok ? 'OK' : 'OVER TARGET'}\n\n`,
  );
  return ok;
}
