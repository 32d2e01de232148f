/**
 * `npm run bench [-- --quick] [--out FILE] [--subscribers 1000,10000] [--load-seconds 60] [--note TEXT]`: writes BENCHMARKS.md.
 * `--only queries,load,abuse,fanout` runs only those sections, `--queries A,B` only those contract queries,
 * `--baseline <commit>` measures a second gateway from that commit beside this one, `--cpu-prof DIR` profiles the gateway.
 */
import { parseBenchArgs, runBench } from './run.ts';

await runBench(parseBenchArgs(process.argv.slice(2)));
