import { randomUUID } from 'node:crypto';
import { useOpenTelemetry } from '@envelop/opentelemetry';
import { trace } from '@opentelemetry/api';
import { getOperationAST, type DocumentNode, type ExecutionResult } from 'graphql';
import { isAsyncIterable, type Plugin, type YogaLogger } from 'graphql-yoga';
import { contractOperations } from '../contract-operations.ts';
import { callerCode } from '../graph/errors.ts';
import { currentRequestId } from '../request-id.ts';
import { logger } from './logger.ts';
import { graphqlOperationDuration, graphqlOperations, type OperationOutcome } from './metrics.ts';
import { serviceName, tracingStarted } from './tracing.ts';

/** What is known of one operation from parse on, keyed by its GraphQL context. */
interface Operation {
  name: string;
  type: string;
  started: number;
  requestId: string;
  transport: 'http' | 'ws';
}

/** Operation names are the client's choice (any JSON, before Yoga checks it): bounded, for log lines. */
const labelName = (name: unknown): string => (typeof name === 'string' && name ? name.slice(0, 100) : 'anonymous');

const contractNames = new Set(contractOperations().keys());

/** The metric label: a contract operation's name, `anonymous`, or `other`, so that callers cannot add series. */
const metricName = (name: string): string => (contractNames.has(name) || name === 'anonymous' ? name : 'other');

function describe(document: DocumentNode, operationName: unknown): { name: string; type: string } {
  const operation = getOperationAST(document, typeof operationName === 'string' ? operationName : undefined);
  return { name: labelName(operation?.name?.value ?? operationName), type: operation?.operation ?? 'unknown' };
}

function outcomeOf(result: ExecutionResult): OperationOutcome {
  if (!result.errors?.length) return 'success';
  return result.data && Object.values(result.data).some((value) => value !== null && value !== undefined) ? 'partial' : 'error';
}

const codesOf = (errors: readonly unknown[] | undefined, graphqlCode = 'BAD_USER_INPUT'): string[] | undefined =>
  errors?.length ? [...new Set(errors.map((error) => callerCode(error, graphqlCode)))] : undefined;

/**
 * Counts, times and logs every GraphQL operation, over HTTP, SSE and graphql-ws alike: one log line with
 * the request id, operation, outcome and duration; `gateway_graphql_operations_total` and (queries and
 * mutations) `gateway_graphql_operation_duration_seconds`. A subscription is counted and logged when it
 * starts, and logged again when it ends.
 */
function useOperationRecords(): Plugin {
  const operations = new WeakMap<object, Operation>();

  const finish = (context: object, outcome: OperationOutcome, errors?: readonly unknown[], graphqlCode?: string): Operation | undefined => {
    const operation = operations.get(context);
    if (!operation) return undefined;
    operations.delete(context);
    const labels = { operation_name: metricName(operation.name), operation_type: operation.type, outcome };
    const elapsed = performance.now() - operation.started;
    graphqlOperations.inc(labels);
    if (operation.type !== 'subscription') graphqlOperationDuration.observe(labels, elapsed / 1000);
    const message = operation.type === 'subscription' && outcome === 'success' ? 'graphql subscription started' : 'graphql operation';
    logger.info(
      {
        requestId: operation.requestId,
        transport: operation.transport,
        operation: operation.name,
        operationType: operation.type,
        outcome,
        durationMs: Math.round(elapsed),
        errors: codesOf(errors, graphqlCode),
      },
      message,
    );
    return operation;
  };

  return {
    onPluginInit({ registerContextErrorHandler }) {
      // An unknown credential or a refused caller: the context factory throws before anything executes.
      registerContextErrorHandler(({ context, error }) => void finish(context, 'error', [error]));
    },
    onParse({ context }) {
      const request = (context as { request?: Request }).request;
      const given = (context as { params?: { operationName?: unknown } }).params?.operationName;
      const started = performance.now();
      return ({ result }) => {
        const known = result instanceof Error || !result ? { name: labelName(given), type: 'unknown' } : describe(result, given);
        operations.set(context, { ...known, started, requestId: currentRequestId() ?? randomUUID(), transport: request ? 'http' : 'ws' });
        if (result instanceof Error) finish(context, 'invalid', [result], 'GRAPHQL_PARSE_FAILED');
      };
    },
    onValidate({ context }) {
      return ({ valid, result }) => {
        if (!valid) finish(context, 'invalid', result, 'GRAPHQL_VALIDATION_FAILED');
      };
    },
    onExecute({ args }) {
      const context = args.contextValue as object;
      return {
        onExecuteDone({ result }) {
          if (!isAsyncIterable(result)) finish(context, outcomeOf(result), result.errors);
          // Incremental delivery (@defer, @stream): the operation ends with its last payload.
          else return { onEnd: () => void finish(context, 'success') };
          return undefined;
        },
      };
    },
    onSubscribe({ args }) {
      const context = args.contextValue as object;
      return {
        onSubscribeError: ({ error }) => void finish(context, 'error', [error]),
        onSubscribeResult({ result }) {
          if (!isAsyncIterable(result)) {
            finish(context, outcomeOf(result), result.errors);
            return undefined;
          }
          const operation = finish(context, 'success');
          return {
            onEnd: () => {
              if (operation) logger.info({ requestId: operation.requestId, transport: operation.transport, operation: operation.name, durationMs: Math.round(performance.now() - operation.started) }, 'graphql subscription ended');
            },
          };
        },
      };
    },
  };
}

/**
 * The gateway's observability as one Yoga plugin: operation records (above), and an OpenTelemetry span per
 * operation (`query.TraderDashboard`) from `@envelop/opentelemetry`, active while the operation executes so
 * that upstream calls are its children. Variables and results are never recorded; the document only when
 * it has no inline arguments (which could hold a password). The span plugin is left out unless
 * `startTracing` registered the SDK before the app was made: with tracing off its no-op spans still cost
 * a walk of each document and a context switch around each execution.
 */
export function useObservability(): Plugin {
  return {
    onPluginInit({ addPlugin }) {
      addPlugin(useOperationRecords());
      if (tracingStarted()) addPlugin(useOpenTelemetry({ resolvers: false, variables: false, result: false }, trace.getTracerProvider(), undefined, {}, serviceName) as Plugin);
    },
  };
}

/**
 * Yoga's own log calls, as JSON lines of the gateway's logger. Yoga logs an error each time masking replaced
 * one: an upstream failure was answered with its stable code (and is in the upstream metrics), and maskError
 * has already logged an unexpected one with its request id, so those are debug; anything else stays an error.
 */
export function yogaLogging(): YogaLogger {
  const yoga = logger.child({ component: 'yoga' });
  const write = (level: 'debug' | 'info' | 'warn' | 'error', args: unknown[]) => {
    const [first, ...rest] = args;
    if (first instanceof Error) yoga[level]({ err: first }, rest.map(String).join(' ') || first.message);
    else yoga[level](args.map(String).join(' '));
  };
  const masked = (args: unknown[]) => args[0] instanceof Error;
  return {
    debug: (...args: unknown[]) => write('debug', args),
    info: (...args: unknown[]) => write('info', args),
    warn: (...args: unknown[]) => write('warn', args),
    error: (...args: unknown[]) => write(masked(args) ? 'debug' : 'error', args),
  };
}
