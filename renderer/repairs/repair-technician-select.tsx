import { useId } from 'react';
import { useTechnicians } from './use-technicians';

interface RepairTechnicianSelectProps {
  label: string;
  /** What the blank choice means here: nobody on the bench, or any technician when filtering. */
  emptyLabel: string;
  value: string;
  onChange: (technicianId: string) => void;
  testId: string;
}

/** The store's technicians as a labelled select; the value is a user id, or '' for the blank choice. */
export function RepairTechnicianSelect({ label, emptyLabel, value, onChange, testId }: RepairTechnicianSelectProps) {
  const technicians = useTechnicians();
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)} data-testid={testId}>
        <option value="">{emptyLabel}</option>
        {technicians.map((u) => (
          <option key={u.id} value={u.id}>
            {u.name}
          </option>
        ))}
      </select>
    </div>
  );
}
