import { useId } from 'react';
import { TextField } from '../components/text-field';
import { useT } from '../i18n/i18n';
import { ACCESSORY_KEYS, type AccessoryKey, imeiFeedback } from './repair-intake.model';

/**
 * The device fields the counter fills at intake and corrects later, one markup for both forms. Test ids are the
 * caller's prefix plus the field ("repair-correct" + "-imei"), so two forms never share one.
 */

const DEVICE_TYPES = ['phone', 'tablet', 'notebook', 'console', 'other'] as const;

interface FieldProps {
  value: string;
  onChange: (value: string) => void;
  error?: string | undefined;
  testId: string;
}

/** Free text with the usual device types offered as suggestions. */
export function DeviceTypeField({ value, onChange, error, testId }: FieldProps) {
  const t = useT();
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{t('repair.deviceType')}</label>
      <input
        id={id}
        list={`${id}-types`}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        data-testid={testId}
      />
      <datalist id={`${id}-types`}>
        {DEVICE_TYPES.map((type) => (
          <option key={type} value={t(`repair.deviceType.${type}`)} />
        ))}
      </datalist>
      {error ? (
        <span id={`${id}-error`} className="field-error" data-testid={`${testId}-error`}>
          {error}
        </span>
      ) : null}
    </div>
  );
}

/** The IMEI checked digit by digit as it is typed or scanned; `error` is what the form found on saving. */
export function ImeiField({ value, onChange, error, testId }: FieldProps) {
  const t = useT();
  const id = useId();
  const state = imeiFeedback(value);
  const message =
    error ??
    (state === 'check_digit' ? t('repair.imei.checkDigit') : state === 'format' ? t('repair.imei.format') : null);
  return (
    <div className="field">
      <label htmlFor={id}>{t('repair.imei')}</label>
      <input
        id={id}
        inputMode="numeric"
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={message ? true : undefined}
        aria-describedby={`${id}-status`}
        autoComplete="off"
        data-testid={testId}
        data-imei-state={state}
      />
      {message ? (
        <span id={`${id}-status`} className="field-error" data-testid={`${testId}-status`}>
          {message}
        </span>
      ) : state === 'ok' ? (
        <span id={`${id}-status`} className="field-ok" data-testid={`${testId}-status`}>
          {t('repair.imei.ok')}
        </span>
      ) : (
        <span id={`${id}-status`} className="field-hint">
          {t('repair.imei.hint')}
        </span>
      )}
    </div>
  );
}

interface AccessoryChecklistProps {
  selected: readonly AccessoryKey[];
  onToggle: (key: AccessoryKey) => void;
  other: string;
  onOtherChange: (value: string) => void;
  testId: string;
}

/** Large checkboxes (touch) in Tab order (keyboard); "Otro" asks what. */
export function AccessoryChecklist({ selected, onToggle, other, onOtherChange, testId }: AccessoryChecklistProps) {
  const t = useT();
  return (
    <fieldset className="repair-accessories">
      <legend>{t('repair.accessories')}</legend>
      {ACCESSORY_KEYS.map((key) => (
        <label key={key} className="checkbox-field repair-accessory">
          <input
            type="checkbox"
            checked={selected.includes(key)}
            onChange={() => onToggle(key)}
            data-testid={`${testId}-${key}`}
          />
          {t(`repair.accessory.${key}`)}
        </label>
      ))}
      {selected.includes('other') ? (
        <TextField
          label={t('repair.accessory.otherWhat')}
          value={other}
          onChange={onOtherChange}
          testId={`${testId}-other-text`}
        />
      ) : null}
    </fieldset>
  );
}
