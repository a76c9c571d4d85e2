import { useMemo } from 'react';
import type { QuarantineReason } from '../../shared/sync/quarantine-reason';
import { useFormat } from '../format/format';
import { useT } from '../i18n/i18n';
import { useLocaleStore } from '../i18n/locale.store';
import { useSyncFormat } from './sync-format';
import { type ClockSkew, kindLabelKey, quarantineReasonKey, type SyncIndicatorState } from './sync-view';

/** The sentences the indicator and the panel share, so both always say the same thing. */
export interface SyncTexts {
  state: (state: SyncIndicatorState | 'unknown') => string;
  /** "3 pendientes", "1 pendiente": plural by Intl.PluralRules, digits by Intl.NumberFormat. */
  pending: (count: number) => string;
  oldest: (ageMs: number) => string;
  lastSync: (iso: string | null) => string;
  clockWarning: (skew: ClockSkew) => string;
  kind: (kind: string) => string;
  /** Why central quarantined a mutation: in the staff's words when central says why, else central's text. */
  quarantineError: (error: string, reason: QuarantineReason | null) => string;
}

export function useSyncTexts(): SyncTexts {
  const t = useT();
  const format = useFormat();
  const syncFormat = useSyncFormat();
  const locale = useLocaleStore((s) => s.locale);
  return useMemo(() => {
    const plural = new Intl.PluralRules(locale);
    return {
      state: (state) => t(`sync.state.${state}`),
      pending: (count) =>
        t(plural.select(count) === 'one' ? 'sync.pending.one' : 'sync.pending.other', {
          count: format.integer(count),
        }),
      oldest: (ageMs) => t('sync.oldest', { age: syncFormat.ago(ageMs) }),
      lastSync: (iso) =>
        iso === null ? t('sync.neverSynced') : t('sync.lastSync', { time: syncFormat.when(iso, new Date()) }),
      clockWarning: (skew) =>
        t(skew.direction === 'ahead' ? 'sync.clockAhead' : 'sync.clockBehind', {
          amount: syncFormat.amount(skew.ms),
        }),
      kind: (kind) => {
        const key = kindLabelKey(kind);
        return key === null ? kind : t(key);
      },
      quarantineError: (error, reason) => (reason === null ? error : t(quarantineReasonKey(reason))),
    };
  }, [t, format, syncFormat, locale]);
}
