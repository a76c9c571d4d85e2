import { type TextareaHTMLAttributes, useId } from 'react';
import { FieldMessage, fieldDescriptionId } from './field-message';

interface TextAreaFieldProps extends Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'onChange' | 'value' | 'id'> {
  label: string;
  value: string;
  onChange: (value: string) => void;
  error?: string | undefined;
  hint?: string | undefined;
  testId: string;
}

/** TextField for several lines: a labelled textarea with its error or hint under it, linked for screen readers. */
export function TextAreaField({ label, value, onChange, error, hint, testId, rows = 2, ...rest }: TextAreaFieldProps) {
  const id = useId();
  const describedBy = fieldDescriptionId(id, error, hint);
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <textarea
        {...rest}
        id={id}
        rows={rows}
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
