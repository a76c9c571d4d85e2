import QRCode from 'qrcode';

/**
 * The label's QR as an SVG data URL. The QR carries the bare order number (`R-T01-000012`): what
 * shared/repair-scan.ts reads back from a scanner. SVG stays sharp at any label printer's resolution; the CSP
 * allows `data:` images and nothing else from outside.
 */
export async function repairQrDataUrl(number: string): Promise<string> {
  const svg = await QRCode.toString(number, { type: 'svg', errorCorrectionLevel: 'M', margin: 1 });
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
}
