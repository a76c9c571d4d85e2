import { TextAreaField } from '../components/text-area-field';
import { TextField } from '../components/text-field';
import { useT } from '../i18n/i18n';
import { AccessoryChecklist, DeviceTypeField, ImeiField } from './repair-device-fields';
import { type AccessoryKey, toggledAccessories } from './repair-intake.model';

/** What came in with the customer, as the intake form and the correction dialog both edit it. */
export interface DeviceValues {
  deviceType: string;
  brand: string;
  model: string;
  imei: string;
  serial: string;
  accessories: AccessoryKey[];
  otherAccessory: string;
  conditionNotes: string;
  reportedFault: string;
}

/** Each form keeps its own test ids, which its end-to-end test drives. */
export type DeviceTestIds = Record<
  'deviceType' | 'brand' | 'model' | 'imei' | 'serial' | 'accessory' | 'condition' | 'fault',
  string
>;

interface DeviceSectionProps {
  values: DeviceValues;
  onChange: (patch: Partial<DeviceValues>) => void;
  error: (field: keyof DeviceValues) => string | undefined;
  testIds: DeviceTestIds;
  /** The correction dialog opens on the model, the field most often mistyped. */
  focusModel?: boolean;
}

/** The device, its accessories, its condition and the fault: one layout for taking a device in and correcting it. */
export function DeviceSection({ values, onChange, error, testIds, focusModel = false }: DeviceSectionProps) {
  const t = useT();
  return (
    <>
      <div className="field-row">
        <DeviceTypeField
          value={values.deviceType}
          onChange={(deviceType) => onChange({ deviceType })}
          error={error('deviceType')}
          testId={testIds.deviceType}
        />
        <TextField
          label={t('repair.brand')}
          value={values.brand}
          onChange={(brand) => onChange({ brand })}
          error={error('brand')}
          testId={testIds.brand}
        />
        <TextField
          label={t('repair.model')}
          value={values.model}
          onChange={(model) => onChange({ model })}
          error={error('model')}
          autoFocus={focusModel}
          testId={testIds.model}
        />
      </div>
      <div className="field-row">
        <ImeiField
          value={values.imei}
          onChange={(imei) => onChange({ imei })}
          error={error('imei')}
          testId={testIds.imei}
        />
        <TextField
          label={t('repair.serial')}
          value={values.serial}
          onChange={(serial) => onChange({ serial })}
          testId={testIds.serial}
        />
      </div>
      <AccessoryChecklist
        selected={values.accessories}
        onToggle={(key) => onChange({ accessories: toggledAccessories(values.accessories, key) })}
        other={values.otherAccessory}
        onOtherChange={(otherAccessory) => onChange({ otherAccessory })}
        testId={testIds.accessory}
      />
      <TextAreaField
        label={t('repair.condition')}
        value={values.conditionNotes}
        onChange={(conditionNotes) => onChange({ conditionNotes })}
        testId={testIds.condition}
      />
      <TextAreaField
        label={t('repair.reportedFault')}
        value={values.reportedFault}
        onChange={(reportedFault) => onChange({ reportedFault })}
        error={error('reportedFault')}
        testId={testIds.fault}
      />
    </>
  );
}
