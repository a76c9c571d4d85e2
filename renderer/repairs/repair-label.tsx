import { useEffect, useState } from 'react';
import type { RepairDetail } from '../../shared/contract/repairs.contract';
import { useT } from '../i18n/i18n';
import { repairQrDataUrl } from './repair-qr';
import { deviceLine } from './repair-view';

/** The sticker for the device: the order's QR, its number, the customer and the device (print.css: small label). */
export function RepairLabel({ order }: { order: RepairDetail }) {
  const t = useT();
  const [qr, setQr] = useState<string | null>(null);
  useEffect(() => {
    let stale = false;
    void repairQrDataUrl(order.number).then((url) => {
      if (!stale) setQr(url);
    });
    return () => {
      stale = true;
    };
  }, [order.number]);
  return (
    <article
      className="repair-label repair-label-print"
      data-testid="repair-label"
      data-qr-ready={qr ? 'true' : 'false'}
    >
      {qr ? (
        <img
          className="repair-label-qr"
          src={qr}
          alt={t('repair.label.qrAlt', { number: order.number })}
          data-testid="repair-label-qr"
        />
      ) : null}
      <div className="repair-label-text">
        <strong data-testid="repair-label-number">{order.number}</strong>
        <span>{order.customer.name}</span>
        <span>{deviceLine(order)}</span>
      </div>
    </article>
  );
}
