import { CallAllowance, currentAllowance, withAllowance } from '../../upstreams/allowance.ts';
import { ParameterError } from '../../upstreams/parameters.ts';
import { asTypedError } from '../errors.ts';
import { GatewayError, RejectedError } from '../typed-errors.ts';
import { refusedParameter } from '../refused-parameters.ts';

/** What became of one step of a multi-call workflow. */
export type StepOutcome = 'COMPLETED' | 'FAILED' | 'UNDONE' | 'UNDO_FAILED' | 'LEFT_IN_PLACE' | 'NOT_RUN';

export interface StepReport {
  name: string;
  outcome: StepOutcome;
  /** What the step made or what is left, e.g. the id of a market-data account that cannot be deleted. */
  detail?: string | undefined;
}

/** A workflow stopped at `failedStep`: what each step came to, and the failure behind it. */
export class WorkflowStepError extends GatewayError {
  override readonly name = 'WorkflowStepError';
  readonly failedStep: string;
  override readonly cause: GatewayError;
  readonly steps: StepReport[];
  constructor(failedStep: string, cause: GatewayError, steps: StepReport[]) {
    const left = steps.filter((s) => s.outcome === 'LEFT_IN_PLACE' || s.outcome === 'UNDO_FAILED');
    const note = left.length ? `; left in place: ${left.map((s) => `${s.name}${s.detail ? ` (${s.detail})` : ''}`).join(', ')}` : '';
    super('WORKFLOW_STEP_FAILED', `Step "${failedStep}" failed with ${cause.code}: ${cause.message}${note}`, cause.upstream);
    this.failedStep = failedStep;
    this.cause = cause;
    this.steps = steps;
  }
}

interface Done {
  report: StepReport;
  undo: (() => Promise<unknown>) | undefined;
  /** A read: nothing to undo or to leave behind. */
  readOnly: boolean;
}

/**
 * Runs the steps of one workflow in order. When a step fails, the steps already done are undone in
 * reverse where they can be; the rest are reported as left in place, so that the caller learns
 * exactly what exists now.
 */
export class Workflow {
  private readonly planned: string[];
  private readonly args: unknown;
  private readonly done: Done[] = [];

  /**
   * `planned` names every step the workflow may run, in order, so that a report lists those not run;
   * `args` are the mutation's arguments, which name the field when a step refuses a caller's value.
   */
  constructor(planned: string[], args: unknown) {
    this.planned = planned;
    this.args = args;
  }

  /**
   * Runs a step; `undo` reverses it (none: it stays if a later step fails), `detail` describes what it
   * made, `readOnly` marks a read, which leaves nothing behind.
   */
  async step<T>(name: string, run: () => Promise<T>, options: { undo?: (result: T) => Promise<unknown>; detail?: (result: T) => string; readOnly?: boolean } = {}): Promise<T> {
    let result: T;
    try {
      result = await run();
    } catch (error) {
      throw await this.fail(name, error);
    }
    const { undo, detail } = options;
    this.done.push({ report: { name, outcome: 'COMPLETED', detail: detail?.(result) }, undo: undo && (() => undo(result)), readOnly: options.readOnly ?? false });
    return result;
  }

  /** Every step so far, for the success answer. */
  reports(): StepReport[] {
    return this.done.map((d) => d.report);
  }

  private async fail(name: string, error: unknown): Promise<unknown> {
    // A refused request parameter is found in the arguments here: the steps before it are undone like after any failure.
    const cause = error instanceof ParameterError ? refusedParameter(error, this.args) : asTypedError(error);
    // Not a known failure (a bug, a masked error): nothing can be said about it safely, so it goes up as it is.
    if (!(cause instanceof GatewayError)) return cause;
    const undone: StepReport[] = [];
    for (const step of [...this.done].reverse()) undone.unshift(await this.undo(step));
    const later = this.planned.slice(this.planned.indexOf(name) + 1).map((n): StepReport => ({ name: n, outcome: 'NOT_RUN' }));
    return new WorkflowStepError(name, cause, [...undone, { name, outcome: 'FAILED', detail: `${cause.code}: ${cause.message}` }, ...later]);
  }

  private async undo(step: Done): Promise<StepReport> {
    if (step.readOnly) return step.report;
    if (!step.undo) return { ...step.report, outcome: 'LEFT_IN_PLACE' };
    try {
      await undoAllowed(step.undo);
      return { ...step.report, outcome: 'UNDONE' };
    } catch (error) {
      const typed = asTypedError(error);
      const why = typed instanceof GatewayError ? `${typed.code}: ${typed.message}` : 'unexpected failure';
      return { ...step.report, outcome: 'UNDO_FAILED', detail: `${step.report.detail ? `${step.report.detail}; ` : ''}undo failed (${why})` };
    }
  }
}

/** Calls one undo may make, whatever the operation has spent: a few, so that compensation is never the caller's budget to exhaust. */
const undoCalls = 3;

/**
 * Runs an undo on an allowance of its own, in the caller's name, outside the caller's share of each
 * upstream's pool: a caller holding its whole share cannot make the undo fail. Still bounded: one undo
 * at a time per workflow, each after steps that went through the share.
 */
function undoAllowed(undo: () => Promise<unknown>): Promise<unknown> {
  const caller = currentAllowance()?.caller;
  return caller === undefined ? undo() : withAllowance(new CallAllowance(caller, undoCalls, { shared: false }), undo);
}

/** A workflow refusing to start: the mode does not allow what the input asks for. */
export const notInMode = (message: string) => new RejectedError('NOT_SUPPORTED_IN_MODE', message);
