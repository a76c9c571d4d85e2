import { create } from 'zustand';
import type { AppStatus } from '../../shared/contract/app.contract';
import type { ErrorCode } from '../../shared/errors';
import { call } from '../bridge/techstore-bridge';

type StatusState = { phase: 'loading' } | { phase: 'failed'; code: ErrorCode } | { phase: 'ready'; status: AppStatus };

interface AppStatusStore {
  state: StatusState;
  load: () => Promise<void>;
}

export const useAppStatusStore = create<AppStatusStore>()((set) => ({
  state: { phase: 'loading' },
  load: async () => {
    // A refresh (e.g. after setup) keeps showing the current status until the new one arrives.
    set((s) => (s.state.phase === 'ready' ? s : { state: { phase: 'loading' } }));
    const result = await call('app.status', {});
    set({ state: result.ok ? { phase: 'ready', status: result.value } : { phase: 'failed', code: result.code } });
  },
}));
