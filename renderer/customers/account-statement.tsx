import { useEffect, useState } from 'react';
import type { AccountEntry, Customer, LedgerCursor } from '../../shared/contract/customers.contract';
import type { ResponseOf } from '../../shared/contract/index';
import type { ErrorCode } from '../../shared/errors';
import { call, type Result } from '../bridge/techstore-bridge';
import { useFormat } from '../format/format';
import { errorMessage } from '../i18n/error-message';
import { useT } from '../i18n/i18n';
import { useLocaleStore } from '../i18n/locale.store';
import { StoreHeaderLines } from '../store/store-header-lines';
import { useStoreProfile } from '../store/use-store-profile';
import { balanceWording, type Statement, statementFor } from './account-ledger-view';
import { LedgerTable } from './ledger-table';
import { endOfDay, formatDay, startOfDay, toDateInput } from './statement-period';

interface AccountStatementProps {
  customer: Customer;
  onBack: () => void;
}

const PAGE = 200;

/** Entries newest first, paged until one older than the period shows up (its balance is the opening one). */
async function entriesBackTo(customerId: string, from: Date | null) {
  const entries: AccountEntry[] = [];
  let before: LedgerCursor | null = null;
  for (;;) {
    const page: Result<ResponseOf<'customers.ledger'>> = await call('customers.ledger', {
      customerId,
      limit: PAGE,
      before,
    });
    if (!page.ok) return page;
    entries.push(...page.value.entries.items);
    const oldest = page.value.entries.items.at(-1);
    before = page.value.entries.nextCursor;
    if (before === null || (from && oldest && Date.parse(oldest.createdAt) < from.getTime()))
      return { ok: true as const, entries };
  }
}

/**
 * "Estado de cuenta" on A4: a statement is read at a desk, filed or sent to an accountant, and its five columns
 * of dates and amounts do not fit 80 mm of thermal paper legibly. Printed through window.print like the ticket;
 * only `.statement-print` shows on paper (app.css, print block).
 */
export function AccountStatement({ customer, onBack }: AccountStatementProps) {
  const t = useT();
  const format = useFormat();
  const locale = useLocaleStore((s) => s.locale);
  const store = useStoreProfile();
  const [printedAt] = useState(() => new Date());
  const [fromText, setFromText] = useState(() =>
    toDateInput(new Date(printedAt.getFullYear(), printedAt.getMonth(), 1)),
  );
  const [toText, setToText] = useState(() => toDateInput(printedAt));
  const [statement, setStatement] = useState<Statement | null>(null);
  const [failure, setFailure] = useState<ErrorCode | null>(null);

  const from = startOfDay(fromText);
  const to = endOfDay(toText) ?? printedAt;
  const fromMs = from?.getTime() ?? null;
  const toMs = to.getTime();

  useEffect(() => {
    let stale = false;
    void (async () => {
      const fromDate = fromMs === null ? null : new Date(fromMs);
      const result = await entriesBackTo(customer.id, fromDate);
      if (stale) return;
      if (!result.ok) {
        setFailure(result.code);
        return;
      }
      setFailure(null);
      setStatement(statementFor(result.entries, fromDate, new Date(toMs)));
    })();
    return () => {
      stale = true;
    };
  }, [customer.id, fromMs, toMs]);

  const closingWords = statement ? balanceWording(statement.closing, format.money(Math.abs(statement.closing))) : null;

  return (
    <section className="statement-screen" data-testid="statement-screen">
      <div className="statement-toolbar no-print">
        <button type="button" className="button-secondary button-large" onClick={onBack} data-testid="statement-back">
          <kbd>Esc</kbd> {t('statement.back')}
        </button>
        <div className="field">
          <label htmlFor="statement-from">{t('statement.from')}</label>
          <input
            id="statement-from"
            type="date"
            value={fromText}
            onChange={(e) => setFromText(e.target.value)}
            data-testid="statement-from"
          />
        </div>
        <div className="field">
          <label htmlFor="statement-to">{t('statement.to')}</label>
          <input
            id="statement-to"
            type="date"
            value={toText}
            onChange={(e) => setToText(e.target.value)}
            data-testid="statement-to"
          />
        </div>
        <button
          type="button"
          className="button-primary button-large"
          onClick={() => window.print()}
          disabled={!statement}
          data-testid="statement-print"
        >
          {t('statement.print')}
        </button>
      </div>
      {failure ? (
        <p className="form-error" role="alert">
          {errorMessage(t, { code: failure })}
        </p>
      ) : null}
      {statement ? (
        <article className="statement statement-print" data-testid="statement">
          <header className="statement-header">
            <div>
              <h1 data-testid="statement-store">{store?.name ?? t('app.name')}</h1>
              {store ? <StoreHeaderLines header={store} /> : null}
              <h2>{t('statement.title')}</h2>
            </div>
            <dl className="statement-facts">
              <dt>{t('statement.customer')}</dt>
              <dd data-testid="statement-customer">{customer.name}</dd>
              {customer.taxIdDisplay ? (
                <>
                  <dt>{t(`customer.taxKind.${customer.taxIdKind ?? 'dni'}`)}</dt>
                  <dd data-testid="statement-tax-id">{customer.taxIdDisplay}</dd>
                </>
              ) : null}
              <dt>{t('statement.period')}</dt>
              <dd data-testid="statement-period">
                {from
                  ? t('statement.periodRange', { from: formatDay(locale, from), to: formatDay(locale, to) })
                  : t('statement.periodUntil', { to: formatDay(locale, to) })}
              </dd>
              <dt>{t('statement.issued')}</dt>
              <dd data-testid="statement-issued">{format.dateTime(printedAt.toISOString())}</dd>
            </dl>
          </header>
          <p className="statement-balance-row">
            <span>{t('statement.opening')}</span>
            <strong data-testid="statement-opening" data-centavos={statement.opening}>
              {format.money(statement.opening)}
            </strong>
          </p>
          {statement.lines.length > 0 ? (
            <LedgerTable lines={statement.lines} testId="statement-ledger" caption={t('statement.title')} />
          ) : (
            <p className="muted" data-testid="statement-empty">
              {t('statement.noMovements')}
            </p>
          )}
          <p className="statement-balance-row statement-closing">
            <span>{t('statement.closing')}</span>
            <strong data-testid="statement-closing" data-centavos={statement.closing}>
              {format.money(statement.closing)}
            </strong>
          </p>
          {closingWords ? (
            <p className="statement-words" data-testid="statement-closing-words">
              {t(closingWords.key, closingWords.params)}
            </p>
          ) : null}
          <footer className="statement-footer">
            <p>{t('statement.footer')}</p>
          </footer>
        </article>
      ) : failure ? null : (
        <p className="muted">{t('app.loading')}</p>
      )}
    </section>
  );
}
