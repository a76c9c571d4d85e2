import { useEffect, useRef, useState } from 'react';
import type { ProductSummary } from '../../shared/contract/catalog.contract';
import type { ErrorCode } from '../../shared/errors';
import { call } from '../bridge/techstore-bridge';

export const SEARCH_DEBOUNCE_MS = 120;

export interface CatalogSearchState {
  /** The query these items answer (trimmed); '' when nothing was searched. */
  query: string;
  items: ProductSummary[];
  loading: boolean;
  failure: ErrorCode | null;
}

interface SearchOptions {
  limit: number;
  includeArchived: boolean;
  /** Bump to search the same query again (e.g. after a product was saved). */
  refreshKey?: number;
  /** An empty query lists the first products instead of nothing (the products screen). */
  searchEmpty?: boolean;
}

const IDLE: CatalogSearchState = { query: '', items: [], loading: false, failure: null };

/** Search as you type: debounced, and an answer to an older query never replaces a newer one. */
export function useCatalogSearch(query: string, options: SearchOptions): CatalogSearchState {
  const { limit, includeArchived, refreshKey = 0, searchEmpty = false } = options;
  const [state, setState] = useState<CatalogSearchState>(IDLE);
  const latestRequest = useRef(0);

  // biome-ignore lint/correctness/useExhaustiveDependencies: refreshKey is a trigger, a new value repeats the search
  useEffect(() => {
    const trimmed = query.trim();
    const request = ++latestRequest.current;
    if (trimmed === '' && !searchEmpty) {
      setState(IDLE);
      return;
    }
    setState((s) => ({ ...s, loading: true }));
    const timer = window.setTimeout(() => {
      void call('catalog.search', { query: trimmed, limit, includeArchived }).then((result) => {
        if (request !== latestRequest.current) return;
        setState(
          result.ok
            ? { query: trimmed, items: result.value.items, loading: false, failure: null }
            : { query: trimmed, items: [], loading: false, failure: result.code },
        );
      });
    }, SEARCH_DEBOUNCE_MS);
    return () => window.clearTimeout(timer);
  }, [query, limit, includeArchived, searchEmpty, refreshKey]);

  return state;
}
