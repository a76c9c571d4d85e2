import { create } from 'zustand';
import type { SyncStatus } from '../../shared/contract/sync.contract';
import type { ErrorCode } from '../../shared/errors';
import { call } from '../bridge/techstore-bridge';

interface SyncStatusStore {
  /** The last status the core answered; kept while a refresh is under way or fails, so nothing flickers. */
  status: SyncStatus | null;
  /** Set when the last refresh failed; cleared by the next success. */
  failure: ErrorCode | null;
  /** Numbers refreshes, so a slow answer never overwrites a newer one. */
  requestSeq: number;
  refresh: () => Promise<void>;
  /** A status that came from elsewhere (`sync.connect` answers one). */
  accept: (status: SyncStatus) => void;
  reset: () => void;
}

export const useSyncStatusStore = create<SyncStatusStore>()((set, get) => ({
  status: null,
  failure: null,
  requestSeq: 0,
  refresh: async () => {
    const seq = get().requestSeq + 1;
    set({ requestSeq: seq });
    const result = await call('sync.status', {});
    if (get().requestSeq !== seq) return;
    set(result.ok ? { status: result.value, failure: null } : { failure: result.code });
  },
  accept: (status) => set((s) => ({ status, failure: null, requestSeq: s.requestSeq + 1 })),
  reset: () => set((s) => ({ status: null, failure: null, requestSeq: s.requestSeq + 1 })),
}));
