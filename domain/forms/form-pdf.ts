import type PDFDocument from 'pdfkit';
import type { FormField, FormTemplate, FormValues } from './form-template.js';
import { lazyRequire } from '../../runtime/lazy-require.js';
import { registerPdfFonts } from './pdf-fonts.js';

const pdfkit = lazyRequire<typeof PDFDocument>('pdfkit');

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
  doc.moveDown(1.2);
  doc.font('bold').fontSize(14).text(template.title, { align: 'center' });
  doc.moveDown(0.5);
  const addressee = template.addressee.replace('{agency}', options.agency);
  doc.font('regular').fontSize(BODY).text(`Kính gửi: ${addressee}`, { align: 'center' });
  doc.moveDown(0.8);

  const visible = new Set(input.visible);
  for (const section of template.sections) {
    const fields = section.fields.filter((f) => visible.has(f.id));
    if (fields.length === 0) continue;
    keepTogether(doc, 3 * BODY * 1.4);
    doc.moveDown(0.3);
    doc.font('bold').fontSize(BODY).text(section.title.toUpperCase());
    for (const f of fields) fieldLine(doc, f, input.values[f.id]);
  }
  doc.moveDown(0.8);
  doc
    .font('regular')
    .fontSize(BODY)
    .text(template.declaration, MARGINS.left, doc.y, {
      width: contentWidth(doc),
      align: 'justify',
      indent: 10 * MM,
    });
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

/** "Label: value", shrunk to fit three lines when long; a blank field gets a dotted line. */
function fieldLine(doc: Doc, field: FormField, value: string | undefined): void {
  const width = contentWidth(doc);
  const label = `${field.label}: `;
  doc.x = MARGINS.left;
  if (!value) {
    doc.font('regular').fontSize(BODY);
    const dot = doc.widthOfString('.');
    const room = width - doc.widthOfString(label) - 2;
    doc.text(`${label}${'.'.repeat(Math.max(3, Math.floor(room / dot)))}`, { width, lineGap: 2 });
    return;
  }
  let size = BODY;
  for (; size > 9; size -= 0.5) {
    doc.fontSize(size);
    const total = doc.font('regular').widthOfString(label) + doc.font('bold').widthOfString(value);
    if (total <= width * 3 * 0.92) break;
  }
  doc.fontSize(size).font('regular').text(label, { width, continued: true, lineGap: 2 });
  doc.font('bold').text(value, { width, lineGap: 2 });
}

function signatureBlock(doc: Doc, template: FormTemplate, values: FormValues, options: FormPdfOptions): void {
  keepTogether(doc, 150);
  doc.moveDown(1);
  const width = contentWidth(doc) / 2;
  const x = MARGINS.left + width;
  const top = doc.y;
  const [day, month, year] = localDate(options.now, options.timeZone);
  doc.font('italic').fontSize(BODY).text(`…………, ngày ${day} tháng ${month} năm ${year}`, x, top, {
    width,
    align: 'center',
  });
  doc.font('bold').text(template.signature.title.toUpperCase(), x, doc.y, { width, align: 'center' });
  if (template.signature.note)
    doc.font('italic').text(template.signature.note, x, doc.y, { width, align: 'center' });
  const signer = signerName(template, values);
  doc.y += 60;
  if (signer) doc.font('bold').text(signer, x, doc.y, { width, align: 'center' });
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
