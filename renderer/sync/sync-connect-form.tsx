import { type FormEvent, type KeyboardEvent, useId, useState } from 'react';
import type { Failure } from '../../shared/errors';
import { call } from '../bridge/techstore-bridge';
import { errorMessage } from '../i18n/error-message';
import { type MessageKey, useT } from '../i18n/i18n';
import { useSyncStatusStore } from './sync-status.store';

type ConnectState = { phase: 'idle' } | { phase: 'busy' } | { phase: 'ok' } | { phase: 'failed'; failure: Failure };

const CONNECT_MESSAGES: Partial<Record<Failure['code'], MessageKey>> = {
  VALIDATION: 'sync.connect.VALIDATION',
  CONFLICT: 'sync.connect.CONFLICT',
  INTERNAL: 'sync.connect.INTERNAL',
};

/** Admin only: pastes the line `npm run central -- add-terminal` printed and connects this terminal to central. */
export function SyncConnectForm({ configured }: { configured: boolean }) {
  const t = useT();
  const id = useId();
  const accept = useSyncStatusStore((s) => s.accept);
  const [text, setText] = useState('');
  const [state, setState] = useState<ConnectState>({ phase: 'idle' });
  const busy = state.phase === 'busy';

  const submit = async (event?: FormEvent) => {
    event?.preventDefault();
    if (busy || text.trim().length === 0) return;
    setState({ phase: 'busy' });
    const result = await call('sync.connect', { connectionText: text });
    if (result.ok) {
      accept(result.value);
      // The text holds the terminal's central password: it does not stay on screen once it has been used.
      setText('');
      setState({ phase: 'ok' });
    } else {
      setState({ phase: 'failed', failure: result });
    }
  };

  // The connection text is one line: Enter connects, as in any other field; Shift+Enter is never needed.
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && !event.shiftKey) {
      event.preventDefault();
      void submit();
    }
  };

  const failureKey = state.phase === 'failed' ? CONNECT_MESSAGES[state.failure.code] : undefined;

  return (
    <section className="sync-card" aria-labelledby={`${id}-title`} data-testid="sync-connect">
      <h2 id={`${id}-title`}>{t('sync.connect.title')}</h2>
      <p className="muted">{t('sync.connect.intro')}</p>
      {configured ? <p className="notice">{t('sync.connect.replaceNote')}</p> : null}
      <form onSubmit={(event) => void submit(event)} data-testid="sync-connect-form">
        <div className="field">
          <label htmlFor={`${id}-text`}>{t('sync.connect.label')}</label>
          <textarea
            id={`${id}-text`}
            className="sync-connect-text"
            value={text}
            onChange={(event) => {
              setText(event.target.value);
              if (state.phase !== 'busy') setState({ phase: 'idle' });
            }}
            onKeyDown={onKeyDown}
            rows={3}
            spellCheck={false}
            autoComplete="off"
            autoCapitalize="off"
            placeholder="postgresql://…"
            aria-describedby={`${id}-hint`}
            aria-invalid={state.phase === 'failed' ? true : undefined}
            disabled={busy}
            data-testid="sync-connect-text"
          />
          <span id={`${id}-hint`} className="field-hint">
            {t('sync.connect.hint')}
          </span>
        </div>
        {state.phase === 'failed' ? (
          <div className="form-error" role="alert" data-testid="sync-connect-error" data-code={state.failure.code}>
            <p>{failureKey ? t(failureKey) : errorMessage(t, state.failure)}</p>
            {failureKey && state.failure.message ? (
              <p className="sync-connect-detail" data-testid="sync-connect-error-detail">
                {t('sync.connect.detail', { message: state.failure.message })}
              </p>
            ) : null}
          </div>
        ) : null}
        {state.phase === 'ok' ? (
          <p className="form-ok" role="status" data-testid="sync-connect-ok">
            {t('sync.connect.ok')}
          </p>
        ) : null}
        <div className="form-actions">
          <button
            type="submit"
            className="button-primary"
            disabled={busy || text.trim().length === 0}
            data-testid="sync-connect-submit"
          >
            {busy ? t('sync.connect.submitting') : t('sync.connect.submit')}
          </button>
        </div>
      </form>
    </section>
  );
}
