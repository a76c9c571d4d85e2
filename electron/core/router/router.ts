import type { z } from 'zod';
import { envelopeSchema } from '../../../shared/contract/envelope';
import { type ChannelName, contract, isChannelName } from '../../../shared/contract/index';
import {
  type CommittedWrite,
  CoreError,
  type Failure,
  type Result,
  type ValidationIssue,
} from '../../../shared/errors';
import { resolveSessionUser } from '../auth/session-user';
import type { CoreContext } from '../core-context';
import { CallRecord, runCall } from '../database/call-record';
import type { CallContext, Handler, Handlers } from './handler.types';

export interface Router {
  call(channel: string, envelope: unknown): Promise<Result<unknown>>;
}

function toIssues(error: z.ZodError): ValidationIssue[] {
  return error.issues.slice(0, 20).map((issue) => ({
    path: issue.path.map(String).join('.'),
    message: issue.message,
  }));
}

function fail(code: Failure['code'], message: string, issues?: ValidationIssue[]): Failure {
  return issues ? { ok: false, code, message, issues } : { ok: false, code, message };
}

function savedFailure(committed: CommittedWrite): Failure {
  const what = committed.record ? ` (${committed.record.table} ${committed.record.id})` : '';
  return {
    ok: false,
    code: 'COMMITTED',
    message: `the operation was saved${what}, but its answer could not be built; do not repeat it`,
    committed,
  };
}

export interface RouterOptions {
  /** Runs after every commit that saved something, before the call goes on: see CoreOptions.afterCommit. */
  afterCommit?: ((channel: ChannelName) => void) | undefined;
}

/**
 * The one entry to the core. In order: the channel exists, the envelope has the right shape, the caller may use
 * the channel (session, then role, both as the user is stored now), the input passes the channel's schema. Only then does a service run. Any
 * error leaves as a code; an unexpected one is logged here and becomes INTERNAL without its stack.
 *
 * An answer never denies what is stored: every call runs with a record of what it committed (call-record.ts), and
 * anything thrown after a commit that saved something (a service's own error included) is answered COMMITTED with
 * what was saved, and logged as an error, never "not completed".
 */
export function createRouter(handlers: Handlers, ctx: CoreContext, options: RouterOptions = {}): Router {
  async function dispatch(channel: ChannelName, envelope: unknown): Promise<Result<unknown>> {
    const definition = contract[channel];
    const parsedEnvelope = envelopeSchema.safeParse(envelope);
    if (!parsedEnvelope.success) {
      return fail('VALIDATION', 'malformed request envelope', toIssues(parsedEnvelope.error));
    }
    const session = parsedEnvelope.data.session ?? null;
    const user = await resolveSessionUser(ctx, session);
    if (definition.access === 'setup') {
      if (ctx.isSetUp) return fail('CONFLICT', 'this terminal is already set up');
    } else if (definition.access !== 'public') {
      if (!ctx.isSetUp) return fail('SETUP_REQUIRED', 'this terminal has not been set up yet');
      if (!user) return fail('UNAUTHORIZED', 'log in first');
      if (definition.access !== 'user' && !definition.access.includes(user.role)) {
        return fail('FORBIDDEN', `${channel} is not allowed for the ${user.role} role`);
      }
    }
    const input = definition.request.safeParse(parsedEnvelope.data.input ?? {});
    if (!input.success) return fail('VALIDATION', 'invalid request', toIssues(input.error));

    const call: CallContext = { user, session };
    // The handler map is keyed by channel, so this handler's input type is this channel's parsed request.
    const handler = handlers[channel] as Handler<ChannelName>;
    const value = await handler(input.data as never, call);
    return { ok: true, value };
  }

  return {
    async call(channel, envelope) {
      if (typeof channel !== 'string' || !isChannelName(channel)) {
        return fail('NOT_FOUND', 'unknown channel');
      }
      const { afterCommit } = options;
      const record = new CallRecord(afterCommit ? () => afterCommit(channel) : undefined);
      try {
        return await runCall(record, () => dispatch(channel, envelope));
      } catch (error) {
        const saved = record.savedWrite();
        if (saved) {
          ctx.log.error(`${channel} failed after its commit; answered COMMITTED`, saved, error);
          return savedFailure(saved);
        }
        if (error instanceof CoreError) return fail(error.code, error.message, error.issues);
        ctx.log.error(`unexpected failure in ${channel}`, error);
        return fail('INTERNAL', 'something went wrong; the operation was not completed');
      }
    },
  };
}
