import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { AppShell } from './app/app-shell';
import { useLocaleStore } from './i18n/locale.store';
import './styles/app.css';
import './styles/print.css';

document.documentElement.lang = useLocaleStore.getState().locale;

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <AppShell />
    </StrictMode>,
  );
}
