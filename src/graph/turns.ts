import SchemaBuilder, { BasePlugin, createContextCache, type SchemaTypes } from '@pothos/core';
import type { GraphQLFieldResolver } from 'graphql';

/**
 * Fields one operation resolves in one turn of the event loop. Resolving runs on promise jobs, which
 * never let I/O in, so an operation as large as the cost limit admits (thousands of fields, some
 * microseconds each) would otherwise hold every other request for its whole length.
 */
export const fieldsPerTurn = 500;

/** One operation's turns: the fields resolved in this one, and those waiting for the next, in order. */
class Turns {
  private fields = 0;
  private readonly waiting: (() => void)[] = [];
  private next: NodeJS.Immediate | undefined;

  /** Whether one more field may resolve in this turn (counted if so). */
  admit(): boolean {
    if (this.next || this.fields >= fieldsPerTurn) return false;
    this.fields++;
    return true;
  }

  /** Resolves a field in a later turn, after the fields already waiting. */
  later<T>(resolve: () => T): Promise<Awaited<T>> {
    return new Promise<Awaited<T>>((done, fail) => {
      this.waiting.push(() => {
        try {
          done(resolve() as Awaited<T>);
        } catch (error) {
          fail(error);
        }
      });
      this.next ??= setImmediate(() => this.turn());
    });
  }

  /** A new turn: the first `fieldsPerTurn` waiting fields run; fields they start wait behind the rest. */
  private turn(): void {
    this.next = undefined;
    const now = this.waiting.splice(0, fieldsPerTurn);
    this.fields = now.length;
    if (this.waiting.length > 0) this.next = setImmediate(() => this.turn());
    for (const run of now) run();
  }
}

const turnsOf = createContextCache(() => new Turns());

/**
 * Pothos plugin: an operation resolves at most `fieldsPerTurn` fields per turn of the event loop, so
 * other requests' I/O and resolvers run in between; one of fewer fields runs as it did. Written here
 * because graphql-js has no hook between fields but their resolvers.
 */
class TurnsPlugin<Types extends SchemaTypes> extends BasePlugin<Types> {
  override wrapResolve(resolver: GraphQLFieldResolver<unknown, Types['Context'], object>): GraphQLFieldResolver<unknown, Types['Context'], object> {
    return (parent, args, context, info) => {
      const turns = turnsOf(context);
      return turns.admit() ? resolver(parent, args, context, info) : turns.later(() => resolver(parent, args, context, info));
    };
  }
}

const pluginName = 'turns';

declare global {
  export namespace PothosSchemaTypes {
    export interface Plugins<Types extends SchemaTypes> {
      turns: TurnsPlugin<Types>;
    }
  }
}

SchemaBuilder.registerPlugin(pluginName, TurnsPlugin);

export default pluginName;
