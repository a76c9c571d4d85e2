import { type KeyboardEvent, type Ref, useImperativeHandle, useRef, useState } from 'react';
import { INTERNAL_CODE_PATTERN } from '../../shared/barcode';
import type { ProductSummary } from '../../shared/contract/catalog.contract';
import { repairNumberFromText } from '../../shared/repair-scan';
import { call } from '../bridge/techstore-bridge';
import { useFormat } from '../format/format';
import { errorMessage } from '../i18n/error-message';
import { useT } from '../i18n/i18n';
import { useRepairOpenStore } from '../repairs/repair-open.store';
import { useCatalogSearch } from './use-catalog-search';

export interface ScanPanelHandle {
  focus: () => void;
  /** Look a code up as if it had been typed in the field and Enter pressed. */
  submitCode: (code: string) => void;
  /** Put typed text in the field (from the keyboard wedge) and focus it. */
  appendText: (text: string) => void;
}

/** Keys the scan field leaves to the POS screen when it is empty (cart navigation and editing). */
export type CartKey = 'ArrowUp' | 'ArrowDown' | 'Delete' | '+' | '-';
const CART_KEYS: readonly string[] = ['ArrowUp', 'ArrowDown', 'Delete', '+', '-'] satisfies CartKey[];

function isCartKey(key: string): key is CartKey {
  return CART_KEYS.includes(key);
}

/** A scanned code: no spaces and at least one digit. Plain words are searched instead. */
function looksLikeCode(text: string): boolean {
  return INTERNAL_CODE_PATTERN.test(text) && /\d/.test(text);
}

const RESULT_LIMIT = 8;

interface ScanPanelProps {
  ref?: Ref<ScanPanelHandle>;
  onAdd: (product: ProductSummary) => void;
  onCartKey: (key: CartKey) => void;
}

export function ScanPanel({ ref, onAdd, onCartKey }: ScanPanelProps) {
  const t = useT();
  const format = useFormat();
  const inputRef = useRef<HTMLInputElement>(null);
  const [text, setText] = useState('');
  const [highlight, setHighlight] = useState(-1);
  const [closed, setClosed] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const [lookingUp, setLookingUp] = useState(false);
  const search = useCatalogSearch(closed ? '' : text, { limit: RESULT_LIMIT, includeArchived: false });

  const showResults = !closed && text.trim() !== '' && search.query === text.trim();
  const results = showResults ? search.items : [];

  const changeText = (value: string) => {
    setText(value);
    setHighlight(-1);
    setClosed(false);
    setMessage(null);
  };

  const add = (product: ProductSummary) => {
    onAdd(product);
    changeText('');
    inputRef.current?.focus();
  };

  /** A repair label's QR (or a typed `R-…` number) opens the order in the Taller instead of the catalog. */
  const openRepair = (text: string): boolean => {
    const number = repairNumberFromText(text);
    if (number === null) return false;
    changeText('');
    useRepairOpenStore.getState().open(number);
    return true;
  };

  const lookUp = async (code: string) => {
    if (openRepair(code)) return;
    setLookingUp(true);
    const result = await call('catalog.findByBarcode', { code });
    setLookingUp(false);
    if (result.ok) {
      add(result.value);
      return;
    }
    // The text stays in the field: it may be a word or a code to search for instead.
    setMessage(result.code === 'NOT_FOUND' ? t('pos.notFound', { code }) : errorMessage(t, result));
  };

  const submit = (value: string) => {
    const trimmed = value.trim();
    const picked = results[highlight];
    if (!picked && openRepair(trimmed)) return;
    if (picked) {
      add(picked);
    } else if (looksLikeCode(trimmed)) {
      void lookUp(trimmed);
    } else if (results.length === 1 && results[0]) {
      add(results[0]);
    } else if (results.length > 1) {
      setHighlight(0);
    }
  };

  useImperativeHandle(ref, () => ({
    focus: () => inputRef.current?.focus(),
    submitCode: (code) => {
      changeText(code);
      inputRef.current?.focus();
      void lookUp(code.trim());
    },
    appendText: (typed) => {
      changeText(text + typed);
      inputRef.current?.focus();
    },
  }));

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      submit(event.currentTarget.value);
    } else if (event.key === 'Escape' && (text !== '' || message)) {
      event.preventDefault();
      event.stopPropagation();
      if (results.length > 0) setClosed(true);
      else changeText('');
    } else if (results.length > 0 && (event.key === 'ArrowDown' || event.key === 'ArrowUp')) {
      event.preventDefault();
      const last = results.length - 1;
      const down = event.key === 'ArrowDown';
      setHighlight((h) => (down ? Math.min(last, h + 1) : Math.max(-1, h - 1)));
    } else if (text === '' && isCartKey(event.key)) {
      event.preventDefault();
      onCartKey(event.key);
    }
  };

  const listId = 'scan-results';
  return (
    <div className="scan-panel">
      <label htmlFor="scan-input" className="scan-label">
        {t('pos.scanLabel')}
      </label>
      <input
        id="scan-input"
        ref={inputRef}
        className="scan-input"
        value={text}
        onChange={(e) => changeText(e.target.value)}
        onKeyDown={onKeyDown}
        placeholder={t('pos.scanPlaceholder')}
        autoComplete="off"
        spellCheck={false}
        role="combobox"
        aria-expanded={results.length > 0}
        aria-controls={listId}
        aria-activedescendant={highlight >= 0 ? `scan-result-${highlight}` : undefined}
        aria-busy={lookingUp || search.loading}
        data-testid="scan-input"
      />
      {message ? (
        <p className="scan-message" role="alert" data-testid="scan-message">
          {message}
        </p>
      ) : null}
      {showResults && results.length === 0 && !search.loading ? (
        <p className="scan-message muted" data-testid="search-no-results">
          {search.failure ? errorMessage(t, { code: search.failure }) : t('pos.noResults')}
        </p>
      ) : null}
      {results.length > 0 ? (
        <div
          id={listId}
          className="search-results"
          role="listbox"
          aria-label={t('pos.resultsLabel')}
          data-testid="search-results"
        >
          {results.map((product, index) => (
            <div
              key={product.id}
              tabIndex={-1}
              id={`scan-result-${index}`}
              role="option"
              aria-selected={index === highlight}
              className={index === highlight ? 'search-result search-result-active' : 'search-result'}
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => add(product)}
              onKeyDown={(e) => {
                if (e.key === 'Enter') add(product);
              }}
              data-testid="search-result"
              data-product-id={product.id}
            >
              <span className="search-result-name">
                {product.name}
                {product.brand ? <span className="muted"> · {product.brand}</span> : null}
              </span>
              <span className="search-result-sku muted">{product.sku}</span>
              <span className="search-result-stock muted">{t('pos.stock', { count: product.stockOnHand })}</span>
              <span className="search-result-price">{format.money(product.price)}</span>
            </div>
          ))}
        </div>
      ) : null}
    </div>
  );
}
