import { useEffect, useState } from 'react';
import type { StoreProfile } from '../../shared/contract/store.contract';
import { call } from '../bridge/techstore-bridge';

/** The store's profile as this terminal holds it, or null while it loads (or if the core could not answer). */
export function useStoreProfile(): StoreProfile | null {
  const [profile, setProfile] = useState<StoreProfile | null>(null);
  useEffect(() => {
    let live = true;
    void call('store.profile', {}).then((result) => {
      if (live && result.ok) setProfile(result.value);
    });
    return () => {
      live = false;
    };
  }, []);
  return profile;
}
