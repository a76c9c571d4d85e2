import { type KeyboardEvent, useEffect, useRef, useState } from 'react';
import type { UserSummary } from '../../shared/contract/common.schemas';
import type { Customer } from '../../shared/contract/customers.contract';
import { call } from '../bridge/techstore-bridge';
import { useFormat } from '../format/format';
import { useT } from '../i18n/i18n';

/**
 * The manager and PIN of an over-the-limit charge. The managers are loaded once the step is first needed
 * (`active`), and the first one is chosen unless someone already was.
 */
export function useManagerOverride(active: boolean) {
  const [managers, setManagers] = useState<UserSummary[]>([]);
  const [managerId, setManagerId] = useState('');
  const [pin, setPin] = useState('');

  useEffect(() => {
    if (!active || managers.length > 0) return;
    void call('users.listForLogin', {}).then((result) => {
      if (!result.ok) return;
      const list = result.value.users.filter((u) => u.role === 'manager' || u.role === 'admin');
      setManagers(list);
      setManagerId((id) => id || list[0]?.id || '');
    });
  }, [active, managers.length]);

  return { managers, managerId, setManagerId, pin, setPin };
}

interface ManagerOverrideFieldsProps {
  customer: Customer;
  managers: readonly UserSummary[];
  managerId: string;
  pin: string;
  onManagerIdChange: (id: string) => void;
  /** Receives the PIN with anything but digits removed. */
  onPinChange: (pin: string) => void;
  /** Enter in the PIN field. */
  onAuthorize: () => void;
}

/** The warning that the charge takes the customer over the credit limit, and the manager picker + PIN entry. */
export function ManagerOverrideFields({
  customer,
  managers,
  managerId,
  pin,
  onManagerIdChange,
  onPinChange,
  onAuthorize,
}: ManagerOverrideFieldsProps) {
  const t = useT();
  const format = useFormat();
  const pinRef = useRef<HTMLInputElement>(null);

  // Shown only when the step starts: typing goes to the PIN.
  useEffect(() => {
    pinRef.current?.focus();
  }, []);

  const onPinKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      onAuthorize();
    }
  };

  return (
    <div className="pay-manager" data-testid="pay-manager">
      <p className="notice notice-warning">
        {t('pay.overLimit', { name: customer.name, limit: format.money(customer.creditLimit ?? 0) })}
      </p>
      <div className="field-row">
        <div className="field">
          <label htmlFor="pay-manager-id">{t('pay.manager')}</label>
          <select
            id="pay-manager-id"
            value={managerId}
            onChange={(e) => onManagerIdChange(e.target.value)}
            data-testid="manager-select"
          >
            {managers.map((m) => (
              <option key={m.id} value={m.id}>
                {m.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="pay-manager-pin">{t('pay.managerPin')}</label>
          <input
            ref={pinRef}
            id="pay-manager-pin"
            type="password"
            inputMode="numeric"
            autoComplete="off"
            maxLength={8}
            value={pin}
            onChange={(e) => onPinChange(e.target.value.replace(/\D/g, ''))}
            onKeyDown={onPinKeyDown}
            data-testid="manager-pin"
          />
        </div>
      </div>
    </div>
  );
}
