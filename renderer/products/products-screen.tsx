import { useState } from 'react';
import type { Product } from '../../shared/contract/catalog.contract';
import { call } from '../bridge/techstore-bridge';
import { useFormat } from '../format/format';
import { errorMessage } from '../i18n/error-message';
import { useT } from '../i18n/i18n';
import { useCatalogSearch } from '../pos/use-catalog-search';
import { ProductForm } from './product-form';

/** The list never holds the whole catalog: a search with a limit. */
const LIST_LIMIT = 50;

type Editing = { kind: 'none' } | { kind: 'new'; key: number } | { kind: 'edit'; product: Product };

export function ProductsScreen() {
  const t = useT();
  const format = useFormat();
  const [query, setQuery] = useState('');
  const [refreshKey, setRefreshKey] = useState(0);
  const [editing, setEditing] = useState<Editing>({ kind: 'none' });
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const search = useCatalogSearch(query, { limit: LIST_LIMIT, includeArchived: true, refreshKey, searchEmpty: true });

  const open = async (id: string) => {
    setError(null);
    setSaved(false);
    const result = await call('catalog.get', { id });
    if (result.ok) setEditing({ kind: 'edit', product: result.value });
    else setError(errorMessage(t, result));
  };

  const onSaved = (product: Product, announce: boolean) => {
    setSaved(announce);
    setEditing({ kind: 'edit', product });
    setRefreshKey((k) => k + 1);
  };

  const selectedId = editing.kind === 'edit' ? editing.product.id : null;

  return (
    <div className="products-screen" data-testid="products-screen">
      <section className="products-list-panel">
        <div className="products-toolbar">
          <h1>{t('products.title')}</h1>
          <button
            type="button"
            className="button-primary"
            onClick={() => {
              setSaved(false);
              setEditing({ kind: 'new', key: Date.now() });
            }}
            data-testid="products-new"
          >
            {t('products.new')}
          </button>
        </div>
        <label htmlFor="products-search" className="visually-hidden">
          {t('products.search')}
        </label>
        <input
          id="products-search"
          className="products-search"
          type="search"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          placeholder={t('products.search')}
          autoComplete="off"
          data-testid="products-search"
        />
        {error || search.failure ? (
          <p className="form-error" role="alert">
            {error ?? (search.failure ? errorMessage(t, { code: search.failure }) : '')}
          </p>
        ) : null}
        {!search.loading && search.items.length === 0 ? <p className="muted">{t('products.empty')}</p> : null}
        <ul className="products-list" data-testid="products-list" aria-busy={search.loading}>
          {search.items.map((p) => (
            <li key={p.id}>
              <button
                type="button"
                className={p.id === selectedId ? 'product-row product-row-active' : 'product-row'}
                aria-current={p.id === selectedId ? 'true' : undefined}
                onClick={() => void open(p.id)}
                data-testid="products-item"
                data-product-id={p.id}
              >
                <span className="product-row-name">
                  {p.name}
                  {p.archived ? (
                    <span className="badge" data-testid="products-item-archived">
                      {t('products.archived')}
                    </span>
                  ) : null}
                </span>
                <span className="muted">
                  {p.sku}
                  {p.brand ? ` · ${p.brand}` : ''}
                </span>
                <span className="product-row-price">{format.money(p.price)}</span>
                <span className="muted">
                  {t('products.stock')}: {format.integer(p.stockOnHand)}
                </span>
              </button>
            </li>
          ))}
        </ul>
        {search.items.length >= LIST_LIMIT ? (
          <p className="muted">{t('products.limitNote', { count: LIST_LIMIT })}</p>
        ) : null}
      </section>
      <section className="products-editor-panel">
        {editing.kind === 'none' ? <p className="muted products-hint">{t('products.selectHint')}</p> : null}
        {saved ? (
          <p className="form-ok" role="status" data-testid="product-saved">
            {t('product.saved')}
          </p>
        ) : null}
        {editing.kind !== 'none' ? (
          <ProductForm
            // A new form per product: the fields start from what was loaded, and stay as typed while saving.
            key={editing.kind === 'new' ? `new-${editing.key}` : editing.product.id}
            product={editing.kind === 'new' ? null : editing.product}
            onSaved={onSaved}
            onEditStarted={() => setSaved(false)}
          />
        ) : null}
      </section>
    </div>
  );
}
