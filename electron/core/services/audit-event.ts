import { newId } from '../../../shared/ids';
import type { CoreContext } from '../core-context';
import type { AuditEventRow } from '../repositories/audit.repository';

export interface AuditFacts {
  userId: string | null;
  action: string;
  entityType: string;
  entityId: string;
  details?: Record<string, unknown>;
  hlc: string;
}

export function buildAuditEvent(ctx: CoreContext, facts: AuditFacts): AuditEventRow & { id: string } {
  return {
    id: newId(),
    user_id: facts.userId,
    action: facts.action,
    entity_type: facts.entityType,
    entity_id: facts.entityId,
    details: JSON.stringify(facts.details ?? {}),
    terminal_id: ctx.requireTerminal().identity.terminalId,
    created_at: ctx.nowIso(),
    hlc: facts.hlc,
  };
}
