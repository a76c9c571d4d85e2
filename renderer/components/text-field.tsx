import { type InputHTMLAttributes, useId } from 'react';
import { FieldMessage, fieldDescriptionId } from './field-message';

interface TextFieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'onChange' | 'value' | 'id'> {
  label: string;
  value: string;
  onChange: (value: string) => void;
  error?: string | undefined;
  hint?: string | undefined;
  testId: string;
}

/** A labelled input with its error under it; the error is linked for screen readers and tests. */
export function TextField({ label, value, onChange, error, hint, testId, className, ...rest }: TextFieldProps) {
  const id = useId();
  const describedBy = fieldDescriptionId(id, error, hint);
  return (
    <div className={className ? `field ${className}` : 'field'}>
      <label htmlFor={id}>{label}</label>
      <input
        {...rest}
        id={id}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        data-testid={testId}
      />
      <FieldMessage id={id} error={error} hint={hint} testId={testId} />
    </div>
  );
}
