import { type FormEvent, useState } from 'react';
import type { RepairDetail } from '../../shared/contract/repairs.contract';
import { newId } from '../../shared/ids';
import { call } from '../bridge/techstore-bridge';
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
      <div className="field">
        <label htmlFor="repair-note">{t('repair.note.title')}</label>
        <textarea
          id="repair-note"
          rows={2}
          value={text}
          onChange={(e) => setText(e.target.value)}
          data-testid="repair-note-input"
        />
      </div>
      <button type="submit" className="button-secondary" disabled={text.trim() === ''} data-testid="repair-note-submit">
        {t('repair.note.add')}
      </button>
    </form>
  );
}
