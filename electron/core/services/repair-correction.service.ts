import type { ParsedRequestOf } from '../../../shared/contract/index';
import { CoreError } from '../../../shared/errors';
import {
  type IntakeCorrectionDetails,
  type IntakeFieldChange,
  type IntakeValues,
  intakeChanges,
  keepsDeviceIdentity,
} from '../../../shared/repair-intake-correction';
import { isTerminalRepairStatus } from '../../../shared/repair-status';
import type { CoreContext } from '../core-context';
import type { RepairOrderRow } from '../repositories/repair.repository';
import { type Handlers, requireUser } from '../router/handler.types';
import { changeRepairOrder, type RepairColumns } from './repair-change';
import { parseAccessories } from './repair-view';

type RepairCorrectionHandlers = Pick<Handlers, 'repairs.updateIntake'>;

function intakeValuesOf(order: RepairOrderRow): IntakeValues {
  return {
    deviceType: order.device_type,
    brand: order.brand,
    model: order.model,
    imei: order.imei,
    serial: order.serial,
    accessories: parseAccessories(order.accessories),
    conditionNotes: order.condition_notes,
    reportedFault: order.reported_fault,
    unlockSecret: order.unlock_secret,
    promisedAt: order.promised_at,
  };
}

/** The request's fields as the order stores them: one instant spelling for the promise (UTC, as intake writes it). */
function requestedValues(input: ParsedRequestOf<'repairs.updateIntake'>): Partial<IntakeValues> {
  const { orderId: _order, promisedAt, ...fields } = input;
  if (promisedAt === undefined) return fields;
  return { ...fields, promisedAt: promisedAt === null ? null : new Date(promisedAt).toISOString() };
}

/** Only the changed columns, so a concurrent edit of another column on another terminal merges (SYNC.md). */
function columnsOf(changes: readonly IntakeFieldChange[], requested: Partial<IntakeValues>): RepairColumns {
  const columns: RepairColumns = {};
  for (const { field } of changes) {
    switch (field) {
      case 'deviceType':
        columns.device_type = requested.deviceType;
        break;
      case 'brand':
        columns.brand = requested.brand;
        break;
      case 'model':
        columns.model = requested.model;
        break;
      case 'imei':
        columns.imei = requested.imei;
        break;
      case 'serial':
        columns.serial = requested.serial;
        break;
      case 'accessories':
        columns.accessories = JSON.stringify(requested.accessories);
        break;
      case 'conditionNotes':
        columns.condition_notes = requested.conditionNotes;
        break;
      case 'reportedFault':
        columns.reported_fault = requested.reportedFault;
        break;
      case 'unlockSecret':
        columns.unlock_secret = requested.unlockSecret;
        break;
      case 'promisedAt':
        columns.promised_at = requested.promisedAt;
        break;
    }
  }
  return columns;
}

export function createRepairCorrectionHandlers(ctx: CoreContext): RepairCorrectionHandlers {
  return {
    async 'repairs.updateIntake'(input, call) {
      const user = requireUser(call);
      const requested = requestedValues(input);
      return changeRepairOrder(ctx, user, { orderId: input.orderId, kind: 'repair.intake_correction' }, ({ order }) => {
        // Checked on the row under the write lock: what another terminal changed since the screen opened counts.
        if (isTerminalRepairStatus(order.status)) {
          throw new CoreError('CONFLICT', `repair order ${order.number} is ${order.status}: cannot correct its intake`);
        }
        const current = intakeValuesOf(order);
        if (!keepsDeviceIdentity(current, requested)) {
          const message = 'an IMEI or a serial number is required';
          throw new CoreError('VALIDATION', message, [{ path: 'imei', message }]);
        }
        const changes = intakeChanges(current, requested);
        if (changes.length === 0) return null;
        // `text` is a deliberate es-AR fallback (the default locale): only a terminal of an older version, which
        // does not know corrections, shows it, as it shows any note's text. This version's timeline reads the
        // structured `changes` instead (renderer/repairs/repair-view.ts, intakeCorrectionOf) and words them in the
        // user's language, so an English screen never shows this text.
        const details = {
          correction: 'intake',
          text: 'Corrección de datos del equipo',
          changes,
        } satisfies IntakeCorrectionDetails;
        return { columns: columnsOf(changes, requested), events: [{ kind: 'note', details: { ...details } }] };
      });
    },
  };
}
