import { DEPOSIT_METHODS } from '../../shared/contract/repairs.contract';
import { TextField } from '../components/text-field';
import { useT } from '../i18n/i18n';
import { type DepositMethod, depositMethodLabel, depositTakesReference } from './repair-intake.model';

interface RepairDepositMethodFieldsProps {
  method: DepositMethod;
  reference: string;
  referenceError: string | undefined;
  onMethodChange: (method: DepositMethod) => void;
  onReferenceChange: (reference: string) => void;
}

/**
 * How the seña is paid, with the POS payment dialog's buttons (large enough to touch, Tab + Space or Enter by
 * keyboard) and its words, and the reference field it shows for cards and transfers.
 */
export function RepairDepositMethodFields({
  method,
  reference,
  referenceError,
  onMethodChange,
  onReferenceChange,
}: RepairDepositMethodFieldsProps) {
  const t = useT();
  return (
    <div className="field-row">
      <fieldset className="pay-methods repair-deposit-methods" data-testid="repair-deposit-methods">
        <legend>{t('repair.deposit.method')}</legend>
        {DEPOSIT_METHODS.map((m) => (
          <button
            key={m}
            type="button"
            aria-pressed={method === m}
            className={method === m ? 'pay-method pay-method-active' : 'pay-method'}
            onClick={() => onMethodChange(m)}
            data-testid={`repair-deposit-method-${m}`}
          >
            {t(depositMethodLabel(m))}
          </button>
        ))}
      </fieldset>
      {depositTakesReference(method) ? (
        <TextField
          label={t('pay.reference')}
          value={reference}
          onChange={onReferenceChange}
          error={referenceError}
          maxLength={80}
          autoComplete="off"
          // It appears when card or transfer is chosen: the voucher number is what is typed next.
          autoFocus
          testId="repair-deposit-reference"
        />
      ) : null}
    </div>
  );
}
