/**
 * The floor `kiosk run` is compared with (bench/suites/lean.ts): a bare Node + @napi-rs/canvas
 * script that draws one home screen like the kiosk's (title bar with the centre's name and clock,
 * eight numbered tiles, the footer tiles), turns it into the panel's rgb565le bytes and writes them
 * to a file, then exits. It imports nothing of the project, so it is what any canvas program pays.
 *
 * Usage: node bare-home.js <file> <width> <height>
 */
import { openSync, writeSync, ftruncateSync, closeSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { createCanvas, GlobalFonts } from '@napi-rs/canvas';

const [file = '/tmp/bare-home.raw', w = '1280', h = '800'] = process.argv.slice(2);
const width = Number(w);
const height = Number(h);
const fd = openSync(file, 'w+');
ftruncateSync(fd, width * height * 2);

const pkg = dirname(createRequire(import.meta.url).resolve('@expo-google-fonts/be-vietnam-pro/package.json'));
for (const weight of ['400Regular', '600SemiBold', '700Bold', '800ExtraBold'])
  GlobalFonts.registerFromPath(join(pkg, weight, `BeVietnamPro_${weight}.ttf`), 'Be Vietnam Pro');

const s = Math.min(height / 480, width / 800);
const canvas = createCanvas(width, height);
const g = canvas.getContext('2d');
const font = (px: number, weight = 400): string => `${weight} ${Math.round(px * s)}px "Be Vietnam Pro"`;
g.fillStyle = '#ffffff';
g.fillRect(0, 0, width, height);
g.fillStyle = '#0b3d91';
g.fillRect(0, 0, width, 84 * s);
g.fillStyle = '#ffffff';
g.textBaseline = 'alphabetic';
g.font = font(34, 800);
g.fillText('Trung tâm Phục vụ hành chính công', 12 * s, 42 * s);
g.font = font(22);
g.fillText('UBND XÃ MẪU', 12 * s, 72 * s);
g.font = font(28, 800);
g.textAlign = 'right';
g.fillText('15:28', width - 12 * s, 50 * s);
g.textAlign = 'left';
const labels = [
  'Lấy số thứ tự',
  'Tra cứu thủ tục',
  'Tra cứu hồ sơ',
  'Đánh giá',
  'Chọn lĩnh vực',
  'Quét căn cước',
  'Lấy số ưu tiên',
  'Hỏi trợ lý',
];
const tileW = (width - 36 * s) / 2;
const tileH = 72 * s;
labels.forEach((label, i) => {
  const x = 12 * s + (i % 2) * (tileW + 12 * s);
  const y = 96 * s + Math.floor(i / 2) * (tileH + 12 * s);
  g.fillStyle = '#eef2f7';
  g.strokeStyle = '#3d3d3d';
  g.lineWidth = 2 * s;
  g.beginPath();
  g.roundRect(x, y, tileW, tileH, 10 * s);
  g.fill();
  g.stroke();
  g.fillStyle = '#0b3d91';
  g.beginPath();
  g.arc(x + 38 * s, y + tileH / 2, 28 * s, 0, Math.PI * 2);
  g.fill();
  g.fillStyle = '#ffffff';
  g.font = font(30, 800);
  g.textAlign = 'center';
  g.fillText(String(i + 1), x + 38 * s, y + tileH / 2 + 11 * s);
  g.textAlign = 'left';
  g.fillStyle = '#111111';
  g.font = font(28, 600);
  g.fillText(label, x + 80 * s, y + tileH / 2 + 10 * s);
});
g.fillStyle = '#3d3d3d';
g.font = font(20);
g.fillText('Bấm nút số hoặc chạm', 12 * s, height - 32 * s);
for (const [i, label] of ['Chữ to', 'English'].entries()) {
  const x = width - (2 - i) * (230 * s + 12 * s);
  g.fillStyle = '#eef2f7';
  g.beginPath();
  g.roundRect(x, height - 68 * s, 230 * s, 56 * s, 10 * s);
  g.fill();
  g.stroke();
  g.fillStyle = '#111111';
  g.font = font(26, 700);
  g.fillText(label, x + 12 * s, height - 30 * s);
}
focusRing();

const rgba = g.getImageData(0, 0, width, height).data;
const out = Buffer.alloc(width * height * 2);
for (let i = 0, o = 0; i < rgba.length; i += 4, o += 2) {
  const v =
    (((rgba[i] as number) >> 3) << 11) |
    (((rgba[i + 1] as number) >> 2) << 5) |
    ((rgba[i + 2] as number) >> 3);
  out[o] = v & 0xff;
  out[o + 1] = v >> 8;
}
writeSync(fd, out, 0, out.length, 0);
closeSync(fd);

function focusRing(): void {
  g.strokeStyle = '#b35900';
  g.lineWidth = 6 * s;
  g.beginPath();
  g.roundRect(9 * s, 93 * s, tileW + 6 * s, tileH + 6 * s, 12 * s);
  g.stroke();
}
