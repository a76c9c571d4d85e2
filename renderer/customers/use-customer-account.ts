import { useCallback, useEffect, useRef, useState } from 'react';
import type { Customer } from '../../shared/contract/customers.contract';
import type { ResponseOf } from '../../shared/contract/index';
import type { RepairSummary } from '../../shared/contract/repairs.contract';
import type { ErrorCode } from '../../shared/errors';
import { call } from '../bridge/techstore-bridge';
import { appendLedgerPage } from './account-ledger-view';

/** The screen opens on the newest entries and purchases; "Ver más movimientos" appends older entries a page at a time. */
export const DETAIL_PAGE = 50;
const REPAIRS_PAGE = 20;

export interface CustomerAccount {
  customer: Customer;
  ledger: ResponseOf<'customers.ledger'>;
  /** null when the purchases could not be read: the section is left out. */
  purchases: ResponseOf<'customers.purchases'> | null;
  repairs: { items: RepairSummary[]; total: number } | null;
}

type AccountState =
  | { phase: 'loading'; account: CustomerAccount | null }
  | { phase: 'ready'; account: CustomerAccount }
  | { phase: 'failed'; code: ErrorCode; account: CustomerAccount | null };

/** Reading older ledger entries: idle, on its way, or failed (the entries shown stay). */
export type MoreState = { phase: 'idle' } | { phase: 'loading' } | { phase: 'failed'; code: ErrorCode };

/**
 * One customer's record, account and history, loaded together and reloaded after a payment or an adjustment
 * (a reload starts again from the newest entries). A failed purchases or repairs list leaves its section out
 * rather than the whole account (the account is what the cashier came for).
 */
export function useCustomerAccount(customerId: string) {
  const [state, setState] = useState<AccountState>({ phase: 'loading', account: null });
  const [more, setMore] = useState<MoreState>({ phase: 'idle' });
  const [version, setVersion] = useState(0);
  // Which load the screen shows: an older page that answers after a reload or another customer is dropped.
  const generation = useRef(0);

  useEffect(() => {
    let stale = false;
    // The version is what asks for a fresh read after a payment; reading it keeps the dependency honest.
    void version;
    generation.current += 1;
    setMore({ phase: 'idle' });
    setState((s) => ({ phase: 'loading', account: s.account?.customer.id === customerId ? s.account : null }));
    void (async () => {
      const [customer, ledger, purchases, repairs] = await Promise.all([
        call('customers.get', { id: customerId }),
        call('customers.ledger', { customerId, limit: DETAIL_PAGE }),
        call('customers.purchases', { customerId, limit: DETAIL_PAGE, offset: 0 }),
        call('repairs.list', { customerId, limit: REPAIRS_PAGE, offset: 0, overdueOnly: false }),
      ]);
      if (stale) return;
      if (!customer.ok) return setState({ phase: 'failed', code: customer.code, account: null });
      if (!ledger.ok) return setState({ phase: 'failed', code: ledger.code, account: null });
      setState({
        phase: 'ready',
        account: {
          customer: customer.value,
          ledger: ledger.value,
          purchases: purchases.ok ? purchases.value : null,
          repairs: repairs.ok ? { items: repairs.value.items, total: repairs.value.total } : null,
        },
      });
    })();
    return () => {
      stale = true;
    };
  }, [customerId, version]);

  const reload = useCallback(() => setVersion((v) => v + 1), []);

  const before = state.phase === 'ready' ? state.account.ledger.entries.nextCursor : null;
  /** Appends the next older page; answers the id of its first entry (where the reader continues), or null. */
  const loadMore = useCallback(async (): Promise<string | null> => {
    if (before === null) return null;
    const mine = generation.current;
    setMore({ phase: 'loading' });
    const page = await call('customers.ledger', { customerId, limit: DETAIL_PAGE, before });
    if (generation.current !== mine) return null;
    if (!page.ok) {
      setMore({ phase: 'failed', code: page.code });
      return null;
    }
    setMore({ phase: 'idle' });
    setState((s) =>
      s.phase === 'ready'
        ? { ...s, account: { ...s.account, ledger: appendLedgerPage(s.account.ledger, page.value, before) } }
        : s,
    );
    return page.value.entries.items[0]?.id ?? null;
  }, [customerId, before]);

  return { state, reload, more, loadMore };
}
