import { useCallback, useEffect, useRef, useState } from 'react';
import type { UserSummary } from '../../shared/contract/common.schemas';
import type { Session } from '../../shared/contract/users.contract';
import { call } from '../bridge/techstore-bridge';
import { errorMessage } from '../i18n/error-message';
import { useT } from '../i18n/i18n';
import { useSessionStore } from '../session/session.store';
import { PinPad } from './pin-pad';

const MAX_PIN = 8;
const MIN_PIN = 4;

type UsersState =
  | { phase: 'loading' }
  | { phase: 'ready'; users: UserSummary[] }
  | { phase: 'failed'; message: string };

export function LoginScreen({ onSignedIn }: { onSignedIn: (session: Session) => void }) {
  const t = useT();
  const expired = useSessionStore((s) => s.expired);
  const [users, setUsers] = useState<UsersState>({ phase: 'loading' });
  const [selected, setSelected] = useState<UserSummary | null>(null);
  const [pin, setPin] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // The keyboard listener reads the latest values without re-subscribing on every digit.
  const latest = useRef({ pin, busy, selected });
  latest.current = { pin, busy, selected };

  useEffect(() => {
    let live = true;
    void call('users.listForLogin', {}).then((result) => {
      if (!live) return;
      setUsers(
        result.ok
          ? { phase: 'ready', users: result.value.users }
          : { phase: 'failed', message: errorMessage(t, result) },
      );
    });
    return () => {
      live = false;
    };
  }, [t]);

  const addDigit = useCallback((digit: string) => {
    setError(null);
    setPin((p) => (p.length < MAX_PIN ? p + digit : p));
  }, []);

  const submit = useCallback(async () => {
    const { pin: currentPin, busy: isBusy, selected: user } = latest.current;
    if (!user || isBusy || currentPin.length === 0) return;
    if (currentPin.length < MIN_PIN) {
      setError(t('validation.pinFormat'));
      setPin('');
      return;
    }
    setBusy(true);
    const result = await call('users.login', { userId: user.id, pin: currentPin });
    setBusy(false);
    if (result.ok) {
      onSignedIn(result.value);
      return;
    }
    setPin('');
    setError(errorMessage(t, result, 'login'));
  }, [onSignedIn, t]);

  const back = useCallback(() => {
    setSelected(null);
    setPin('');
    setError(null);
  }, []);

  useEffect(() => {
    if (!selected) return;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.ctrlKey || event.altKey || event.metaKey) return;
      if (/^\d$/.test(event.key)) {
        event.preventDefault();
        if (!latest.current.busy) addDigit(event.key);
      } else if (event.key === 'Backspace') {
        event.preventDefault();
        setPin((p) => p.slice(0, -1));
      } else if (event.key === 'Enter') {
        event.preventDefault();
        void submit();
      } else if (event.key === 'Escape') {
        event.preventDefault();
        back();
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [selected, addDigit, submit, back]);

  return (
    <section className="card login-card" data-testid="login-screen">
      {expired ? (
        <p className="notice" role="status" data-testid="session-expired">
          {t('login.expired')}
        </p>
      ) : null}
      {selected ? (
        <>
          <h1>{t('login.enterPin', { name: selected.name })}</h1>
          <PinPad
            length={pin.length}
            disabled={busy}
            onDigit={addDigit}
            onClear={() => {
              setPin('');
              setError(null);
            }}
            onSubmit={() => void submit()}
          />
          {error ? (
            <p className="form-error pin-error" role="alert" data-testid="pin-error">
              {error}
            </p>
          ) : null}
          <button type="button" className="button-secondary" onClick={back} data-testid="login-back">
            {t('login.back')}
          </button>
        </>
      ) : (
        <>
          <h1>{t('login.title')}</h1>
          {users.phase === 'loading' ? <p>{t('app.loading')}</p> : null}
          {users.phase === 'failed' ? (
            <p className="form-error" role="alert">
              {users.message}
            </p>
          ) : null}
          {users.phase === 'ready' && users.users.length === 0 ? <p>{t('login.noUsers')}</p> : null}
          {users.phase === 'ready' ? (
            <div className="user-grid">
              {users.users.map((user) => (
                <button
                  key={user.id}
                  type="button"
                  className="user-button"
                  onClick={() => setSelected(user)}
                  data-testid="login-user"
                  data-user-id={user.id}
                >
                  <span className="user-name">{user.name}</span>
                  <span className="user-role">{t(`role.${user.role}`)}</span>
                </button>
              ))}
            </div>
          ) : null}
        </>
      )}
    </section>
  );
}
