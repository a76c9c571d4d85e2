import { Dialog } from '../components/dialog';
import { useT } from '../i18n/i18n';
import { PaymentsEditor, type PaymentsEditorProps } from './payments-editor';

/** The POS charge: the payments editor in a dialog, F2 from the sale. */
export function PaymentDialog(props: PaymentsEditorProps) {
  const t = useT();
  return (
    <Dialog title={t('pay.title')} onClose={props.busy ? () => undefined : props.onClose} testId="payment-dialog" wide>
      <PaymentsEditor {...props} />
    </Dialog>
  );
}
