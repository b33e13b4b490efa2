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
  return (loaded ??= { regular: pdfFace('regular'), bold: pdfFace('bold'), italic: pdfFace('italic') });
}

const faces: Partial<PdfFonts> = {};

/**
 * One face, parsed once per process (the first also loads fontkit): the A4 warm-up
 * (pdf-warmup.ts) parses them one at a time, so no step of it holds the event loop long.
 */
export function pdfFace(name: keyof PdfFonts): Font {
  return (faces[name] ??= open(
    name === 'bold' ? fontFile(700) : name === 'italic' ? fontFile(400, true) : fontFile(400),
  ));
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
