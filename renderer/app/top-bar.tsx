import { useRef, useState } from 'react';
import type { AppStatus } from '../../shared/contract/app.contract';
import type { Session } from '../../shared/contract/users.contract';
import { useT } from '../i18n/i18n';
import { roleMayCall } from '../session/access';
import { SyncClockWarning, SyncIndicator } from '../sync/sync-indicator';
import { ChangeOwnPinDialog } from '../users/change-own-pin-dialog';
import { LanguageSwitch } from './language-switch';

export type MainView = 'pos' | 'repairs' | 'customers' | 'products' | 'sync' | 'store' | 'users';

interface TopBarProps {
  status: AppStatus | null;
  session: Session;
  view: MainView;
  canManage: boolean;
  onNavigate: (view: MainView) => void;
  onLogout: () => void;
}

export function TopBar({ status, session, view, canManage, onNavigate, onLogout }: TopBarProps) {
  const t = useT();
  const [changingPin, setChangingPin] = useState(false);
  const pinButton = useRef<HTMLButtonElement>(null);
  // Customers for every role that sells: payments on account are taken at the counter.
  const canSell = session.user.role !== 'technician';
  const views: MainView[] = [
    'pos',
    'repairs',
    ...(canSell ? (['customers'] as const) : []),
    ...(canManage ? (['products', 'sync', 'store'] as const) : []),
    ...(roleMayCall(session.user.role, 'users.list') ? (['users'] as const) : []),
  ];
  return (
    <>
      <header className="top-bar no-print" data-testid="top-bar">
        <div className="top-bar-store">
          <strong data-testid="top-bar-store-name">{status?.storeName ?? t('app.name')}</strong>
          {status?.terminalCode ? (
            <span className="top-bar-terminal" data-testid="top-bar-terminal">
              {t('topbar.terminal', { code: status.terminalCode })}
            </span>
          ) : null}
        </div>
        <nav className="top-bar-nav" aria-label={t('nav.label')}>
          {views.map((v) => (
            <button
              key={v}
              type="button"
              className={v === view ? 'nav-button nav-button-active' : 'nav-button'}
              aria-current={v === view ? 'page' : undefined}
              onClick={() => onNavigate(v)}
              data-testid={`nav-${v}`}
            >
              {t(`nav.${v}`)}
            </button>
          ))}
        </nav>
        <SyncIndicator canManage={canManage} onOpen={() => onNavigate('sync')} />
        <div className="top-bar-user">
          <div className="top-bar-who">
            <span data-testid="top-bar-user">
              {session.user.name} <span className="top-bar-role">· {t(`role.${session.user.role}`)}</span>
            </span>
            <div className="top-bar-who-actions">
              <button
                ref={pinButton}
                type="button"
                className="top-bar-link"
                onClick={() => setChangingPin(true)}
                data-testid="own-pin-button"
              >
                {t('ownPin.open')}
              </button>
              <LanguageSwitch />
            </div>
          </div>
          <button type="button" className="button-secondary" onClick={onLogout} data-testid="logout-button">
            {t('topbar.logout')}
          </button>
        </div>
      </header>
      <SyncClockWarning />
      {changingPin ? (
        <ChangeOwnPinDialog
          onClose={() => {
            setChangingPin(false);
            pinButton.current?.focus();
          }}
        />
      ) : null}
    </>
  );
}
