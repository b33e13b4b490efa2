import { readFileSync } from 'node:fs';
import type { Font } from 'fontkit';
import { fontFile } from '../../runtime/fonts.js';
import { lazyRequire } from '../../runtime/lazy-require.js';

const fontkit = lazyRequire<typeof import('fontkit')>('fontkit');

/** The three faces the A4 documents use, as pdfkit's `registerFont` takes them. */
export interface PdfFonts {
  regular: Font;
  bold: Font;
  italic: Font;
}

let loaded: PdfFonts | undefined;

/**
 * Be Vietnam Pro parsed once per process and handed to every document. pdfkit given a file path
 * reads and parses the TTF again for each PDF and starts with empty glyph and layout caches; a
 * parsed fontkit font keeps them, so the second form renders at a fraction of the first one's cost
 * (bench forms: PDF per page). Each document still makes and embeds its own subset.
 */
export function pdfFonts(): PdfFonts {
  return (loaded ??= {
    regular: open(fontFile(400)),
    bold: open(fontFile(700)),
    italic: open(fontFile(400, true)),
  });
}

/**
 * Registers the parsed faces as 'regular', 'bold' and 'italic' on a document. pdfkit 0.20 takes a
 * parsed fontkit font where a path or bytes go (PDFFontFactory: an object with `layout`);
 * @types/pdfkit 0.17 lists only paths and bytes, hence the one cast.
 */
export function registerPdfFonts(doc: PDFKit.PDFDocument): void {
  const fonts = pdfFonts();
  for (const [name, font] of Object.entries(fonts))
    doc.registerFont(name, font as unknown as PDFKit.Mixins.PDFFontSource);
}

function open(path: string): Font {
  const font = fontkit().create(readFileSync(path));
  if (!('layout' in font)) throw new TypeError(`${path} is a font collection, not one font`);
  return font;
}
