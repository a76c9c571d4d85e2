import { TextField } from '../components/text-field';

interface PinFieldProps {
  label: string;
  value: string;
  /** Called with digits only: whatever else is typed or pasted never reaches the form. */
  onChange: (digits: string) => void;
  error?: string | undefined;
  /** 'current' for the PIN one already has, so a password manager offers it; 'new' for one being chosen. */
  purpose: 'current' | 'new';
  autoFocus?: boolean;
  testId: string;
}

/** Only digits reach a PIN field, whatever was typed or pasted. */
function digitsOnly(value: string): string {
  return value.replace(/\D/g, '').slice(0, 8);
}

/** A PIN as every users dialog asks for it: masked, a numeric keypad on touch screens, at most 8 digits. */
export function PinField({ label, value, onChange, error, purpose, autoFocus, testId }: PinFieldProps) {
  return (
    <TextField
      label={label}
      type="password"
      inputMode="numeric"
      autoComplete={purpose === 'current' ? 'current-password' : 'new-password'}
      maxLength={8}
      value={value}
      onChange={(v) => onChange(digitsOnly(v))}
      error={error}
      autoFocus={autoFocus}
      testId={testId}
    />
  );
}
