import { createCanvas, loadImage } from '@napi-rs/canvas';
import * as jsqr from 'jsqr';

/** jsQR is a CommonJS module: its function is the default export. */
const jsQR = (
  jsqr as unknown as {
    default: (data: Uint8ClampedArray, width: number, height: number) => jsqr.QRCode | null;
  }
).default;

/** Every QR code in an RGBA image, read with jsQR (one at a time, blanking each found). */
export function qrCodesIn(image: {
  width: number;
  height: number;
  data: Uint8Array | Uint8ClampedArray;
}): string[] {
  const canvas = createCanvas(image.width, image.height);
  const g = canvas.getContext('2d');
  const pixels = g.createImageData(image.width, image.height);
  pixels.data.set(image.data);
  g.putImageData(pixels, 0, 0);
  const found: string[] = [];
  for (let i = 0; i < 4; i++) {
    const data = g.getImageData(0, 0, image.width, image.height);
    const code = jsQR(new Uint8ClampedArray(data.data), image.width, image.height);
    if (!code) break;
    found.push(code.data);
    const xs = [
      code.location.topLeftCorner.x,
      code.location.bottomRightCorner.x,
      code.location.bottomLeftCorner.x,
    ];
    const ys = [
      code.location.topLeftCorner.y,
      code.location.bottomRightCorner.y,
      code.location.topRightCorner.y,
    ];
    g.fillStyle = '#fff';
    g.fillRect(
      Math.min(...xs) - 20,
      Math.min(...ys) - 20,
      Math.max(...xs) - Math.min(...xs) + 40,
      Math.max(...ys) - Math.min(...ys) + 40,
    );
  }
  return found;
}

/** Every QR code in a PNG (a receipt, a frame). */
export async function qrCodes(png: Buffer): Promise<string[]> {
  const image = await loadImage(png);
  const canvas = createCanvas(image.width, image.height);
  const g = canvas.getContext('2d');
  g.drawImage(image, 0, 0);
  return qrCodesIn(g.getImageData(0, 0, image.width, image.height));
}
