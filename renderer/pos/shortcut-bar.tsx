import type { MessageKey } from '../i18n/i18n';
import { useT } from '../i18n/i18n';

export interface Shortcut {
  keys: string;
  label: MessageKey;
  onClick?: () => void;
  disabled?: boolean;
  testId: string;
}

/** Every POS action with its key, on screen; each is also a button for touch screens. */
export function ShortcutBar({ shortcuts }: { shortcuts: readonly Shortcut[] }) {
  const t = useT();
  return (
    <nav className="shortcut-bar no-print" aria-label={t('pos.shortcuts')} data-testid="shortcut-bar">
      {shortcuts.map((s) =>
        s.onClick ? (
          <button
            key={s.testId}
            type="button"
            className="shortcut"
            disabled={s.disabled}
            onMouseDown={(e) => e.preventDefault()}
            onClick={s.onClick}
            data-testid={s.testId}
          >
            <kbd>{s.keys}</kbd> {t(s.label)}
          </button>
        ) : (
          <span key={s.testId} className="shortcut shortcut-info" data-testid={s.testId}>
            <kbd>{s.keys}</kbd> {t(s.label)}
          </span>
        ),
      )}
    </nav>
  );
}
