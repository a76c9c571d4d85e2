import { type FormEvent, useState } from 'react';
import type { RepairDetail } from '../../shared/contract/repairs.contract';
import { call } from '../bridge/techstore-bridge';
import { useT } from '../i18n/i18n';
import type { RunRepairAction } from './repair-action';
import { useTechnicians } from './use-technicians';

/** Puts the order on a technician's bench, or takes it off everyone's. */
export function RepairAssignForm({ order, run }: { order: RepairDetail; run: RunRepairAction }) {
  const t = useT();
  const technicians = useTechnicians();
  const [technicianId, setTechnicianId] = useState(order.technician?.id ?? '');
  const unchanged = technicianId === (order.technician?.id ?? '');

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (unchanged) return;
    void run(() => call('repairs.assign', { orderId: order.id, technicianId: technicianId || null }));
  };

  return (
    <form className="repair-form repair-form-inline" onSubmit={submit} data-testid="repair-assign-form">
      <div className="field">
        <label htmlFor="repair-assign">{t('repair.assign.label')}</label>
        <select
          id="repair-assign"
          value={technicianId}
          onChange={(e) => setTechnicianId(e.target.value)}
          data-testid="repair-assign-select"
        >
          <option value="">{t('repair.noTechnician')}</option>
          {technicians.map((u) => (
            <option key={u.id} value={u.id}>
              {u.name}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" className="button-secondary" disabled={unchanged} data-testid="repair-assign-submit">
        {t('repair.assign.save')}
      </button>
    </form>
  );
}
