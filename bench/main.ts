/** `npm run bench [-- --quick] [--out FILE] [--subscribers 1000,10000] [--load-seconds 60] [--note TEXT] [--only fanout] [--baseline DIR] [--mixed 10000x100] [--cpu-prof DIR]`: writes BENCHMARKS.md (`--out FILE` elsewhere). */
import { parseBenchArgs, runBench } from './run.ts';

await runBench(parseBenchArgs(process.argv.slice(2)));
