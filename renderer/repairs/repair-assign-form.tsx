import { type FormEvent, useState } from 'react';
import type { RepairDetail } from '../../shared/contract/repairs.contract';
import { call } from '../bridge/techstore-bridge';
import { useT } from '../i18n/i18n';
import type { RunRepairAction } from './repair-action';
import { RepairTechnicianSelect } from './repair-technician-select';

/** Puts the order on a technician's bench, or takes it off everyone's. */
export function RepairAssignForm({ order, run }: { order: RepairDetail; run: RunRepairAction }) {
  const t = useT();
  const [technicianId, setTechnicianId] = useState(order.technician?.id ?? '');
  const unchanged = technicianId === (order.technician?.id ?? '');

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (unchanged) return;
    void run(() => call('repairs.assign', { orderId: order.id, technicianId: technicianId || null }));
  };

  return (
    <form className="repair-form repair-form-inline" onSubmit={submit} data-testid="repair-assign-form">
      <RepairTechnicianSelect
        label={t('repair.assign.label')}
        emptyLabel={t('repair.noTechnician')}
        value={technicianId}
        onChange={setTechnicianId}
        testId="repair-assign-select"
      />
      <button type="submit" className="button-secondary" disabled={unchanged} data-testid="repair-assign-submit">
        {t('repair.assign.save')}
      </button>
    </form>
  );
}
