/**
 * Only the sync benchmarks, without building the 100k-product store of `npm run bench` first:
 *
 *   BENCH_SYNC_ONLY=push,bootstrap BENCH_SYNC_SALES=10000 npx tsx tests/bench/run-sync.ts
 *
 * BENCH_SYNC_ONLY takes a comma-separated subset of push, bootstrap, visibility, resync (all when unset). Prints
 * the results; writes nothing.
 */
import { runSyncBenches } from './sync-bench';

const say = (line: string) => process.stdout.write(`${line}\n`);
const results = await runSyncBenches(say);
for (const r of results) say(`${r.name.padEnd(32)} ${r.value} ${r.unit}  baseline ${r.baseline}  ratio ${r.ratio}`);
