import { CoreError } from './errors';

/**
 * The repair order's status machine (DOMAIN.md, Repairs). The UI offers only what `allowedTransitions` returns,
 * and the service re-checks every change with `checkTransition`, because another terminal may have moved the
 * order since the screen was drawn.
 */
export const REPAIR_STATUSES = [
  'received',
  'diagnosing',
  'awaiting_approval',
  'approved',
  'rejected',
  'in_repair',
  'waiting_parts',
  'repaired',
  'unrepairable',
  'ready_for_pickup',
  'delivered',
  'cancelled',
] as const;

export type RepairStatus = (typeof REPAIR_STATUSES)[number];

export function isRepairStatus(value: unknown): value is RepairStatus {
  return typeof value === 'string' && (REPAIR_STATUSES as readonly string[]).includes(value);
}

/** Nothing leaves these: a delivered device is a warranty reopening (a new order), not a status change. */
export const TERMINAL_REPAIR_STATUSES: readonly RepairStatus[] = ['delivered', 'cancelled'];

export function isTerminalRepairStatus(status: RepairStatus): boolean {
  return TERMINAL_REPAIR_STATUSES.includes(status);
}

export interface TransitionContext {
  /** The customer approved the estimate up front (at intake), so the bench may skip awaiting_approval. */
  estimatePreApproved: boolean;
}

export interface TransitionRequest extends TransitionContext {
  /** Why the order is cancelled; required (not blank) for a move to `cancelled`, ignored otherwise. */
  reason?: string | null;
}

/**
 * DOMAIN.md's table, minus the two rules that need more than the pair of statuses: diagnosing -> in_repair
 * (only when pre-approved) and "any status before delivered -> cancelled". Those are applied in code below.
 */
const TABLE: Record<RepairStatus, readonly RepairStatus[]> = {
  received: ['diagnosing'],
  diagnosing: ['awaiting_approval', 'unrepairable'],
  awaiting_approval: ['approved', 'rejected'],
  approved: ['in_repair'],
  rejected: ['ready_for_pickup'],
  in_repair: ['waiting_parts', 'repaired', 'unrepairable'],
  waiting_parts: ['in_repair'],
  repaired: ['ready_for_pickup'],
  unrepairable: ['ready_for_pickup'],
  ready_for_pickup: ['delivered'],
  delivered: [],
  cancelled: [],
};

export type TransitionRefusal =
  /** from and to are the same status: not a change, so not an event for the timeline. */
  | 'same_status'
  /** from is delivered or cancelled. */
  | 'terminal'
  /** diagnosing -> in_repair without an estimate the customer approved up front. */
  | 'estimate_not_pre_approved'
  /** -> cancelled without a reason. */
  | 'reason_required'
  /** the table has no such edge. */
  | 'not_allowed';

export type TransitionCheck = { ok: true } | { ok: false; refusal: TransitionRefusal };

/**
 * What the UI offers from `status`, in the table's order with `cancelled` last. `cancelled` is offered
 * without a reason: the screen asks for it after the user picks "cancel", and `checkTransition` insists.
 */
export function allowedTransitions(status: RepairStatus, context: TransitionContext): RepairStatus[] {
  if (isTerminalRepairStatus(status)) return [];
  const next = [...TABLE[status]];
  if (status === 'diagnosing' && context.estimatePreApproved) next.splice(1, 0, 'in_repair');
  next.push('cancelled');
  return next;
}

export function checkTransition(from: RepairStatus, to: RepairStatus, request: TransitionRequest): TransitionCheck {
  if (from === to) return refuse('same_status');
  if (isTerminalRepairStatus(from)) return refuse('terminal');
  if (to === 'cancelled') {
    return request.reason?.trim() ? { ok: true } : refuse('reason_required');
  }
  if (from === 'diagnosing' && to === 'in_repair') {
    return request.estimatePreApproved ? { ok: true } : refuse('estimate_not_pre_approved');
  }
  return TABLE[from].includes(to) ? { ok: true } : refuse('not_allowed');
}

/**
 * For services: a missing reason is the user's input to fix (VALIDATION); any other refusal means the order
 * is not where the caller thought it was (CONFLICT), typically a stale screen.
 */
export function assertTransition(from: RepairStatus, to: RepairStatus, request: TransitionRequest): void {
  const check = checkTransition(from, to, request);
  if (check.ok) return;
  const code = check.refusal === 'reason_required' ? 'VALIDATION' : 'CONFLICT';
  throw new CoreError(code, `repair status ${from} -> ${to} refused: ${check.refusal}`);
}

function refuse(refusal: TransitionRefusal): TransitionCheck {
  return { ok: false, refusal };
}
