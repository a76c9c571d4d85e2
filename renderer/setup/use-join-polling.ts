import { useEffect } from 'react';
import type { JoinStatus } from '../../shared/contract/app.contract';
import { call } from '../bridge/techstore-bridge';

/** Often enough for a bar that moves page by page; one in-memory read in the core per poll. */
export const JOIN_POLL_MS = 250;

/**
 * While a join runs, reads its status every quarter second and hands each reading on. A failed read (the app is
 * restarting) is skipped: the next one tries again.
 */
export function useJoinPolling(running: boolean, onStatus: (status: JoinStatus) => void): void {
  useEffect(() => {
    if (!running) return;
    let stopped = false;
    let timer = 0;
    const poll = async () => {
      const result = await call('app.joinStatus', {});
      if (stopped) return;
      if (result.ok) onStatus(result.value);
      timer = window.setTimeout(() => void poll(), JOIN_POLL_MS);
    };
    timer = window.setTimeout(() => void poll(), JOIN_POLL_MS);
    return () => {
      stopped = true;
      window.clearTimeout(timer);
    };
  }, [running, onStatus]);
}
