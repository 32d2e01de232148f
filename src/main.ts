/** `npm start`: one configuration from the environment, the demo's (the simulators) when it names no upstream; then the gateway. */
import { ConfigError, loadConfig } from './config.ts';
import { startDemoGateway, type DemoGateway } from './demo.ts';
import { logger } from './observability/logger.ts';
import { startGateway, type RunningGateway } from './server.ts';

try {
  const config = loadConfig(process.env);
  const gateway: RunningGateway & Partial<DemoGateway> = config.demo ? await startDemoGateway(config, process.env) : await startGateway(config);
  console.log(`GraphQL gateway on ${gateway.url}/graphql (GraphiQL in a browser)`);
  if (gateway.simulators) {
    console.log('Demo mode: dxCore, Retail Services and Platform simulators are running:');
    console.log(`  dxCore ${gateway.simulators.env.DXCORE_URL}  Retail ${gateway.simulators.env.RETAIL_URL}  Platform ${gateway.simulators.env.PLATFORM_URL}`);
  }
  console.log(`Events: webhooks on ${gateway.url}/webhooks/platform and /webhooks/dxfeed; subscriptions over graphql-ws and SSE on /graphql; log ${gateway.eventLogKind}`);
  if (gateway.simulators) console.log('  the simulators sign and send their webhooks here, so a mutation shows up on a subscription');
  // The banner is plain text for the person at the terminal (tests read the URL and key from it); log records are JSON lines at LOG_LEVEL.
  logger.info({ url: gateway.url, demo: config.demo, eventLog: gateway.eventLogKind }, 'gateway listening');
  if (gateway.demoApiKey) console.log(`Demo API key (all scopes, from this machine at localhost only): Authorization: Bearer ${gateway.demoApiKey}`);
  // Graceful: requests in progress finish (SHUTDOWN_GRACE_MS), then exit 0; a second signal stops at once.
  const stop = (signal: NodeJS.Signals) => {
    console.log(`${signal}: shutting down, letting requests in progress finish`);
    process.once(signal, () => process.exit(1));
    gateway.close().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(`Configuration error: ${error.message}`);
    process.exit(2);
  }
  throw error;
}
