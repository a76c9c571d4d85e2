import type { IntakeField, IntakeFieldChange } from '../../shared/repair-intake-correction';
import type { Formatters } from '../format/format';
import type { MessageKey, Translate } from '../i18n/i18n';

/** The field's name as the intake form labels it. */
const FIELD_LABEL: Record<IntakeField, MessageKey> = {
  deviceType: 'repair.deviceType',
  brand: 'repair.brand',
  model: 'repair.model',
  imei: 'repair.imei',
  serial: 'repair.serial',
  accessories: 'repair.accessories',
  conditionNotes: 'repair.condition',
  reportedFault: 'repair.reportedFault',
  unlockSecret: 'repair.unlock',
  promisedAt: 'repair.promisedAt',
};

function valueText(
  change: Exclude<IntakeFieldChange, { field: 'unlockSecret' }>,
  value: string | readonly string[] | null,
  t: Translate,
  format: Pick<Formatters, 'dateTime'>,
): string {
  if (Array.isArray(value)) return value.length > 0 ? value.join(', ') : t('repair.accessories.none');
  if (change.field === 'promisedAt')
    return typeof value === 'string' ? format.dateTime(value) : t('repair.promisedAt.none');
  return typeof value === 'string' && value !== '' ? value : t('repair.timeline.correction.empty');
}

/**
 * A correction of the intake's data on the timeline: "Datos del equipo corregidos: Modelo: Galaxy A54 → Galaxy
 * A55 · Código o patrón de desbloqueo: cambiado". The unlock code's event carries no value, so none is shown.
 */
export function intakeCorrectionText(
  changes: readonly IntakeFieldChange[],
  t: Translate,
  format: Pick<Formatters, 'dateTime'>,
): string {
  const parts = changes.map((change) => {
    const field = t(FIELD_LABEL[change.field]);
    if (change.field === 'unlockSecret') return t('repair.timeline.correction.secret', { field });
    return t('repair.timeline.correction.change', {
      field,
      from: valueText(change, change.from, t, format),
      to: valueText(change, change.to, t, format),
    });
  });
  return t('repair.timeline.correction', { changes: parts.join(' · ') });
}
