/** `npm run bench [-- --quick] [--out FILE] [--subscribers 1000,10000] [--load-seconds 60] [--note TEXT]`: writes BENCHMARKS.md. */
import { parseBenchArgs, runBench } from './run.ts';

await runBench(parseBenchArgs(process.argv.slice(2)));
