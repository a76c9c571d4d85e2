/** Nearest-rank percentile of samples (any order): the smallest sample with at least p % of samples at or below it. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) throw new RangeError('no samples');
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1] ?? Number.NaN;
}

export interface PairedSamples {
  subject: number[];
  baseline: number[];
}

export interface PairedRun<T> {
  /** The first `warmup` inputs warm both sides up; each side then measures the rest once each, in the same order. */
  inputs: readonly T[];
  warmup: number;
  rounds: number;
  subject(input: T): Promise<void>;
  baseline(input: T): void | Promise<void>;
}

async function timed<T>(fn: (input: T) => void | Promise<void>, input: T): Promise<number> {
  const start = process.hrtime.bigint();
  await fn(input);
  return Number(process.hrtime.bigint() - start) / 1_000; // microseconds
}

/**
 * Measures subject and baseline in interleaved rounds, swapping which goes first each round, so a burst of machine
 * noise (another process, a WAL checkpoint, GC) lands on both sides instead of skewing one of them.
 */
export async function measurePaired<T>(run: PairedRun<T>): Promise<PairedSamples> {
  const warmupInputs = run.inputs.slice(0, run.warmup);
  for (const input of warmupInputs) {
    await run.subject(input);
    await run.baseline(input);
  }
  const measured = run.inputs.slice(run.warmup);
  const samples: PairedSamples = { subject: [], baseline: [] };
  const perRound = Math.ceil(measured.length / run.rounds);
  for (let round = 0; round < run.rounds; round++) {
    const slice = measured.slice(round * perRound, (round + 1) * perRound);
    const sides = [
      async () => {
        for (const input of slice) samples.subject.push(await timed(run.subject, input));
      },
      async () => {
        for (const input of slice) samples.baseline.push(await timed(run.baseline, input));
      },
    ];
    if (round % 2 === 1) sides.reverse();
    for (const side of sides) await side();
  }
  return samples;
}
