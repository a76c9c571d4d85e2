import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../../support/browser-chromium';
import { mmToPoints, pdfPageSizes, pdfPageSizesMm } from '../../support/pdf-page-size';

/**
 * The MediaBox reader on PDFs Debian's Chromium writes the way the e2e tests save them (page.pdf with
 * preferCSSPageSize), so the helper is tested on the real format and not on a hand-made imitation.
 */

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
}, 60_000);
afterAll(async () => {
  await browser?.close();
});

async function printed(css: string, body: string): Promise<Buffer> {
  const page = await browser.newPage();
  try {
    await page.setContent(`<!doctype html><html><head><style>${css}</style></head><body>${body}</body></html>`);
    return await page.pdf({ preferCSSPageSize: true, printBackground: true });
  } finally {
    await page.close();
  }
}

const lines = (count: number) => Array.from({ length: count }, (_, i) => `<p>línea ${i + 1}</p>`).join('');

describe('pdf page sizes', () => {
  it('converts millimetres to points as the ticket sizes need', () => {
    expect(mmToPoints(80)).toBeCloseTo(226.77, 2);
    expect(mmToPoints(210)).toBeCloseTo(595.28, 2);
    expect(mmToPoints(62)).toBeCloseTo(175.75, 2);
  });

  it('reads every page of an 80 × 297 mm ticket that runs onto a second page', async () => {
    const pdf = await printed('@page { size: 80mm 297mm; margin: 0 } p { margin: 0; height: 10mm }', lines(40));
    expect(pdfPageSizesMm(pdf)).toEqual([
      { widthMm: 80, heightMm: 297 },
      { widthMm: 80, heightMm: 297 },
    ]);
    for (const size of pdfPageSizes(pdf)) expect(size.width).toBeCloseTo(mmToPoints(80), 0);
  });

  it('shows why `80mm auto` printed Letter: Chromium drops the invalid size', async () => {
    const pdf = await printed('@page { size: 80mm auto; margin: 0 }', lines(1));
    expect(pdfPageSizes(pdf)).toEqual([{ width: 612, height: 792 }]);
  });

  it('reads a named page (A4, a 62 × 29 mm label) where the document switches to it', async () => {
    const css = `@page { size: 80mm 297mm } @page a4 { size: A4 } @page label { size: 62mm 29mm; margin: 0 }
      .a4 { page: a4 } .label { page: label; height: 20mm }`;
    const pdf = await printed(css, '<div>ticket</div><div class="a4">statement</div><div class="label">R-1</div>');
    expect(pdfPageSizesMm(pdf)).toEqual([
      { widthMm: 80, heightMm: 297 },
      { widthMm: 210, heightMm: 297 },
      { widthMm: 62, heightMm: 29 },
    ]);
  });

  it('takes the page tree’s MediaBox for a page that has none', () => {
    const pdf = Buffer.from(
      '%PDF-1.4\n1 0 obj\n<< /Type /Pages /Kids [2 0 R] /Count 1 /MediaBox [0 0 226.77 841.89] >>\nendobj\n' +
        '2 0 obj\n<< /Type /Page /Parent 1 0 R >>\nendobj\n%%EOF\n',
      'latin1',
    );
    expect(pdfPageSizesMm(pdf)).toEqual([{ widthMm: 80, heightMm: 297 }]);
  });

  it('refuses what it cannot read instead of guessing', () => {
    expect(() => pdfPageSizes(Buffer.from('<html></html>'))).toThrow(/not a PDF/);
    expect(() => pdfPageSizes(Buffer.from('%PDF-1.7\n%%EOF\n'))).toThrow(/no \/Type \/Page/);
  });
});
