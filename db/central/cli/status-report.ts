import type { CentralStatus } from '../central-admin';
import { formatAge, formatSkew, formatTable } from './cli-output';

/** Errors can be long SQL messages; the table shows the start, `--json` the whole text. */
function clip(text: string, max: number): string {
  const oneLine = text.replace(/\s+/g, ' ');
  return oneLine.length <= max ? oneLine : `${oneLine.slice(0, max - 1)}…`;
}

/** The human form of `status`: terminals, then open alerts, then quarantined mutations. */
export function formatStatusReport(status: CentralStatus, nowMs: number): string {
  const sections: string[] = [];
  sections.push(
    status.terminals.length === 0
      ? 'Terminals: none yet (add one with add-terminal)'
      : `Terminals (${status.terminals.length})\n${formatTable(
          ['STORE', 'CODE', 'STATE', 'ACKED SEQ', 'LAST CONTACT', 'CLOCK SKEW', 'LOGIN'],
          status.terminals.map((t) => [
            t.store,
            t.code,
            t.revoked ? 'revoked' : t.registered ? 'active' : 'not registered',
            String(t.ackedSeq),
            formatAge(t.lastContactAt, nowMs),
            formatSkew(t.clockSkewMs),
            t.role,
          ]),
        )}`,
  );
  sections.push(
    status.openAlerts.length === 0
      ? 'Open alerts: none'
      : `Open alerts (${status.openAlerts.length})\n${formatTable(
          ['ID', 'STORE', 'KIND', 'ENTITY', 'SINCE'],
          status.openAlerts.map((a) => [
            String(a.id),
            a.store ?? 'chain',
            a.kind,
            a.entityId ?? '-',
            formatAge(a.createdAt, nowMs),
          ]),
        )}`,
  );
  sections.push(
    status.quarantined.length === 0
      ? 'Quarantined mutations: none'
      : `Quarantined mutations (${status.quarantined.length})\n${formatTable(
          ['MUTATION', 'KIND', 'TERMINAL', 'SINCE', 'ERROR'],
          status.quarantined.map((q) => [
            q.mutationId,
            q.kind,
            // Login names say nothing of the store; the codes do.
            q.store !== null && q.terminal !== null ? `${q.store}/${q.terminal}` : q.terminalRole,
            formatAge(q.createdAt, nowMs),
            clip(q.error, 60),
          ]),
        )}`,
  );
  return `${sections.join('\n\n')}\n`;
}
