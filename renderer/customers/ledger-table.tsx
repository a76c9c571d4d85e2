import { useFormat } from '../format/format';
import { useT } from '../i18n/i18n';
import type { LedgerLine } from './account-ledger-view';

interface LedgerTableProps {
  lines: readonly LedgerLine[];
  testId: string;
  caption?: string;
}

/** Date, concept, debit, credit and the balance after each line, in the order given. */
export function LedgerTable({ lines, testId, caption }: LedgerTableProps) {
  const t = useT();
  const format = useFormat();
  return (
    <table className="ledger-table" data-testid={testId}>
      {caption ? <caption className="visually-hidden">{caption}</caption> : null}
      <thead>
        <tr>
          <th scope="col">{t('ledger.date')}</th>
          <th scope="col">{t('ledger.concept')}</th>
          <th scope="col" className="num">
            {t('ledger.debit')}
          </th>
          <th scope="col" className="num">
            {t('ledger.credit')}
          </th>
          <th scope="col" className="num">
            {t('ledger.balance')}
          </th>
        </tr>
      </thead>
      <tbody>
        {lines.map((line) => (
          // Focusable from script only: "Ver más movimientos" moves focus to the first older line it appended.
          <tr key={line.id} tabIndex={-1} data-testid="ledger-row" data-entry-id={line.id}>
            <td data-testid="ledger-date">{format.dateTime(line.createdAt)}</td>
            <td data-testid="ledger-concept">{t(line.concept.key, line.concept.params)}</td>
            <td className="num" data-testid="ledger-debit">
              {line.debit === null ? '' : format.money(line.debit)}
            </td>
            <td className="num" data-testid="ledger-credit">
              {line.credit === null ? '' : format.money(line.credit)}
            </td>
            <td className="num" data-testid="ledger-balance" data-centavos={line.balance}>
              {format.money(line.balance)}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
