/**
 * `npm run bench [-- --quick] [--out FILE] [--subscribers 1000,10000] [--load-seconds 60] [--note TEXT]`: writes BENCHMARKS.md.
 * `--only queries,load,abuse,fanout` runs only those sections, `--queries A,B` only those contract queries,
 * `--baseline <commit>` measures a second gateway from that commit beside this one (fan-out cases too), `--mixed 10000x100` sets the mixed fan-out case, `--cpu-prof DIR` profiles the gateways.
 */
import { parseBenchArgs, runBench } from './run.ts';

await runBench(parseBenchArgs(process.argv.slice(2)));
