import { useEffect, useState } from 'react';
import { call } from '../bridge/techstore-bridge';
import { CustomersScreen } from '../customers/customers-screen';
import { errorMessage } from '../i18n/error-message';
import { useT } from '../i18n/i18n';
import { LoginScreen } from '../login/login-screen';
import { useCartStore } from '../pos/cart.store';
import { PosScreen } from '../pos/pos-screen';
import { ProductsScreen } from '../products/products-screen';
import { useRepairOpenStore } from '../repairs/repair-open.store';
import { RepairsScreen } from '../repairs/repairs-screen';
import { roleMayCall } from '../session/access';
import { canManageCatalog, useSessionStore } from '../session/session.store';
import { SetupScreen } from '../setup/setup-screen';
import { StoreScreen } from '../store/store-screen';
import { SyncScreen } from '../sync/sync-screen';
import { UsersScreen } from '../users/users-screen';
import { useAppStatusStore } from './app-status.store';
import { LanguageSwitch } from './language-switch';
import { type MainView, TopBar } from './top-bar';

export function AppShell() {
  const t = useT();
  const statusState = useAppStatusStore((s) => s.state);
  const loadStatus = useAppStatusStore((s) => s.load);
  const session = useSessionStore((s) => s.session);
  const signIn = useSessionStore((s) => s.signIn);
  const signOut = useSessionStore((s) => s.signOut);
  const [view, setView] = useState<MainView>('pos');
  const repairOpenRequest = useRepairOpenStore((s) => s.request);

  // A repair label scanned on another screen opens the Taller, which then opens the order.
  useEffect(() => {
    if (repairOpenRequest) setView('repairs');
  }, [repairOpenRequest]);

  useEffect(() => {
    void loadStatus();
  }, [loadStatus]);

  const status = statusState.phase === 'ready' ? statusState.status : null;

  if (session) {
    const canManage = canManageCatalog(session);
    const logout = async () => {
      await call('users.logout', {});
      useCartStore.getState().reset();
      setView('pos');
      signOut();
    };
    return (
      <div className="app">
        <TopBar
          status={status}
          session={session}
          view={view}
          canManage={canManage}
          onNavigate={setView}
          onLogout={() => void logout()}
        />
        <main className="app-main">
          {view === 'repairs' ? (
            <RepairsScreen />
          ) : view === 'products' && canManage ? (
            <ProductsScreen />
          ) : view === 'customers' && session.user.role !== 'technician' ? (
            <CustomersScreen isManager={canManage} />
          ) : view === 'sync' && canManage ? (
            <SyncScreen isAdmin={session.user.role === 'admin'} />
          ) : view === 'store' && canManage ? (
            <StoreScreen />
          ) : view === 'users' && roleMayCall(session.user.role, 'users.list') ? (
            <UsersScreen />
          ) : (
            <PosScreen />
          )}
        </main>
      </div>
    );
  }

  if (statusState.phase === 'loading') {
    return (
      <div className="centered-page" data-testid="app-loading">
        <p>{t('app.loading')}</p>
      </div>
    );
  }

  if (statusState.phase === 'failed') {
    return (
      <div className="centered-page" data-testid="app-error">
        <p role="alert">
          {t('app.statusError')} {errorMessage(t, statusState)}
        </p>
        <button type="button" className="button-primary" onClick={() => void loadStatus()}>
          {t('app.retry')}
        </button>
      </div>
    );
  }

  return (
    <div className="app app-public">
      <header className="public-bar no-print">
        <strong>{statusState.status.storeName ?? t('app.name')}</strong>
        <LanguageSwitch />
      </header>
      <main className="app-main">
        {statusState.status.setupRequired ? (
          <SetupScreen
            onDone={(newSession) => {
              signIn(newSession);
              void loadStatus();
            }}
          />
        ) : (
          <LoginScreen onSignedIn={signIn} />
        )}
      </main>
    </div>
  );
}
