import { type FormEvent, useState } from 'react';
import type { RepairDetail } from '../../shared/contract/repairs.contract';
import { newId } from '../../shared/ids';
import { call } from '../bridge/techstore-bridge';
import { TextAreaField } from '../components/text-area-field';
import { useT } from '../i18n/i18n';
import type { RunRepairAction } from './repair-action';

/** A note on the timeline: a call to the customer, what was seen on the bench. */
export function RepairNoteForm({ order, run }: { order: RepairDetail; run: RunRepairAction }) {
  const t = useT();
  const [text, setText] = useState('');
  const [eventId, setEventId] = useState(newId);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (text.trim() === '') return;
    const ok = await run(() => call('repairs.addNote', { orderId: order.id, eventId, text }));
    if (ok) {
      setText('');
      setEventId(newId());
    }
  };

  return (
    <form className="repair-form" onSubmit={(e) => void submit(e)} data-testid="repair-note-form">
      <TextAreaField label={t('repair.note.title')} value={text} onChange={setText} testId="repair-note-input" />
      <button type="submit" className="button-secondary" disabled={text.trim() === ''} data-testid="repair-note-submit">
        {t('repair.note.add')}
      </button>
    </form>
  );
}
