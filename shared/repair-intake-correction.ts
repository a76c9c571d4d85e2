/**
 * Correcting what the counter typed at intake (`repairs.updateIntake`): which fields may change, what changed, and
 * how the change is told on the timeline. Pure, shared by the core (which writes the event) and the screens (which
 * read it back).
 */

/** The device data taken in at the counter, named as the order's detail names them. */
export const INTAKE_FIELDS = [
  'deviceType',
  'brand',
  'model',
  'imei',
  'serial',
  'accessories',
  'conditionNotes',
  'reportedFault',
  'unlockSecret',
  'promisedAt',
] as const;
export type IntakeField = (typeof INTAKE_FIELDS)[number];

export interface IntakeValues {
  deviceType: string;
  brand: string;
  model: string;
  imei: string | null;
  serial: string | null;
  accessories: readonly string[];
  conditionNotes: string;
  reportedFault: string;
  unlockSecret: string | null;
  /** An ISO instant; compared as an instant, so "-03:00" and "Z" spellings of one moment are the same. */
  promisedAt: string | null;
}

type IntakeValue = IntakeValues[IntakeField];

/**
 * One changed field on the correction's event. The unlock code says only that it changed: its value (old or new)
 * never goes into an event, which every terminal of the store and central keep for good.
 */
export type IntakeFieldChange =
  | { field: Exclude<IntakeField, 'unlockSecret'>; from: IntakeValue; to: IntakeValue }
  | { field: 'unlockSecret'; changed: true };

/**
 * The event's details. The repair_events kind list is a CHECK on every terminal's SQLite, so the correction is a
 * 'note' (as the warranty's mark on its original order is) told apart by `correction`; `text` is what a terminal
 * that does not know corrections yet shows for it.
 */
export interface IntakeCorrectionDetails {
  correction: 'intake';
  text: string;
  changes: IntakeFieldChange[];
}

function instant(value: string): number {
  return Date.parse(value);
}

function sameValue(field: IntakeField, a: IntakeValue, b: IntakeValue): boolean {
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((item, i) => item === b[i]);
  }
  if (field === 'promisedAt' && typeof a === 'string' && typeof b === 'string') return instant(a) === instant(b);
  return a === b;
}

/** The fields of `requested` whose value differs from `current`, in the order of INTAKE_FIELDS. */
export function intakeChanges(current: IntakeValues, requested: Partial<IntakeValues>): IntakeFieldChange[] {
  const changes: IntakeFieldChange[] = [];
  for (const field of INTAKE_FIELDS) {
    if (!Object.hasOwn(requested, field)) continue;
    const to = requested[field];
    if (to === undefined || sameValue(field, current[field], to)) continue;
    changes.push(field === 'unlockSecret' ? { field, changed: true } : { field, from: current[field], to });
  }
  return changes;
}

/** After the correction an order must still be told apart by its IMEI or its serial number. */
export function keepsDeviceIdentity(
  current: Pick<IntakeValues, 'imei' | 'serial'>,
  requested: Partial<Pick<IntakeValues, 'imei' | 'serial'>>,
): boolean {
  const imei = requested.imei === undefined ? current.imei : requested.imei;
  const serial = requested.serial === undefined ? current.serial : requested.serial;
  return imei !== null || serial !== null;
}

function isField(value: unknown): value is IntakeField {
  return typeof value === 'string' && (INTAKE_FIELDS as readonly string[]).includes(value);
}

function isValue(value: unknown): value is IntakeValue {
  return (
    value === null ||
    typeof value === 'string' ||
    (Array.isArray(value) && value.every((item) => typeof item === 'string'))
  );
}

/**
 * The changes a timeline event carries, or null when the event is not an intake correction. Whatever a stored
 * event holds (it came through sync from another terminal), only well-formed changes are returned, and an unlock
 * code's change never with a value.
 */
export function intakeCorrectionOf(details: Record<string, unknown>): IntakeFieldChange[] | null {
  if (details.correction !== 'intake' || !Array.isArray(details.changes)) return null;
  const changes: IntakeFieldChange[] = [];
  for (const item of details.changes as unknown[]) {
    if (typeof item !== 'object' || item === null) continue;
    const { field, from, to } = item as Record<string, unknown>;
    if (!isField(field)) continue;
    if (field === 'unlockSecret') changes.push({ field, changed: true });
    else if (isValue(from) && isValue(to)) changes.push({ field, from, to });
  }
  return changes;
}
