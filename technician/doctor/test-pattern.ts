import { canvasLib } from '../../runtime/canvas.js';
import type { Frame } from '../../drivers/display/types.js';
import { font, registerFonts } from '../../runtime/fonts.js';
import { encodeWav } from '../../runtime/wav.js';

const BARS = ['#ffffff', '#ffff00', '#00ffff', '#00ff00', '#ff00ff', '#ff0000', '#0000ff', '#000000'];

/**
 * A display test pattern in device pixels: eight colour bars, a 1-pixel white border, numbered
 * corner marks (to spot rotation and overscan) and Vietnamese text (to spot a missing font).
 */
export function testPattern(width: number, height: number, label: string): Frame {
  registerFonts();
  const canvas = canvasLib().createCanvas(width, height);
  const g = canvas.getContext('2d');
  const barWidth = width / BARS.length;
  BARS.forEach((colour, i) => {
    g.fillStyle = colour;
    g.fillRect(Math.round(i * barWidth), 0, Math.ceil(barWidth), Math.round(height * 0.6));
  });
  g.fillStyle = '#202020';
  g.fillRect(0, Math.round(height * 0.6), width, height);
  g.strokeStyle = '#ffffff';
  g.lineWidth = 1;
  g.strokeRect(0.5, 0.5, width - 1, height - 1);
  const mark = Math.round(Math.min(width, height) * 0.08);
  const corners: [number, number, string][] = [
    [0, 0, '1'],
    [width - mark, 0, '2'],
    [width - mark, height - mark, '3'],
    [0, height - mark, '4'],
  ];
  g.textAlign = 'center';
  g.textBaseline = 'middle';
  for (const [x, y, n] of corners) {
    g.fillStyle = '#ff6600';
    g.fillRect(x, y, mark, mark);
    g.fillStyle = '#000000';
    g.font = font(mark * 0.7, 800);
    g.fillText(n, x + mark / 2, y + mark / 2);
  }
  g.fillStyle = '#ffffff';
  g.font = font(Math.max(14, height * 0.06), 700);
  g.fillText('Kiểm tra màn hình — Đường Ướt Ỷ Ữ', width / 2, height * 0.72, width * 0.9);
  g.font = font(Math.max(12, height * 0.045), 400);
  g.fillText(label, width / 2, height * 0.85, width * 0.9);
  return { width, height, data: g.getImageData(0, 0, width, height).data };
}

/** A 440 Hz tone as a 16-bit mono WAV (speaker test when no speech engine is configured). */
export function toneWav(seconds = 1, sampleRate = 16_000): Uint8Array {
  const n = Math.round(seconds * sampleRate);
  const samples = new Int16Array(n);
  for (let i = 0; i < n; i++) {
    const fade = Math.min(1, i / 800, (n - i) / 800);
    samples[i] = Math.round(Math.sin((2 * Math.PI * 440 * i) / sampleRate) * 12_000 * fade);
  }
  return encodeWav({ sampleRate, channels: 1, samples });
}
