import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { ProductSummary } from '../../shared/contract/catalog.contract';
import type { ManagerOverride, Receipt, SalePaymentInput } from '../../shared/contract/sales.contract';
import type { Failure } from '../../shared/errors';
import { computeSaleTotals } from '../../shared/sale-totals';
import { call } from '../bridge/techstore-bridge';
import { CustomerPicker } from '../customers/customer-picker';
import { useT } from '../i18n/i18n';
import { ReceiptView } from '../receipt/receipt-view';
import { CancelSaleDialog } from './cancel-sale-dialog';
import { useCartStore } from './cart.store';
import { CartTotals } from './cart-totals';
import { CartView } from './cart-view';
import { PaymentDialog } from './payment-dialog';
import { RecentSalesDialog } from './recent-sales-dialog';
import { type CartKey, ScanPanel, type ScanPanelHandle } from './scan-panel';
import { type Shortcut, ShortcutBar } from './shortcut-bar';
import { isTextEntry, useKeyboardWedge } from './use-keyboard-wedge';

type Mode = { kind: 'sale' } | { kind: 'receipt'; receipt: Receipt };
type OpenDialog = 'pay' | 'recent' | 'cancel' | 'customer' | null;

export function PosScreen() {
  const t = useT();
  const lines = useCartStore((s) => s.lines);
  const selectedId = useCartStore((s) => s.selectedId);
  const customer = useCartStore((s) => s.customer);
  const totals = useMemo(() => computeSaleTotals(lines), [lines]);
  const itemCount = lines.reduce((n, l) => n + l.quantity, 0);
  const scanRef = useRef<ScanPanelHandle>(null);
  const [mode, setMode] = useState<Mode>({ kind: 'sale' });
  const [dialog, setDialog] = useState<OpenDialog>(null);
  const [payBusy, setPayBusy] = useState(false);
  const [payFailure, setPayFailure] = useState<Failure | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const focusScan = useCallback(() => {
    window.requestAnimationFrame(() => {
      // A dialog that opened in the meantime keeps its own focus.
      if (!document.querySelector('[role="dialog"]')) scanRef.current?.focus();
    });
  }, []);

  // A click anywhere (a button, the language switch, empty space) hands focus back to the scan field,
  // unless it landed in another text field such as a line's quantity.
  useEffect(() => {
    const onPointerUp = (event: PointerEvent) => {
      if (!isTextEntry(event.target)) focusScan();
    };
    window.addEventListener('pointerup', onPointerUp);
    return () => window.removeEventListener('pointerup', onPointerUp);
  }, [focusScan]);

  // Focus returns to the scan field whenever a dialog closes or the view changes.
  // biome-ignore lint/correctness/useExhaustiveDependencies: mode.kind is a trigger, a new view refocuses the scan field
  useEffect(() => {
    if (dialog === null) focusScan();
  }, [dialog, mode.kind, focusScan]);

  const startNewSale = useCallback(() => {
    setMode({ kind: 'sale' });
    setNotice(null);
    focusScan();
  }, [focusScan]);

  const addProduct = (product: ProductSummary) => {
    if (mode.kind === 'receipt') setMode({ kind: 'sale' });
    setNotice(null);
    useCartStore.getState().addProduct(product);
  };

  const openPay = () => {
    if (mode.kind !== 'sale' || useCartStore.getState().lines.length === 0) return;
    setPayFailure(null);
    setDialog('pay');
  };

  const focusQuantity = () => {
    const { lines: current, selectedId: selected } = useCartStore.getState();
    const id = selected ?? current.at(-1)?.productId;
    if (!id || mode.kind !== 'sale') return;
    document.querySelector<HTMLInputElement>(`[data-qty-for="${CSS.escape(id)}"]`)?.focus();
  };

  const removeSelected = () => {
    const { selectedId: selected, removeLine } = useCartStore.getState();
    if (selected) removeLine(selected);
    focusScan();
  };

  const cancelSale = () => {
    useCartStore.getState().reset();
    setDialog(null);
    setNotice(null);
  };

  const onF8 = () => {
    if (mode.kind === 'receipt') startNewSale();
    else if (useCartStore.getState().lines.length > 0) setDialog('cancel');
  };

  const onCartKey = (key: CartKey) => {
    const cart = useCartStore.getState();
    if (key === 'ArrowUp') cart.moveSelection(-1);
    else if (key === 'ArrowDown') cart.moveSelection(1);
    else if (key === 'Delete') removeSelected();
    else if (cart.selectedId) cart.changeQuantity(cart.selectedId, key === '+' ? 1 : -1);
  };

  /** After a CONFLICT the cart shows the catalog's current prices, so the cashier sees the new total. */
  const refreshPrices = async () => {
    const results = await Promise.all(
      useCartStore.getState().lines.map((l) => call('catalog.get', { id: l.productId })),
    );
    useCartStore.getState().reprice(results.flatMap((r) => (r.ok ? [r.value] : [])));
  };

  const openCustomer = () => {
    if (mode.kind === 'sale') setDialog('customer');
  };

  const complete = async (payments: SalePaymentInput[], managerOverride: ManagerOverride | null) => {
    const { saleId, lines: current, customer: buyer } = useCartStore.getState();
    if (!saleId || current.length === 0) return;
    setPayBusy(true);
    setPayFailure(null);
    const result = await call('sales.complete', {
      saleId,
      lines: current.map((l) => ({ productId: l.productId, quantity: l.quantity })),
      payments,
      ...(buyer ? { customerId: buyer.id } : {}),
      ...(managerOverride ? { managerOverride } : {}),
      expectedTotal: computeSaleTotals(current).total,
    });
    setPayBusy(false);
    if (result.ok) {
      useCartStore.getState().reset();
      setDialog(null);
      setMode({ kind: 'receipt', receipt: result.value });
      return;
    }
    if (result.code === 'CONFLICT' && !result.issues?.some((i) => i.path === 'customerId')) {
      await refreshPrices();
      setDialog(null);
      setNotice(t('pos.pricesChanged'));
      return;
    }
    setPayFailure(result);
  };

  // The listener always calls the latest handlers without re-subscribing on every render.
  const keyHandlers = useRef({ openPay, openCustomer, focusQuantity, onF8, startNewSale, cancelSale, mode, dialog });
  keyHandlers.current = { openPay, openCustomer, focusQuantity, onF8, startNewSale, cancelSale, mode, dialog };

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      const h = keyHandlers.current;
      if (h.dialog === 'cancel' && event.key === 'F8') {
        event.preventDefault();
        h.cancelSale();
        return;
      }
      if (h.dialog !== null) return;
      const handled = (action: () => void) => {
        event.preventDefault();
        action();
      };
      if (event.key === 'F2') handled(h.openPay);
      else if (event.key === 'F3') handled(h.openCustomer);
      else if (event.key === 'F4') handled(h.focusQuantity);
      else if (event.key === 'F8') handled(h.onF8);
      else if (event.key === 'F9') handled(() => setDialog('recent'));
      else if (event.key === 'Escape') handled(() => setNotice(null));
      else if (event.key === 'Enter' && h.mode.kind === 'receipt') {
        const target = event.target;
        const emptyScan = target instanceof HTMLInputElement && target.id === 'scan-input' && target.value === '';
        if (emptyScan || !isTextEntry(target)) handled(h.startNewSale);
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);

  useKeyboardWedge(dialog === null, {
    onScan: (code) => scanRef.current?.submitCode(code),
    onText: (text) => scanRef.current?.appendText(text),
  });

  const inSale = mode.kind === 'sale';
  const shortcuts: Shortcut[] = [
    {
      keys: 'F2',
      label: 'action.pay',
      onClick: openPay,
      disabled: !inSale || lines.length === 0,
      testId: 'shortcut-pay',
    },
    {
      keys: 'F3',
      label: 'action.customer',
      onClick: openCustomer,
      disabled: !inSale,
      testId: 'shortcut-customer',
    },
    {
      keys: 'F4',
      label: 'action.changeQty',
      onClick: focusQuantity,
      disabled: !selectedId || !inSale,
      testId: 'shortcut-quantity',
    },
    { keys: '+ / −', label: 'action.moreLess', testId: 'shortcut-more-less' },
    { keys: '↑ / ↓', label: 'action.select', testId: 'shortcut-select' },
    {
      keys: 'Supr',
      label: 'action.removeLine',
      onClick: removeSelected,
      disabled: !selectedId || !inSale,
      testId: 'shortcut-remove',
    },
    {
      keys: 'F8',
      label: 'action.newSale',
      onClick: onF8,
      disabled: inSale && lines.length === 0,
      testId: 'shortcut-new-sale',
    },
    { keys: 'F9', label: 'action.recent', onClick: () => setDialog('recent'), testId: 'shortcut-recent' },
    { keys: 'Esc', label: 'action.close', testId: 'shortcut-escape' },
  ];

  return (
    <div className={inSale ? 'pos-screen' : 'pos-screen pos-screen-receipt'} data-testid="pos-screen">
      <div className="pos-main">
        <ScanPanel ref={scanRef} onAdd={addProduct} onCartKey={onCartKey} />
        {notice ? (
          <p className="notice notice-warning" role="alert" data-testid="pos-notice">
            {notice}
          </p>
        ) : null}
        {customer && inSale ? (
          <p className="pos-customer" data-testid="pos-customer">
            <span>{t('customer.onTicket', { name: customer.name })}</span>
            <button
              type="button"
              className="button-secondary"
              onClick={() => useCartStore.getState().setCustomer(null)}
              data-testid="pos-customer-remove"
            >
              {t('customer.remove')}
            </button>
          </p>
        ) : null}
        {mode.kind === 'receipt' ? (
          <ReceiptView receipt={mode.receipt} onNewSale={startNewSale} />
        ) : (
          <CartView lines={totals.lines} onDone={focusScan} />
        )}
      </div>
      {inSale ? <CartTotals totals={totals} itemCount={itemCount} canPay={lines.length > 0} onPay={openPay} /> : null}
      <ShortcutBar shortcuts={shortcuts} />
      {dialog === 'pay' ? (
        <PaymentDialog
          total={totals.total}
          customer={customer}
          busy={payBusy}
          failure={payFailure}
          onComplete={(payments, override) => void complete(payments, override)}
          onClose={() => setDialog(null)}
        />
      ) : null}
      {dialog === 'customer' ? (
        <CustomerPicker
          onPick={(picked) => {
            useCartStore.getState().setCustomer(picked);
            setDialog(null);
          }}
          onClose={() => setDialog(null)}
        />
      ) : null}
      {dialog === 'cancel' ? <CancelSaleDialog onConfirm={cancelSale} onClose={() => setDialog(null)} /> : null}
      {dialog === 'recent' ? (
        <RecentSalesDialog
          onOpen={(receipt) => {
            setDialog(null);
            setMode({ kind: 'receipt', receipt });
          }}
          onClose={() => setDialog(null)}
        />
      ) : null}
    </div>
  );
}
