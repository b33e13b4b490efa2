import { lazyRequire } from '../../runtime/lazy-require.js';

const qrcode = lazyRequire<typeof import('qrcode')>('qrcode');
import type { Rect } from '../../drivers/display/types.js';
import type { RenderContext } from '../screen.js';

interface Matrix {
  size: number;
  dark: Uint8Array;
}

const cache = new Map<string, Matrix>();

/** The QR module matrix for `text` (error correction M), cached by text. */
export function qrMatrix(text: string): Matrix {
  let m = cache.get(text);
  if (!m) {
    if (!text) throw new TypeError('text: QR content must not be empty');
    const qr = qrcode().create(text, { errorCorrectionLevel: 'M' });
    m = { size: qr.modules.size, dark: Uint8Array.from(qr.modules.data) };
    if (cache.size > 32) cache.clear();
    cache.set(text, m);
  }
  return m;
}

/**
 * Draws a QR code for `text`, square and centred in `rect`, always dark-on-white with a quiet zone
 * (phones cannot read inverted codes, so the large/dark theme keeps a white plate).
 * Modules snap to whole pixels so the code stays scannable.
 */
export function qrCode(rc: RenderContext, rect: Rect, text: string): Rect {
  const { g } = rc;
  const m = qrMatrix(text);
  const quiet = 2;
  const modules = m.size + quiet * 2;
  const px = Math.max(1, Math.floor(Math.min(rect.width, rect.height) / modules));
  const side = px * modules;
  const x0 = Math.round(rect.x + (rect.width - side) / 2);
  const y0 = Math.round(rect.y + (rect.height - side) / 2);
  g.fillStyle = '#ffffff';
  g.fillRect(x0, y0, side, side);
  g.fillStyle = '#000000';
  for (let r = 0; r < m.size; r++) {
    for (let c = 0; c < m.size; c++) {
      if (m.dark[r * m.size + c]) g.fillRect(x0 + (c + quiet) * px, y0 + (r + quiet) * px, px, px);
    }
  }
  return { x: x0, y: y0, width: side, height: side };
}
