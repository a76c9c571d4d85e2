import { useCallback, useEffect, useRef, useState } from 'react';
import type { ManagedUser, UserList } from '../../shared/contract/users.contract';
import { assignableRoles, userActions } from '../../shared/user-management';
import { call } from '../bridge/techstore-bridge';
import { errorMessage } from '../i18n/error-message';
import { useT } from '../i18n/i18n';
import { useSessionStore } from '../session/session.store';
import { UserActiveDialog } from './user-active-dialog';
import { UserFormDialog } from './user-form-dialog';
import { UserResetPinDialog } from './user-reset-pin-dialog';

type Open =
  | { kind: 'none' }
  | { kind: 'add' }
  | { kind: 'edit'; user: ManagedUser }
  | { kind: 'active'; user: ManagedUser }
  | { kind: 'resetPin'; user: ManagedUser };

type Loaded = { phase: 'loading' } | { phase: 'ready'; list: UserList } | { phase: 'failed'; message: string };

/**
 * Usuarios (admins and managers): the store's people, active and not, and the chain's admins read-only. It offers
 * only what the core would allow this user (shared/user-management.ts); the core checks it all again.
 */
export function UsersScreen() {
  const t = useT();
  const session = useSessionStore((s) => s.session);
  const rename = useSessionStore((s) => s.rename);
  const [loaded, setLoaded] = useState<Loaded>({ phase: 'loading' });
  const [open, setOpen] = useState<Open>({ kind: 'none' });
  const [notice, setNotice] = useState<string | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  /** The button that opened the dialog: focus goes back to it when the dialog closes. */
  const opener = useRef<HTMLElement | null>(null);

  const load = useCallback(async () => {
    const result = await call('users.list', {});
    setLoaded(
      result.ok ? { phase: 'ready', list: result.value } : { phase: 'failed', message: errorMessage(t, result) },
    );
  }, [t]);

  useEffect(() => {
    void load();
  }, [load]);

  // Focus starts on the heading; when a dialog closes it goes back to the button that opened it, so the keyboard
  // goes on from where it was.
  useEffect(() => {
    if (open.kind !== 'none') return;
    if (opener.current?.isConnected) opener.current.focus();
    else heading.current?.focus();
    opener.current = null;
  }, [open.kind]);

  if (!session) return null;
  const actor = { id: session.user.id, role: session.user.role };

  const show = (next: Open) => {
    opener.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    setNotice(null);
    setOpen(next);
  };
  const close = () => setOpen({ kind: 'none' });
  const finish = (message: string) => {
    setOpen({ kind: 'none' });
    setNotice(message);
    void load();
  };

  const list = loaded.phase === 'ready' ? loaded.list : null;
  const inChain = list?.inChain ?? true;

  const dialog = () => {
    switch (open.kind) {
      case 'add':
        return (
          <UserFormDialog
            mode={{ kind: 'add' }}
            roles={assignableRoles(actor.role, inChain)}
            roleHint={inChain && actor.role === 'admin' ? t('users.chainNote') : undefined}
            onSaved={(name) => finish(t('users.created', { name }))}
            onClose={close}
          />
        );
      case 'edit': {
        const { user } = open;
        const { roles } = userActions(actor, user, inChain);
        const self = user.id === actor.id;
        return (
          <UserFormDialog
            mode={{ kind: 'edit', user }}
            roles={roles}
            roleHint={
              self ? t('users.form.ownRole') : inChain && !roles.includes('admin') ? t('users.chainNote') : undefined
            }
            onSaved={(name) => {
              if (self) rename(name);
              finish(t('users.updated', { name }));
            }}
            onClose={close}
          />
        );
      }
      case 'active': {
        const { user } = open;
        return (
          <UserActiveDialog
            user={user}
            onDone={() => finish(t(user.active ? 'users.deactivated' : 'users.reactivated', { name: user.name }))}
            onClose={close}
          />
        );
      }
      case 'resetPin': {
        const { user } = open;
        return (
          <UserResetPinDialog
            user={user}
            onSaved={() => finish(t('users.pinReset', { name: user.name }))}
            onClose={close}
          />
        );
      }
      default:
        return null;
    }
  };

  return (
    <section className="users-screen card" data-testid="users-screen">
      <div className="users-toolbar">
        <h1 ref={heading} tabIndex={-1} className="users-title">
          {t('users.title')}
        </h1>
        <button
          type="button"
          className="button-primary"
          onClick={() => show({ kind: 'add' })}
          disabled={!list}
          data-testid="users-add"
        >
          {t('users.add')}
        </button>
      </div>
      <p className="field-hint">{t('users.intro')}</p>
      {actor.role === 'manager' ? <p className="field-hint">{t('users.managerNote')}</p> : null}
      {list?.inChain ? (
        <p className="notice" data-testid="users-chain-note">
          {t('users.chainNote')}
        </p>
      ) : null}
      {notice ? (
        <p className="form-ok" role="status" data-testid="users-notice">
          {notice}
        </p>
      ) : null}
      {loaded.phase === 'loading' ? <p className="muted">{t('app.loading')}</p> : null}
      {loaded.phase === 'failed' ? (
        <p className="form-error" role="alert">
          {t('users.loadFailed')} {loaded.message}
        </p>
      ) : null}
      {list ? (
        <table className="users-table" data-testid="users-table">
          <thead>
            <tr>
              <th scope="col">{t('users.col.name')}</th>
              <th scope="col">{t('users.col.role')}</th>
              <th scope="col">{t('users.col.state')}</th>
              <th scope="col">{t('users.col.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {list.users.map((user) => {
              const actions = userActions(actor, user, list.inChain);
              return (
                <tr
                  key={user.id}
                  className={user.active ? undefined : 'users-row-inactive'}
                  data-testid="users-row"
                  data-user-id={user.id}
                >
                  <th scope="row" className="users-name">
                    {user.name}
                    {user.id === actor.id ? <span className="muted"> ({t('users.you')})</span> : null}
                    {user.chainAdmin ? <span className="badge">{t('users.chainBadge')}</span> : null}
                  </th>
                  <td data-testid="users-row-role">{t(`role.${user.role}`)}</td>
                  <td data-testid="users-row-state">
                    {t(user.active ? 'users.state.active' : 'users.state.inactive')}
                  </td>
                  <td>
                    <div className="users-actions">
                      {user.chainAdmin ? <span className="muted">{t('users.chainRow')}</span> : null}
                      {actions.edit ? (
                        <button type="button" className="button-secondary" onClick={() => show({ kind: 'edit', user })}>
                          {t('users.edit')}
                        </button>
                      ) : null}
                      {actions.setActive ? (
                        <button
                          type="button"
                          className="button-secondary"
                          onClick={() => show({ kind: 'active', user })}
                        >
                          {t(user.active ? 'users.deactivate' : 'users.reactivate')}
                        </button>
                      ) : null}
                      {actions.resetPin && user.active ? (
                        <button
                          type="button"
                          className="button-secondary"
                          onClick={() => show({ kind: 'resetPin', user })}
                        >
                          {t('users.resetPin')}
                        </button>
                      ) : null}
                    </div>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      ) : null}
      {dialog()}
    </section>
  );
}
