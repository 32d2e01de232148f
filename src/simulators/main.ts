/**
 * Runs the three upstream simulators on their own (`npm run simulators`), for pointing a gateway or
 * any REST client at them. Ports: SIM_DXCORE_PORT, SIM_RETAIL_PORT, SIM_PLATFORM_PORT (default 4101-4103);
 * SIM_LATENCY_MS adds latency to every call; SIM_FAULTS injects faults per route (README, "Resilience").
 */
import { ConfigError } from '../setting-parsers.ts';
import { startSimulators } from './index.ts';

const port = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const sims = await startSimulators({
  ports: { dxcore: port('SIM_DXCORE_PORT', 4101), retail: port('SIM_RETAIL_PORT', 4102), platform: port('SIM_PLATFORM_PORT', 4103) },
  latencyMs: Number(process.env.SIM_LATENCY_MS ?? 0),
}).catch((error: unknown) => {
  if (!(error instanceof ConfigError)) throw error;
  console.error(`Configuration error: ${error.message}`);
  process.exit(2);
});
console.log('Simulators are up. Point a gateway at them with:');
for (const [name, value] of Object.entries(sims.env)) console.log(`  export ${name}=${value}`);
const stop = () => void sims.close().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
