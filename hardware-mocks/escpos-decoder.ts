import { canvasLib } from '../runtime/canvas.js';
import { lazyRequire } from '../runtime/lazy-require.js';
import { codePageFromNumber, decodeText, type TextCodePage } from '../drivers/printer/text-encoding.js';
import { FONT_FAMILY, registerFonts } from '../runtime/fonts.js';
import { decodeBarcode } from './escpos-barcode.js';
import { parseCommands, type EscPosCommand } from './escpos-commands.js';

const qrcode = lazyRequire<typeof import('qrcode')>('qrcode');

/** What the decoder understood, in order; tests assert on these. */
export type ReceiptOp =
  | { kind: 'text'; text: string; align: Align; bold: boolean; width: number; height: number }
  | { kind: 'raster'; width: number; rows: number }
  | { kind: 'qr'; data: string; moduleSize: number }
  | { kind: 'barcode'; system: string; data: string; valid: boolean }
  | { kind: 'cut' };

type Align = 'left' | 'center' | 'right';

/** What a mock printer made of one job: the paper as an image plus what it understood. */
export interface DecodedReceipt {
  width: number;
  height: number;
  /** PNG of the printed paper. */
  png: Buffer;
  cut: boolean;
  /** Printed text lines (text mode and barcode HRI), NFC. */
  text: string[];
  ops: ReceiptOp[];
  /** Commands the decoder did not understand, as hex, for test diagnostics. */
  unknown: string[];
}

const LINE_DOTS = 24; // font A: 12 x 24 dots

/** Paper being printed: a list of dot rows. */
class Paper {
  readonly rows: Uint8Array[] = [];
  constructor(readonly width: number) {}

  blank(n: number): void {
    for (let k = 0; k < n; k++) this.rows.push(new Uint8Array(this.width));
  }

  /** Adds an RGBA bitmap thresholded to dots, placed at x. */
  image(rgba: Uint8ClampedArray, w: number, h: number, x = 0): void {
    for (let y = 0; y < h; y++) {
      const row = new Uint8Array(this.width);
      for (let c = 0; c < w && x + c < this.width; c++) {
        if (x + c >= 0 && (rgba[(y * w + c) * 4] ?? 255) < 128) row[x + c] = 1;
      }
      this.rows.push(row);
    }
  }

  offset(contentWidth: number, align: Align): number {
    if (align === 'center') return Math.max(0, Math.floor((this.width - contentWidth) / 2));
    if (align === 'right') return Math.max(0, this.width - contentWidth);
    return 0;
  }
}

function renderTextLine(paper: Paper, text: string, align: Align, bold: boolean, w: number, h: number): void {
  registerFonts();
  const height = LINE_DOTS * h;
  const canvas = canvasLib().createCanvas(paper.width, height);
  const g = canvas.getContext('2d');
  g.fillStyle = '#fff';
  g.fillRect(0, 0, paper.width, height);
  g.fillStyle = '#000';
  g.textBaseline = 'alphabetic';
  g.font = `${bold ? 700 : 400} ${17 * h}px "${FONT_FAMILY}"`;
  const measured = g.measureText(text).width * (w / h);
  const x = paper.offset(Math.min(paper.width, measured), align);
  g.setTransform(w / h, 0, 0, 1, x, 0);
  g.fillText(text, 0, Math.round(height * 0.8));
  paper.image(g.getImageData(0, 0, paper.width, height).data, paper.width, height);
}

/**
 * Decodes the ESC/POS the kiosk emits (init, text with code pages, alignment, bold, size, raster
 * GS v 0, QR GS ( k, barcodes GS k, feeds, cut) into an image of the paper an 80/58 mm printer
 * would produce. Status requests (DLE EOT) are skipped here; the pty mock answers them.
 */
export function decodeEscPos(bytes: Uint8Array, widthDots: number): DecodedReceipt {
  const paper = new Paper(widthDots);
  const ops: ReceiptOp[] = [];
  const text: string[] = [];
  const unknown: string[] = [];
  let cut = false;
  let align: Align = 'left';
  let bold = false;
  let size = { width: 1, height: 1 };
  let codePage: TextCodePage = 'pc437';
  let line: number[] = [];
  const qr = { moduleSize: 3, data: new Uint8Array() };
  const barcode = { height: 162, module: 3, hri: 0 };

  const flushLine = (force: boolean): void => {
    if (line.length === 0 && !force) return;
    const s = decodeText(Uint8Array.from(line), codePage);
    line = [];
    if (s.trim().length > 0) {
      // Like the printer: font A is 12 dots wide, so a line wraps after width / 12 characters.
      const perLine = Math.max(1, Math.floor(widthDots / (12 * size.width)));
      const chars = [...s];
      for (let k = 0; k < chars.length; k += perLine)
        renderTextLine(paper, chars.slice(k, k + perLine).join(''), align, bold, size.width, size.height);
      ops.push({ kind: 'text', text: s, align, bold, width: size.width, height: size.height });
      text.push(s);
    } else paper.blank(LINE_DOTS * size.height);
  };

  const handle = (cmd: EscPosCommand): void => {
    switch (cmd.type) {
      case 'init':
        align = 'left';
        bold = false;
        size = { width: 1, height: 1 };
        codePage = 'pc437';
        return;
      case 'text':
        for (const b of cmd.bytes) line.push(b);
        return;
      case 'lf':
        return flushLine(true);
      case 'cr':
      case 'ignored':
      case 'density':
      case 'status-request':
        return;
      case 'feed':
        flushLine(false);
        return paper.blank(cmd.lines * LINE_DOTS);
      case 'feed-dots':
        flushLine(false);
        return paper.blank(cmd.dots);
      case 'align':
        align = cmd.align;
        return;
      case 'bold':
        bold = cmd.on;
        return;
      case 'size':
        size = { width: cmd.width, height: cmd.height };
        return;
      case 'code-page': {
        const page = codePageFromNumber(cmd.n);
        if (page) codePage = page;
        else unknown.push(`1b74${cmd.n.toString(16).padStart(2, '0')}`);
        return;
      }
      case 'cut':
        flushLine(false);
        paper.blank(cmd.feedDots);
        cut = true;
        ops.push({ kind: 'cut' });
        return;
      case 'raster': {
        flushLine(false);
        for (let y = 0; y < cmd.rows; y++) {
          const row = new Uint8Array(widthDots);
          for (let x = 0; x < Math.min(widthDots, cmd.widthBytes * 8); x++) {
            if (((cmd.data[y * cmd.widthBytes + (x >> 3)] ?? 0) & (0x80 >> (x & 7))) !== 0) row[x] = 1;
          }
          paper.rows.push(row);
        }
        ops.push({ kind: 'raster', width: cmd.widthBytes * 8, rows: cmd.rows });
        return;
      }
      case 'qr':
        if (cmd.fn === 0x43) qr.moduleSize = cmd.args[0] ?? 3;
        else if (cmd.fn === 0x50) qr.data = cmd.args.slice(1);
        else if (cmd.fn === 0x51) {
          flushLine(false);
          const data = Buffer.from(qr.data).toString('utf8');
          const code = qrcode().create([{ data: qr.data, mode: 'byte' }], { errorCorrectionLevel: 'M' });
          const n = code.modules.size;
          const x0 = paper.offset(n * qr.moduleSize, align);
          for (let r = 0; r < n; r++) {
            const row = new Uint8Array(widthDots);
            for (let c = 0; c < n; c++) {
              if (!code.modules.get(r, c)) continue;
              for (let d = 0; d < qr.moduleSize; d++)
                if (x0 + c * qr.moduleSize + d < widthDots) row[x0 + c * qr.moduleSize + d] = 1;
            }
            for (let d = 0; d < qr.moduleSize; d++) paper.rows.push(row.slice());
          }
          ops.push({ kind: 'qr', data, moduleSize: qr.moduleSize });
        }
        return;
      case 'barcode-hri':
        barcode.hri = cmd.position;
        return;
      case 'barcode-height':
        barcode.height = cmd.dots;
        return;
      case 'barcode-width':
        barcode.module = cmd.module;
        return;
      case 'barcode': {
        flushLine(false);
        const decoded = decodeBarcode(cmd.m, cmd.data);
        ops.push({
          kind: 'barcode',
          system: decoded.system,
          data: decoded.text,
          valid: decoded.modules !== '',
        });
        if (!decoded.modules) return;
        const width = decoded.modules.length * barcode.module;
        const x0 = paper.offset(width, align);
        const row = new Uint8Array(widthDots);
        for (let k = 0; k < decoded.modules.length; k++) {
          if (decoded.modules[k] !== '1') continue;
          for (let d = 0; d < barcode.module; d++)
            if (x0 + k * barcode.module + d < widthDots) row[x0 + k * barcode.module + d] = 1;
        }
        for (let y = 0; y < barcode.height; y++) paper.rows.push(row.slice());
        if (barcode.hri === 2 || barcode.hri === 3) {
          renderTextLine(paper, decoded.text, align, false, 1, 1);
          text.push(decoded.text);
        }
        return;
      }
      case 'unknown':
        unknown.push(Buffer.from(cmd.bytes).toString('hex'));
        return;
    }
  };

  const { commands, consumed } = parseCommands(bytes);
  for (const cmd of commands) handle(cmd);
  if (consumed < bytes.length)
    unknown.push(`truncated:${Buffer.from(bytes.subarray(consumed, consumed + 8)).toString('hex')}`);
  flushLine(false);

  const height = Math.max(1, paper.rows.length);
  const canvas = canvasLib().createCanvas(widthDots, height);
  const ctx = canvas.getContext('2d');
  const img = ctx.createImageData(widthDots, height);
  img.data.fill(255);
  paper.rows.forEach((row, y) => {
    for (let x = 0; x < widthDots; x++) {
      if (row[x]) {
        const o = (y * widthDots + x) * 4;
        img.data[o] = img.data[o + 1] = img.data[o + 2] = 0;
      }
    }
  });
  ctx.putImageData(img, 0, 0);
  return { width: widthDots, height, png: canvas.toBuffer('image/png'), cut, text, ops, unknown };
}
