import { type FormEvent, useCallback, useEffect, useRef, useState } from 'react';
import type { RepairDetail } from '../../shared/contract/repairs.contract';
import type { Receipt } from '../../shared/contract/sales.contract';
import { call } from '../bridge/techstore-bridge';
import { errorMessage } from '../i18n/error-message';
import { useT } from '../i18n/i18n';
import { useKeyboardWedge } from '../pos/use-keyboard-wedge';
import { ReceiptView } from '../receipt/receipt-view';
import { RepairBoard } from './repair-board';
import { RepairDetailView } from './repair-detail';
import { RepairIntakeForm } from './repair-intake-form';
import { RepairList } from './repair-list';
import { useRepairOpenStore } from './repair-open.store';
import { RepairPrintView } from './repair-print-view';

type TallerView =
  | { kind: 'board' }
  | { kind: 'list' }
  | { kind: 'intake'; key: number }
  | { kind: 'order'; id: string }
  | { kind: 'printed'; order: RepairDetail }
  | { kind: 'receipt'; orderId: string; receipt: Receipt };

/**
 * The Taller: a board of open orders by status, a filtered list, the intake form and an order's detail. The
 * search box at the top (and a scan from anywhere on this screen) opens an order by its number or its label's QR.
 */
export function RepairsScreen() {
  const t = useT();
  const [view, setView] = useState<TallerView>({ kind: 'board' });
  const [query, setQuery] = useState('');
  const [findError, setFindError] = useState<string | null>(null);
  const [reloadKey, setReloadKey] = useState(0);
  const searchRef = useRef<HTMLInputElement>(null);
  const request = useRepairOpenStore((s) => s.request);

  const find = useCallback(
    async (text: string) => {
      if (text.trim() === '') return;
      const result = await call('repairs.findByNumber', { text });
      if (result.ok) {
        setFindError(null);
        setQuery('');
        setView({ kind: 'order', id: result.value.id });
        return;
      }
      setFindError(
        result.code === 'NOT_FOUND' ? t('repair.find.notFound', { text: text.trim() }) : errorMessage(t, result),
      );
    },
    [t],
  );

  // A number scanned on another screen (the POS scan field) lands here.
  useEffect(() => {
    if (!request) return;
    useRepairOpenStore.getState().consume(request.seq);
    void find(request.number);
  }, [request, find]);

  // The label's QR read by the scanner while focus is on a button or the page opens the order, as the POS does
  // with product barcodes. Inside a form field the scanner types into that field (a part's barcode, an IMEI).
  useKeyboardWedge(view.kind !== 'intake', {
    onScan: (code) => void find(code),
    onText: (text) => {
      setQuery((q) => q + text);
      searchRef.current?.focus();
    },
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void find(query);
  };

  const tabs = [
    { kind: 'board', label: t('repair.tab.board') },
    { kind: 'list', label: t('repair.tab.list') },
    { kind: 'intake', label: t('repair.tab.intake') },
  ] as const;

  return (
    <div className="repairs-screen" data-testid="repairs-screen">
      <div className="repairs-toolbar no-print">
        <nav className="repairs-tabs" aria-label={t('nav.repairs')}>
          {tabs.map((tab) => (
            <button
              key={tab.kind}
              type="button"
              className={view.kind === tab.kind ? 'nav-button nav-button-active' : 'nav-button'}
              aria-current={view.kind === tab.kind ? 'page' : undefined}
              onClick={() => setView(tab.kind === 'intake' ? { kind: 'intake', key: Date.now() } : { kind: tab.kind })}
              data-testid={`repairs-tab-${tab.kind}`}
            >
              {tab.label}
            </button>
          ))}
        </nav>
        <form className="repairs-find" onSubmit={submit}>
          <label htmlFor="repair-find" className="visually-hidden">
            {t('repair.find.label')}
          </label>
          <input
            id="repair-find"
            ref={searchRef}
            type="search"
            value={query}
            onChange={(e) => {
              setQuery(e.target.value);
              setFindError(null);
            }}
            placeholder={t('repair.find.placeholder')}
            autoComplete="off"
            data-testid="repair-find"
          />
          <button type="submit" className="button-primary" data-testid="repair-find-submit">
            {t('repair.find.open')}
          </button>
        </form>
      </div>
      {findError ? (
        <p className="form-error no-print" role="alert" data-testid="repair-find-error">
          {findError}
        </p>
      ) : null}
      {view.kind === 'board' ? (
        <RepairBoard reloadKey={reloadKey} onOpen={(id) => setView({ kind: 'order', id })} />
      ) : view.kind === 'list' ? (
        <RepairList onOpen={(id) => setView({ kind: 'order', id })} />
      ) : view.kind === 'intake' ? (
        <RepairIntakeForm
          key={view.key}
          onDone={(order) => {
            setReloadKey((k) => k + 1);
            setView({ kind: 'printed', order });
          }}
          onCancel={() => setView({ kind: 'board' })}
        />
      ) : view.kind === 'receipt' ? (
        <ReceiptView
          receipt={view.receipt}
          doneLabel="repair.deliver.done"
          onNewSale={() => setView({ kind: 'order', id: view.orderId })}
        />
      ) : view.kind === 'printed' ? (
        <RepairPrintView order={view.order} onOpen={() => setView({ kind: 'order', id: view.order.id })} />
      ) : (
        <RepairDetailView
          key={view.id}
          orderId={view.id}
          onPrint={(order) => setView({ kind: 'printed', order })}
          onDelivered={(ticket) => {
            setReloadKey((k) => k + 1);
            setView({ kind: 'receipt', orderId: ticket.repair.id, receipt: ticket.receipt });
          }}
          onBack={() => {
            setReloadKey((k) => k + 1);
            setView({ kind: 'board' });
          }}
        />
      )}
    </div>
  );
}
