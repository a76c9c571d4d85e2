import { useCallback, useEffect, useState } from 'react';
import type { Customer } from '../../shared/contract/customers.contract';
import type { ResponseOf } from '../../shared/contract/index';
import type { RepairSummary } from '../../shared/contract/repairs.contract';
import type { ErrorCode } from '../../shared/errors';
import { call } from '../bridge/techstore-bridge';

/** The screen shows the newest entries and purchases; the printed statement pages through the rest. */
export const DETAIL_PAGE = 50;
const REPAIRS_PAGE = 20;

export interface CustomerAccount {
  customer: Customer;
  ledger: ResponseOf<'customers.ledger'>;
  repairs: { items: RepairSummary[]; total: number } | null;
}

type AccountState =
  | { phase: 'loading'; account: CustomerAccount | null }
  | { phase: 'ready'; account: CustomerAccount }
  | { phase: 'failed'; code: ErrorCode; account: CustomerAccount | null };

/**
 * One customer's record, account and history, loaded together and reloaded after a payment or an adjustment.
 * A failed repairs list leaves the section out rather than the whole account (the bench may be another feature's
 * concern, and the account is what the cashier came for).
 */
export function useCustomerAccount(customerId: string) {
  const [state, setState] = useState<AccountState>({ phase: 'loading', account: null });
  const [version, setVersion] = useState(0);

  useEffect(() => {
    let stale = false;
    // The version is what asks for a fresh read after a payment; reading it keeps the dependency honest.
    void version;
    setState((s) => ({ phase: 'loading', account: s.account?.customer.id === customerId ? s.account : null }));
    void (async () => {
      const [customer, ledger, repairs] = await Promise.all([
        call('customers.get', { id: customerId }),
        call('customers.ledger', { customerId, limit: DETAIL_PAGE, offset: 0 }),
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
          repairs: repairs.ok ? { items: repairs.value.items, total: repairs.value.total } : null,
        },
      });
    })();
    return () => {
      stale = true;
    };
  }, [customerId, version]);

  const reload = useCallback(() => setVersion((v) => v + 1), []);
  return { state, reload };
}
