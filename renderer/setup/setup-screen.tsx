import { useEffect, useId, useState } from 'react';
import type { JoinStatus } from '../../shared/contract/app.contract';
import type { Session } from '../../shared/contract/users.contract';
import { call } from '../bridge/techstore-bridge';
import { useT } from '../i18n/i18n';
import { JoinChainForm } from './join-chain-form';
import { NewStoreForm } from './new-store-form';

type SetupMode = 'new' | 'join';

/**
 * The first-run screen: a store of its own ("Tienda nueva") or a terminal of an existing chain ("Unirse a una
 * cadena"). It opens on the join when one is running or was left halfway, so the app never looks fresh when it
 * is not.
 */
export function SetupScreen({ onDone }: { onDone: (session: Session) => void }) {
  const t = useT();
  const id = useId();
  const [mode, setMode] = useState<SetupMode>('new');
  const [initialJoin, setInitialJoin] = useState<JoinStatus | null>(null);
  const [checked, setChecked] = useState(false);

  useEffect(() => {
    let cancelled = false;
    void call('app.joinStatus', {}).then((result) => {
      if (cancelled) return;
      if (result.ok && (result.value.phase === 'running' || result.value.interrupted)) {
        setInitialJoin(result.value);
        setMode('join');
      }
      setChecked(true);
    });
    return () => {
      cancelled = true;
    };
  }, []);

  const tab = (value: SetupMode, label: string) => (
    <button
      type="button"
      role="tab"
      id={`${id}-${value}`}
      aria-selected={mode === value}
      aria-controls={`${id}-panel`}
      className={mode === value ? 'setup-mode setup-mode-active' : 'setup-mode'}
      onClick={() => setMode(value)}
      data-testid={`setup-mode-${value}`}
    >
      {label}
    </button>
  );

  return (
    <div className="card setup-card" data-testid="setup-screen" data-ready={checked ? 'true' : 'false'}>
      <h1>{t('setup.title')}</h1>
      <div className="setup-modes" role="tablist" aria-label={t('setup.mode.label')}>
        {tab('new', t('setup.mode.new'))}
        {tab('join', t('setup.mode.join'))}
      </div>
      <div role="tabpanel" id={`${id}-panel`} aria-labelledby={`${id}-${mode}`}>
        {mode === 'new' ? <NewStoreForm onDone={onDone} /> : <JoinChainForm initial={initialJoin} />}
      </div>
    </div>
  );
}
