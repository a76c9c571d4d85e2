import { type KeyboardEvent as ReactKeyboardEvent, useCallback, useEffect, useRef, useState } from 'react';
import type { Customer, CustomerSummary } from '../../shared/contract/customers.contract';
import { call } from '../bridge/techstore-bridge';
import { useFormat } from '../format/format';
import { errorMessage } from '../i18n/error-message';
import { useT } from '../i18n/i18n';
import { AccountStatement } from './account-statement';
import { CustomerDetail } from './customer-detail';
import { CustomerForm } from './customer-form';

const LIST_LIMIT = 50;
const SEARCH_DELAY_MS = 150;

type Pane =
  | { kind: 'none' }
  | { kind: 'detail'; id: string }
  | { kind: 'new'; key: number }
  | { kind: 'edit'; customer: Customer }
  | { kind: 'statement'; customer: Customer };

interface CustomersScreenProps {
  isManager: boolean;
}

function isTyping(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLElement && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))
  );
}

/**
 * Clientes: search as you type, open one (↑/↓, Enter), its account, payments, adjustments and statement.
 * Keyboard: / or F2 to the search, Esc back one level (statement or form -> account -> list).
 */
export function CustomersScreen({ isManager }: CustomersScreenProps) {
  const t = useT();
  const format = useFormat();
  const [query, setQuery] = useState('');
  const [items, setItems] = useState<CustomerSummary[]>([]);
  const [loading, setLoading] = useState(true);
  const [active, setActive] = useState(0);
  const [failure, setFailure] = useState<string | null>(null);
  const [refreshKey, setRefreshKey] = useState(0);
  const [pane, setPane] = useState<Pane>({ kind: 'none' });
  const searchRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    let stale = false;
    void refreshKey;
    setLoading(true);
    const timer = window.setTimeout(async () => {
      const result = await call('customers.search', { query, limit: LIST_LIMIT, includeArchived: isManager });
      if (stale) return;
      setLoading(false);
      setItems(result.ok ? result.value.items : []);
      setFailure(result.ok ? null : errorMessage(t, result));
    }, SEARCH_DELAY_MS);
    return () => {
      stale = true;
      window.clearTimeout(timer);
    };
  }, [query, isManager, refreshKey, t]);

  const focusSearch = useCallback(() => {
    searchRef.current?.focus();
    searchRef.current?.select();
  }, []);

  // The screen opens ready to type a name: staff come here to find someone.
  useEffect(() => {
    searchRef.current?.focus();
  }, []);

  const back = useCallback(() => {
    setPane((p) => {
      if (p.kind === 'statement' || p.kind === 'edit') return { kind: 'detail', id: p.customer.id };
      return { kind: 'none' };
    });
  }, []);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented) return;
      if (event.key === 'F2' || (event.key === '/' && !isTyping(event.target))) {
        event.preventDefault();
        if (pane.kind === 'statement') setPane({ kind: 'detail', id: pane.customer.id });
        focusSearch();
      } else if (event.key === 'Escape' && pane.kind !== 'none') {
        event.preventDefault();
        back();
        if (pane.kind === 'detail' || pane.kind === 'new') window.setTimeout(focusSearch, 0);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [pane, back, focusSearch]);

  const onSearchKey = (event: ReactKeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const delta = event.key === 'ArrowDown' ? 1 : -1;
      setActive((i) => Math.min(Math.max(0, i + delta), Math.max(0, items.length - 1)));
    } else if (event.key === 'Enter') {
      event.preventDefault();
      const picked = items[Math.min(active, items.length - 1)];
      if (picked) setPane({ kind: 'detail', id: picked.id });
    }
  };

  const onSaved = (customer: Customer) => {
    setPane({ kind: 'detail', id: customer.id });
    setRefreshKey((k) => k + 1);
  };

  if (pane.kind === 'statement') {
    return (
      <div className="customers-screen customers-screen-statement" data-testid="customers-screen">
        <AccountStatement customer={pane.customer} onBack={back} />
      </div>
    );
  }

  const selectedId = pane.kind === 'detail' ? pane.id : pane.kind === 'edit' ? pane.customer.id : null;

  return (
    <div className="customers-screen" data-testid="customers-screen">
      <section className="customers-list-panel">
        <div className="products-toolbar">
          <h1>{t('customers.title')}</h1>
          <button
            type="button"
            className="button-primary"
            onClick={() => setPane({ kind: 'new', key: Date.now() })}
            data-testid="customers-new"
          >
            {t('customers.new')}
          </button>
        </div>
        <label htmlFor="customers-search" className="visually-hidden">
          {t('customer.search')}
        </label>
        <input
          ref={searchRef}
          id="customers-search"
          className="products-search"
          type="search"
          value={query}
          onChange={(e) => {
            setQuery(e.target.value);
            setActive(0);
          }}
          onKeyDown={onSearchKey}
          placeholder={t('customers.searchHint')}
          autoComplete="off"
          aria-controls="customers-list"
          data-testid="customers-search"
        />
        {failure ? (
          <p className="form-error" role="alert">
            {failure}
          </p>
        ) : null}
        {!loading && items.length === 0 ? <p className="muted">{t('customer.noResults')}</p> : null}
        <ul id="customers-list" className="products-list" data-testid="customers-list" aria-busy={loading}>
          {items.map((c, index) => (
            <li key={c.id}>
              <button
                type="button"
                className={
                  c.id === selectedId || index === active
                    ? 'product-row customer-row product-row-active'
                    : 'product-row customer-row'
                }
                aria-current={c.id === selectedId ? 'true' : undefined}
                onClick={() => {
                  setActive(index);
                  setPane({ kind: 'detail', id: c.id });
                }}
                data-testid="customers-item"
                data-customer-id={c.id}
                data-active={index === active ? 'true' : undefined}
              >
                <span className="product-row-name" data-testid="customers-item-name">
                  {c.name}
                  {c.archived ? <span className="badge">{t('customers.archived')}</span> : null}
                </span>
                <span
                  className={c.balance > 0 ? 'product-row-price customer-owes' : 'product-row-price'}
                  data-testid="customers-item-balance"
                  data-centavos={c.balance}
                >
                  {format.money(c.balance)}
                </span>
                <span className="muted" data-testid="customers-item-contact">
                  {[c.taxIdDisplay, c.phone].filter(Boolean).join(' · ')}
                </span>
              </button>
            </li>
          ))}
        </ul>
        {items.length >= LIST_LIMIT ? <p className="muted">{t('products.limitNote', { count: LIST_LIMIT })}</p> : null}
      </section>
      <section className="customers-detail-panel">
        {pane.kind === 'none' ? <p className="muted products-hint">{t('customers.selectHint')}</p> : null}
        {pane.kind === 'detail' ? (
          <CustomerDetail
            key={pane.id}
            customerId={pane.id}
            isManager={isManager}
            onEdit={(customer) => setPane({ kind: 'edit', customer })}
            onStatement={(customer) => setPane({ kind: 'statement', customer })}
            onChanged={() => setRefreshKey((k) => k + 1)}
          />
        ) : null}
        {pane.kind === 'new' || pane.kind === 'edit' ? (
          <CustomerForm
            key={pane.kind === 'new' ? `new-${pane.key}` : pane.customer.id}
            customer={pane.kind === 'edit' ? pane.customer : null}
            isManager={isManager}
            onSaved={onSaved}
            onCancel={back}
          />
        ) : null}
      </section>
    </div>
  );
}
