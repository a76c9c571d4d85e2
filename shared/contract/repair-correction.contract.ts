import { z } from 'zod';
import { channel } from './channel';
import { idSchema } from './common.schemas';
import { everyone, repairDetailSchema, repairIntakeSchema } from './repairs.contract';

/*
 * Correcting the device data typed at intake (a wrong model, IMEI, serial, accessories, condition, fault, unlock
 * code or promised date). Each field is checked by the intake's own schema, so a corrected IMEI passes the same
 * Luhn check and the same trimming and lengths apply.
 */

const intake = repairIntakeSchema.shape;
const device = intake.device.shape;

/** Only the fields that change; a field left out keeps its value, null clears a field that may be empty. */
export const repairIntakeCorrectionSchema = z
  .strictObject({
    orderId: idSchema,
    deviceType: device.type.optional(),
    brand: device.brand.optional(),
    model: device.model.optional(),
    imei: device.imei.unwrap().optional(),
    serial: device.serial.unwrap().optional(),
    accessories: intake.accessories.unwrap().optional(),
    conditionNotes: intake.conditionNotes.unwrap().optional(),
    reportedFault: intake.reportedFault.optional(),
    /** Null removes it. Its value never goes into the correction's event. */
    unlockSecret: intake.unlockSecret.unwrap().optional(),
    promisedAt: intake.promisedAt.unwrap().optional(),
  })
  .refine((input) => !(input.imei === null && input.serial === null), {
    path: ['imei'],
    message: 'an IMEI or a serial number is required',
  });
export type RepairIntakeCorrectionInput = z.input<typeof repairIntakeCorrectionSchema>;

export const repairCorrectionContract = {
  /**
   * The roles that take devices in (the counter) and the bench. Refused with CONFLICT once the order is delivered
   * or cancelled; a request that changes nothing writes nothing.
   */
  'repairs.updateIntake': channel({
    access: everyone,
    mutates: true,
    request: repairIntakeCorrectionSchema,
    response: repairDetailSchema,
  }),
};
