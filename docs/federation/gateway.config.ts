/**
 * Hive Gateway (`npx hive-gateway supergraph supergraph.graphql`, or `@graphql-hive/gateway-runtime`'s
 * `createGatewayRuntime`) in front of this gateway and the example CRM notes subgraph; the supergraph
 * is `npm run supergraph:print > supergraph.graphql`. test/federation/router.test.ts runs the runtime
 * with these transport settings. (For the CLI, wrap the object in `defineConfig` from
 * `@graphql-hive/gateway`.)
 */

/** The gateway's subgraph name in the supergraph (scripts/supergraph.ts). */
const brokerage = 'brokerage';

/**
 * The caller's credential, as Hive Gateway's context has it: the request's `Authorization` header, or
 * over graphql-ws the `authorization` of `connectionParams` (the context merges them into `headers`).
 */
const callersAuthorization = '{context.headers.authorization}';

export const gatewayConfig = {
  supergraph: './supergraph.graphql',
  transportEntries: {
    // Every subgraph call carries the caller's credential: the gateway answers each caller with only
    // what their key or session may read, and never with its own service credential.
    '*.http': { headers: [['authorization', callersAuthorization]] as [string, string][] },
    // Subscriptions go to the gateway over graphql-ws, authenticated in connection_init as its contract says.
    [brokerage]: {
      options: { subscriptions: { kind: 'ws', location: '/graphql', options: { connectionParams: { authorization: callersAuthorization } } } },
    },
  },
};
