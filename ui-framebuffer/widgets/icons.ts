import type { SKRSContext2D } from '@napi-rs/canvas';
import type { Rect } from '../../drivers/display/types.js';

export type IconName =
  | 'up'
  | 'down'
  | 'back'
  | 'home'
  | 'ok'
  | 'speaker'
  | 'search'
  | 'print'
  | 'info'
  | 'warning'
  | 'backspace'
  | 'close';

/** Vector icons drawn with strokes, so they stay sharp at every scale and theme. */
export function drawIcon(g: SKRSContext2D, name: IconName, rect: Rect, color: string): void {
  const s = Math.min(rect.width, rect.height);
  const cx = rect.x + rect.width / 2;
  const cy = rect.y + rect.height / 2;
  const u = s / 24;
  g.save();
  g.strokeStyle = color;
  g.fillStyle = color;
  g.lineWidth = Math.max(1.5, 2.4 * u);
  g.lineCap = 'round';
  g.lineJoin = 'round';
  const path = (points: [number, number][], close = false): void => {
    g.beginPath();
    points.forEach(([x, y], i) =>
      i === 0 ? g.moveTo(cx + x * u, cy + y * u) : g.lineTo(cx + x * u, cy + y * u),
    );
    if (close) g.closePath();
  };
  switch (name) {
    case 'up':
      path(
        [
          [-8, 5],
          [0, -5],
          [8, 5],
        ],
        true,
      );
      g.fill();
      break;
    case 'down':
      path(
        [
          [-8, -5],
          [0, 5],
          [8, -5],
        ],
        true,
      );
      g.fill();
      break;
    case 'back':
      path([
        [-2, -8],
        [-9, -1],
        [-2, 6],
      ]);
      g.stroke();
      g.beginPath();
      g.moveTo(cx - 9 * u, cy - 1 * u);
      g.lineTo(cx + 4 * u, cy - 1 * u);
      g.quadraticCurveTo(cx + 9 * u, cy - 1 * u, cx + 9 * u, cy + 4 * u);
      g.lineTo(cx + 9 * u, cy + 8 * u);
      g.stroke();
      break;
    case 'home':
      path([
        [-9, -1],
        [0, -9],
        [9, -1],
      ]);
      g.stroke();
      path([
        [-6, -3],
        [-6, 8],
        [6, 8],
        [6, -3],
      ]);
      g.stroke();
      break;
    case 'ok':
      path([
        [-8, 0],
        [-2, 6],
        [9, -7],
      ]);
      g.stroke();
      break;
    case 'close':
      path([
        [-7, -7],
        [7, 7],
      ]);
      g.stroke();
      path([
        [7, -7],
        [-7, 7],
      ]);
      g.stroke();
      break;
    case 'speaker':
      path(
        [
          [-9, -3],
          [-5, -3],
          [1, -8],
          [1, 8],
          [-5, 3],
          [-9, 3],
        ],
        true,
      );
      g.fill();
      g.beginPath();
      g.arc(cx + 2 * u, cy, 5 * u, -Math.PI / 4, Math.PI / 4);
      g.stroke();
      g.beginPath();
      g.arc(cx + 2 * u, cy, 9 * u, -Math.PI / 4, Math.PI / 4);
      g.stroke();
      break;
    case 'search':
      g.beginPath();
      g.arc(cx - 2 * u, cy - 2 * u, 6 * u, 0, Math.PI * 2);
      g.stroke();
      path([
        [2.5, 2.5],
        [9, 9],
      ]);
      g.stroke();
      break;
    case 'print':
      path([
        [-5, -3],
        [-5, -9],
        [5, -9],
        [5, -3],
      ]);
      g.stroke();
      path([
        [-5, 5],
        [-9, 5],
        [-9, -3],
        [9, -3],
        [9, 5],
        [5, 5],
      ]);
      g.stroke();
      path(
        [
          [-5, 1],
          [5, 1],
          [5, 9],
          [-5, 9],
        ],
        true,
      );
      g.stroke();
      break;
    case 'info':
      g.beginPath();
      g.arc(cx, cy, 10 * u, 0, Math.PI * 2);
      g.stroke();
      path([
        [0, -1],
        [0, 6],
      ]);
      g.stroke();
      g.beginPath();
      g.arc(cx, cy - 5 * u, 1.4 * u, 0, Math.PI * 2);
      g.fill();
      break;
    case 'warning':
      path(
        [
          [0, -10],
          [10, 8],
          [-10, 8],
        ],
        true,
      );
      g.stroke();
      path([
        [0, -3],
        [0, 2],
      ]);
      g.stroke();
      g.beginPath();
      g.arc(cx, cy + 5 * u, 1.4 * u, 0, Math.PI * 2);
      g.fill();
      break;
    case 'backspace':
      path(
        [
          [-10, 0],
          [-4, -7],
          [10, -7],
          [10, 7],
          [-4, 7],
        ],
        true,
      );
      g.stroke();
      path([
        [-1, -3],
        [5, 3],
      ]);
      g.stroke();
      path([
        [5, -3],
        [-1, 3],
      ]);
      g.stroke();
      break;
  }
  g.restore();
}
