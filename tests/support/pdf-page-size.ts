/** A PDF page's size in points (1/72 inch), as its MediaBox gives it. */
export interface PdfPageSize {
  width: number;
  height: number;
}

const MM_PER_POINT = 25.4 / 72;

/** Millimetres in points: 80 mm is 226.77 pt, A4's 210 mm is 595.28 pt. */
export function mmToPoints(mm: number): number {
  return mm / MM_PER_POINT;
}

function mediaBoxOf(dictionary: string): PdfPageSize | null {
  const box = /\/MediaBox\s*\[\s*([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s*\]/.exec(dictionary);
  if (!box) return null;
  const [x0, y0, x1, y1] = box.slice(1, 5).map(Number) as [number, number, number, number];
  return { width: Math.abs(x1 - x0), height: Math.abs(y1 - y0) };
}

/**
 * The size of every page of a PDF, in page order of the file, read from the MediaBox of each `/Type /Page`
 * object or, when a page has none, from its page tree (`/Type /Pages`). Enough for the PDFs Chromium writes
 * (Skia: plain objects, no object streams); a PDF whose page objects are compressed away is refused rather than
 * misread.
 */
export function pdfPageSizes(pdf: Uint8Array): PdfPageSize[] {
  const text = Buffer.from(pdf).toString('latin1');
  if (!text.startsWith('%PDF-')) throw new Error('not a PDF: it does not start with %PDF-');
  const objects = [...text.matchAll(/\d+\s+\d+\s+obj\b([\s\S]*?)\bendobj/g)].map((m) => m[1] ?? '');
  const treeBox = objects
    .filter((o) => /\/Type\s*\/Pages\b/.test(o))
    .map(mediaBoxOf)
    .find((b) => b !== null);
  const pages = objects.filter((o) => /\/Type\s*\/Page(?![a-zA-Z])/.test(o));
  if (pages.length === 0) throw new Error('no /Type /Page objects found (compressed object streams are not read)');
  return pages.map((page, index) => {
    const size = mediaBoxOf(page) ?? treeBox;
    if (!size) throw new Error(`page ${index + 1} has no MediaBox, nor has its page tree`);
    return size;
  });
}

/** Each page's width and height in whole millimetres: Chromium rounds page sizes to CSS pixels, so 62 mm is 62.06. */
export function pdfPageSizesMm(pdf: Uint8Array): { widthMm: number; heightMm: number }[] {
  return pdfPageSizes(pdf).map((p) => ({
    widthMm: Math.round(p.width * MM_PER_POINT),
    heightMm: Math.round(p.height * MM_PER_POINT),
  }));
}
