import { useT } from '../i18n/i18n';

const DIGITS = ['1', '2', '3', '4', '5', '6', '7', '8', '9'] as const;

interface PinPadProps {
  length: number;
  disabled: boolean;
  onDigit: (digit: string) => void;
  onClear: () => void;
  onSubmit: () => void;
}

/** Big on-screen keys for a touch screen; the physical keyboard is handled by the login screen. */
export function PinPad({ length, disabled, onDigit, onClear, onSubmit }: PinPadProps) {
  const t = useT();
  const digitKey = (digit: string) => (
    <button
      key={digit}
      type="button"
      className="pin-key"
      disabled={disabled}
      onClick={() => onDigit(digit)}
      aria-label={t('pin.digit', { digit })}
      data-testid={`pin-key-${digit}`}
    >
      {digit}
    </button>
  );
  return (
    <div className="pin-pad">
      <output className="pin-display" aria-label={t('login.pinLabel')} data-testid="pin-display" data-length={length}>
        {length === 0 ? '\u00a0' : '●'.repeat(length)}
      </output>
      <div className="pin-keys">
        {DIGITS.map(digitKey)}
        <button
          type="button"
          className="pin-key pin-key-secondary"
          disabled={disabled}
          onClick={onClear}
          data-testid="pin-key-clear"
        >
          {t('pin.clear')}
        </button>
        {digitKey('0')}
        <button
          type="button"
          className="pin-key pin-key-ok"
          disabled={disabled || length === 0}
          onClick={onSubmit}
          data-testid="pin-key-ok"
        >
          {t('pin.ok')}
        </button>
      </div>
    </div>
  );
}
