import { type FormEvent, type KeyboardEvent, useCallback, useEffect, useId, useRef, useState } from 'react';
import type { JoinStatus } from '../../shared/contract/app.contract';
import type { Failure } from '../../shared/errors';
import { useAppStatusStore } from '../app/app-status.store';
import { call } from '../bridge/techstore-bridge';
import { errorMessage } from '../i18n/error-message';
import { type MessageKey, useT } from '../i18n/i18n';
import { JoinProgress } from './join-progress';
import { FAILURE_MESSAGES, retryable } from './join-texts';
import { useJoinPolling } from './use-join-polling';

/** What `app.join` itself refused (before anything started), in the staff's words. */
const START_MESSAGES: Partial<Record<Failure['code'], MessageKey>> = {
  VALIDATION: 'join.badText',
  CONFLICT: 'join.conflict',
};

/** How long "done" stays on screen before the login screen takes over. */
const DONE_PAUSE_MS = 1_200;

/**
 * First run, joining an existing chain: paste the connection text, watch the copy, then log in with a PIN of the
 * chain. `initial` is the core's status when the screen opened: a join already running (the window was reloaded)
 * or one that an app closed halfway, which can be continued without pasting again.
 */
export function JoinChainForm({ initial }: { initial: JoinStatus | null }) {
  const t = useT();
  const id = useId();
  const [status, setStatus] = useState<JoinStatus | null>(initial);
  const [text, setText] = useState('');
  const [refused, setRefused] = useState<Failure | null>(null);
  const [busy, setBusy] = useState(false);
  const running = status?.phase === 'running';
  const done = status?.phase === 'done';

  const textRef = useRef<HTMLTextAreaElement>(null);
  // Keyboard first: choosing "Unirse a una cadena" puts the cursor where the text is pasted.
  useEffect(() => textRef.current?.focus(), []);

  const onStatus = useCallback((next: JoinStatus) => setStatus(next), []);
  useJoinPolling(running, onStatus);

  // The core's word, not this screen's memory: a join may have started, or ended, since the screen first looked.
  useEffect(() => {
    let cancelled = false;
    void call('app.joinStatus', {}).then((result) => {
      if (!cancelled && result.ok && result.value.phase !== 'idle') setStatus(result.value);
      else if (!cancelled && result.ok && result.value.interrupted) setStatus(result.value);
    });
    return () => {
      cancelled = true;
    };
  }, []);

  useEffect(() => {
    if (!done) return;
    const timer = window.setTimeout(() => void useAppStatusStore.getState().load(), DONE_PAUSE_MS);
    return () => window.clearTimeout(timer);
  }, [done]);

  const start = async (connectionText: string | undefined) => {
    if (busy) return;
    setBusy(true);
    setRefused(null);
    const result = await call('app.join', connectionText === undefined ? {} : { connectionText });
    setBusy(false);
    if (result.ok) {
      // The text holds the terminal's central password: it does not stay on screen once it has been used.
      setText('');
      setStatus(result.value);
    } else {
      setRefused(result);
    }
  };

  const submit = (event?: FormEvent) => {
    event?.preventDefault();
    if (text.trim().length > 0) void start(text);
  };

  // The connection text is one line: Enter joins, as in any other field.
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && !event.shiftKey) {
      event.preventDefault();
      submit();
    }
  };

  if (status && (running || done)) return <JoinProgress status={status} />;

  const failure = status?.phase === 'failed' ? status.failure : null;
  const canContinue = Boolean(status?.interrupted) && (failure === null || retryable(failure.reason));
  const refusedKey = refused ? START_MESSAGES[refused.code] : undefined;

  return (
    <div className="join-chain" data-testid="join-chain">
      <p className="muted">{t('join.intro')}</p>
      {failure ? (
        <div className="form-error join-failure" role="alert" data-testid="join-error" data-reason={failure.reason}>
          <p>
            <strong>{t('join.failed.title')}</strong> {t(FAILURE_MESSAGES[failure.reason])}
          </p>
          <p className="join-detail">{t('join.detail', { message: failure.message })}</p>
        </div>
      ) : status?.interrupted ? (
        <p className="notice notice-warning" data-testid="join-interrupted">
          {t('join.interrupted')}
        </p>
      ) : null}
      {canContinue ? (
        <div className="form-actions join-continue">
          <button
            type="button"
            className="button-primary"
            onClick={() => void start(undefined)}
            disabled={busy}
            data-testid="join-retry"
          >
            {failure ? t('join.retry') : t('join.continue')}
          </button>
        </div>
      ) : null}
      <form onSubmit={submit} data-testid="join-form">
        <div className="field">
          <label htmlFor={`${id}-text`}>{canContinue ? t('join.labelOther') : t('join.label')}</label>
          <textarea
            id={`${id}-text`}
            className="sync-connect-text"
            value={text}
            onChange={(event) => {
              setText(event.target.value);
              setRefused(null);
            }}
            onKeyDown={onKeyDown}
            rows={3}
            spellCheck={false}
            autoComplete="off"
            autoCapitalize="off"
            placeholder="postgresql://…"
            aria-describedby={`${id}-hint`}
            aria-invalid={refused ? true : undefined}
            disabled={busy}
            ref={textRef}
            data-testid="join-text"
          />
          <span id={`${id}-hint`} className="field-hint">
            {t('join.hint')}
          </span>
        </div>
        {refused ? (
          <div className="form-error" role="alert" data-testid="join-refused" data-code={refused.code}>
            <p>{refusedKey ? t(refusedKey) : errorMessage(t, refused)}</p>
            {refused.message ? <p className="join-detail">{t('join.detail', { message: refused.message })}</p> : null}
          </div>
        ) : null}
        <div className="form-actions">
          <button
            type="submit"
            className={canContinue ? 'button-secondary' : 'button-primary button-large'}
            disabled={busy || text.trim().length === 0}
            data-testid="join-submit"
          >
            {busy ? t('join.submitting') : t('join.submit')}
          </button>
        </div>
      </form>
    </div>
  );
}
