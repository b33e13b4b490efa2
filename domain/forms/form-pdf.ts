import type PDFDocument from 'pdfkit';
import type { FormField, FormTemplate, FormValues } from './form-template.js';
import { lazyRequire } from '../../runtime/lazy-require.js';
import { registerPdfFonts } from './pdf-fonts.js';

/** pdfkit, loaded on the first document (or by the warm-up, pdf-warmup.ts). */
export const pdfkit = lazyRequire<typeof PDFDocument>('pdfkit');

/** What the A4 document shows: the tidied values and which fields the choices made visible. */
export interface FormDocumentInput {
  values: FormValues;
  visible: readonly string[];
}

export interface FormPdfOptions {
  /** Fills "{agency}" in the addressee line ("Kính gửi: UBND XÃ MẪU"). */
  agency: string;
  /** When the form was filled: the date by the signature and the PDF's creation date. */
  now: number;
  timeZone?: string;
}

/** 1 mm in PDF points. */
const MM = 72 / 25.4;
/** Margins of administrative documents (Nghị định 30/2020/NĐ-CP): top/bottom 20 mm, left 30 mm, right 15 mm. */
const MARGINS = { top: 20 * MM, bottom: 20 * MM, left: 30 * MM, right: 15 * MM };
const BODY = 12;
/** Points between the lines of a field: the commune's forms fit one A4 page as the official ones do. */
const LINE_GAP = 1;
/** Room to sign by hand above the printed name (about 18 mm). */
const SIGN_SPACE = 52;

type Doc = InstanceType<typeof PDFDocument>;

/**
 * The form as an A4 PDF in the official layout: quốc hiệu and tiêu ngữ, title, addressee, the
 * sections' fields (blank ones dotted for handwriting), the commitment and the signature block.
 * Be Vietnam Pro is embedded (subset), so the Vietnamese text prints and can be extracted. Long
 * values shrink, then wrap within the text column.
 */
export async function renderFormPdf(
  template: FormTemplate,
  input: FormDocumentInput,
  options: FormPdfOptions,
): Promise<Buffer> {
  const doc = new (pdfkit())({
    size: 'A4',
    margins: MARGINS,
    bufferPages: true,
    info: {
      Title: template.title,
      Subject: `${template.shortTitle} (${template.procedures.join(', ')})`,
      Creator: 'smart-kiosk',
      CreationDate: new Date(options.now),
    },
    lang: 'vi-VN',
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  registerPdfFonts(doc);

  nationalHeader(doc);
  doc.moveDown(0.9);
  doc.font('bold').fontSize(14).text(template.title, { align: 'center' });
  doc.moveDown(0.3);
  const addressee = template.addressee.replace('{agency}', options.agency);
  doc.font('regular').fontSize(BODY).text(`Kính gửi: ${addressee}`, { align: 'center' });
  doc.moveDown(0.6);

  const visible = new Set(input.visible);
  for (const section of template.sections) {
    const fields = section.fields.filter((f) => visible.has(f.id));
    if (fields.length === 0) continue;
    keepTogether(doc, 3 * BODY * 1.4);
    doc.moveDown(0.2);
    doc.font('bold').fontSize(BODY).text(section.title.toUpperCase());
    for (let i = 0; i < fields.length; i++) {
      const f = fields[i];
      const next = fields[i + 1];
      if (!f) continue;
      // Two short fields share a line, as the official forms set "Giới tính: … Dân tộc: …".
      if (next && fitsHalf(doc, f, input.values[f.id]) && fitsHalf(doc, next, input.values[next.id])) {
        fieldPair(doc, [f, next], input.values);
        i++;
      } else fieldLine(doc, f, input.values[f.id]);
    }
  }
  doc.moveDown(0.5);
  // The commitment goes with the signature: never "Tôi cam đoan…" on one page, the signer on the next.
  const declaration = { width: contentWidth(doc), align: 'justify' as const, indent: 10 * MM };
  doc.font('regular').fontSize(BODY);
  keepTogether(doc, doc.heightOfString(template.declaration, declaration) + signatureHeight(doc, template));
  doc.text(template.declaration, MARGINS.left, doc.y, declaration);
  signatureBlock(doc, template, input.values, options);
  footers(doc, template);
  doc.end();
  return done;
}

function contentWidth(doc: Doc): number {
  return doc.page.width - MARGINS.left - MARGINS.right;
}

function nationalHeader(doc: Doc): void {
  doc.font('bold').fontSize(13).text('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', { align: 'center' });
  doc.font('bold').fontSize(14).text('Độc lập - Tự do - Hạnh phúc', { align: 'center' });
  // The short rule under the motto, as long as the motto.
  const w = doc.widthOfString('Độc lập - Tự do - Hạnh phúc');
  const x = MARGINS.left + (contentWidth(doc) - w) / 2;
  const y = doc.y + 2;
  doc
    .moveTo(x, y)
    .lineTo(x + w, y)
    .lineWidth(0.8)
    .stroke();
  doc.y = y + 4;
}

/** Starts a new page when less than `height` points are left. */
function keepTogether(doc: Doc, height: number): void {
  if (doc.y + height > doc.page.height - MARGINS.bottom) doc.addPage();
}

/** Room between the two fields of a shared line. */
const PAIR_GAP = 6 * MM;

/** Label and value (or a short dotted blank) fit one line in half the text column. */
function fitsHalf(doc: Doc, field: FormField, value: string | undefined): boolean {
  // A person's name has its own line, as on the official forms.
  if (field.type === 'name') return false;
  const half = (contentWidth(doc) - PAIR_GAP) / 2;
  doc.fontSize(BODY);
  const label = doc.font('regular').widthOfString(`${field.label}: `);
  const rest = value
    ? doc.font('bold').widthOfString(value)
    : doc.font('regular').widthOfString('.'.repeat(12));
  return label + rest <= half;
}

/** Two fields on one line, each in its half of the column (a blank one dotted to the half's end). */
function fieldPair(doc: Doc, fields: [FormField, FormField], values: FormValues): void {
  const half = (contentWidth(doc) - PAIR_GAP) / 2;
  const top = doc.y;
  let bottom = top;
  fields.forEach((field, n) => {
    const x = MARGINS.left + n * (half + PAIR_GAP);
    const value = values[field.id];
    const label = `${field.label}: `;
    doc.fontSize(BODY);
    if (value) {
      doc.font('regular').text(label, x, top, { width: half, continued: true, lineGap: LINE_GAP });
      doc.font('bold').text(value, { width: half, lineGap: LINE_GAP });
    } else {
      doc.font('regular');
      const room = half - doc.widthOfString(label) - 2;
      const dots = '.'.repeat(Math.max(3, Math.floor(room / doc.widthOfString('.'))));
      doc.text(`${label}${dots}`, x, top, { width: half, lineGap: LINE_GAP });
    }
    bottom = Math.max(bottom, doc.y);
  });
  doc.x = MARGINS.left;
  doc.y = bottom;
}

/** "Label: value", shrunk to fit three lines when long; a blank field gets a dotted line. */
function fieldLine(doc: Doc, field: FormField, value: string | undefined): void {
  const width = contentWidth(doc);
  const label = `${field.label}: `;
  doc.x = MARGINS.left;
  if (!value) {
    doc.font('regular').fontSize(BODY);
    const dot = doc.widthOfString('.');
    const room = width - doc.widthOfString(label) - 2;
    doc.text(`${label}${'.'.repeat(Math.max(3, Math.floor(room / dot)))}`, { width, lineGap: LINE_GAP });
    return;
  }
  let size = BODY;
  for (; size > 9; size -= 0.5) {
    doc.fontSize(size);
    const total = doc.font('regular').widthOfString(label) + doc.font('bold').widthOfString(value);
    if (total <= width * 3 * 0.92) break;
  }
  doc.fontSize(size).font('regular').text(label, { width, continued: true, lineGap: LINE_GAP });
  doc.font('bold').text(value, { width, lineGap: LINE_GAP });
}

/** Height of the signature block: date, title, note, the room to sign, the name. */
function signatureHeight(doc: Doc, template: FormTemplate): number {
  doc.font('regular').fontSize(BODY);
  const line = doc.currentLineHeight(true);
  // 0.6 of a line above it, then the date, the title, the note and the name.
  return line * (template.signature.note ? 4.6 : 3.6) + SIGN_SPACE;
}

function signatureBlock(doc: Doc, template: FormTemplate, values: FormValues, options: FormPdfOptions): void {
  doc.moveDown(0.6);
  const width = contentWidth(doc) / 2;
  const x = MARGINS.left + width;
  const top = doc.y;
  const [day, month, year] = localDate(options.now, options.timeZone);
  doc.font('italic').fontSize(BODY).text(`…………, ngày ${day} tháng ${month} năm ${year}`, x, top, {
    width,
    align: 'center',
  });
  const signers = template.signature.signers;
  if (!signers) {
    doc.font('bold').text(template.signature.title.toUpperCase(), x, doc.y, { width, align: 'center' });
    if (template.signature.note)
      doc.font('italic').text(template.signature.note, x, doc.y, { width, align: 'center' });
    const signer = signerName(template, values);
    doc.y += SIGN_SPACE;
    if (signer) doc.font('bold').text(signer, x, doc.y, { width, align: 'center' });
    doc.x = MARGINS.left;
    return;
  }
  // Side by side under the date, each with their own name (kết hôn: bên nữ, bên nam).
  const column = contentWidth(doc) / signers.length;
  const heads = doc.y + 4;
  let names = heads;
  signers.forEach((s, n) => {
    const cx = MARGINS.left + n * column;
    doc.font('bold').text(s.title.toUpperCase(), cx, heads, { width: column, align: 'center' });
    if (template.signature.note)
      doc.font('italic').text(template.signature.note, cx, doc.y, { width: column, align: 'center' });
    names = Math.max(names, doc.y + SIGN_SPACE);
  });
  signers.forEach((s, n) => {
    const name = values[s.field];
    if (name)
      doc.font('bold').text(name, MARGINS.left + n * column, names, { width: column, align: 'center' });
  });
  doc.x = MARGINS.left;
}

/** The requester's name: the first name field filled from the card. */
function signerName(template: FormTemplate, values: FormValues): string | undefined {
  for (const s of template.sections)
    for (const f of s.fields)
      if (f.type === 'name' && f.prefill === 'fullName' && values[f.id]) return values[f.id];
  return undefined;
}

function footers(doc: Doc, template: FormTemplate): void {
  const range = doc.bufferedPageRange();
  for (let i = 0; i < range.count; i++) {
    doc.switchToPage(range.start + i);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    const lines = [
      template.model,
      `Điền tại kiosk: mẫu ${template.id}, phiên bản ${template.version}. Trang ${i + 1}/${range.count}`,
    ];
    doc.font('italic').fontSize(8).fillColor('#444444');
    lines.forEach((line, n) =>
      doc.text(line, MARGINS.left, doc.page.height - bottom + 5 * MM + n * 10, {
        width: contentWidth(doc),
        align: 'center',
        lineBreak: false,
      }),
    );
    doc.fillColor('black');
    doc.page.margins.bottom = bottom;
  }
}

function localDate(now: number, timeZone = 'Asia/Ho_Chi_Minh'): [string, string, string] {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
  })
    .format(new Date(now))
    .split('/');
  return [parts[0] ?? '', parts[1] ?? '', parts[2] ?? ''];
}
