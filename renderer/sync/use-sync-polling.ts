import { useEffect } from 'react';
import { useCartStore } from '../pos/cart.store';
import { useSyncStatusStore } from './sync-status.store';

/** Often enough that a cashier sees a sale leave within seconds; one cheap local query per poll. */
export const SYNC_POLL_MS = 3_000;

/**
 * Keeps the sync status fresh while someone is logged in: at once, every few seconds, and right after a sale
 * completes (the cart drops its sale id), so the new pending mutation shows without waiting for the next poll.
 */
export function useSyncPolling(): void {
  useEffect(() => {
    const { refresh, reset } = useSyncStatusStore.getState();
    void refresh();
    const timer = window.setInterval(() => void refresh(), SYNC_POLL_MS);
    const unsubscribe = useCartStore.subscribe((cart, previous) => {
      if (previous.saleId !== null && cart.saleId === null) void refresh();
    });
    return () => {
      window.clearInterval(timer);
      unsubscribe();
      // The next user starts from a fresh reading, not from what the last one saw.
      reset();
    };
  }, []);
}
