/**
 * Splits an ESC/POS byte stream into commands, the way a printer's command parser does. Used by
 * the receipt decoder and by the pty mock printer, which must find real-time DLE EOT requests
 * between commands (never inside raster data).
 */
export type EscPosCommand =
  | { type: 'init' }
  | { type: 'text'; bytes: Uint8Array }
  | { type: 'lf' }
  | { type: 'cr' }
  | { type: 'feed'; lines: number }
  | { type: 'feed-dots'; dots: number }
  | { type: 'align'; align: 'left' | 'center' | 'right' }
  | { type: 'bold'; on: boolean }
  | { type: 'size'; width: number; height: number }
  | { type: 'code-page'; n: number }
  | { type: 'cut'; feedDots: number }
  | { type: 'raster'; widthBytes: number; rows: number; data: Uint8Array }
  | { type: 'qr'; fn: number; args: Uint8Array }
  | { type: 'density'; level: number }
  | { type: 'barcode-hri'; position: number }
  | { type: 'barcode-height'; dots: number }
  | { type: 'barcode-width'; module: number }
  | { type: 'barcode'; m: number; data: Uint8Array }
  | { type: 'status-request'; n: number }
  | { type: 'ignored'; bytes: Uint8Array }
  | { type: 'unknown'; bytes: Uint8Array };

export interface Parsed {
  command: EscPosCommand;
  length: number;
}

const ESC = 0x1b;
const GS = 0x1d;
const DLE = 0x10;

/** Parses one command at `i`; undefined when more bytes are needed to complete it. */
export function parseCommand(bytes: Uint8Array, i: number): Parsed | undefined {
  const b = bytes[i];
  if (b === undefined) return undefined;
  const at = (k: number): number | undefined => bytes[i + k];
  const need = (n: number): boolean => i + n <= bytes.length;
  const slice = (from: number, to: number): Uint8Array => bytes.subarray(i + from, i + to);
  if (b === 0x0a) return { command: { type: 'lf' }, length: 1 };
  if (b === 0x0d) return { command: { type: 'cr' }, length: 1 };
  if (b === DLE) {
    if (!need(3)) return undefined;
    if (at(1) === 0x04) return { command: { type: 'status-request', n: at(2) as number }, length: 3 };
    return { command: { type: 'unknown', bytes: slice(0, 1) }, length: 1 };
  }
  if (b === ESC) {
    if (!need(2)) return undefined;
    const c = at(1) as number;
    if (c === 0x40) return { command: { type: 'init' }, length: 2 };
    if (c === 0x32) return { command: { type: 'ignored', bytes: slice(0, 2) }, length: 2 };
    if (!need(3)) return undefined;
    const n = at(2) as number;
    switch (c) {
      case 0x64:
        return { command: { type: 'feed', lines: n }, length: 3 };
      case 0x4a:
        return { command: { type: 'feed-dots', dots: n }, length: 3 };
      case 0x61:
        return {
          command: { type: 'align', align: n % 48 === 1 ? 'center' : n % 48 === 2 ? 'right' : 'left' },
          length: 3,
        };
      case 0x45:
        return { command: { type: 'bold', on: (n & 1) === 1 }, length: 3 };
      case 0x74:
        return { command: { type: 'code-page', n }, length: 3 };
      case 0x21:
      case 0x33:
      case 0x2d:
      case 0x4d:
      case 0x52:
      case 0x20:
        return { command: { type: 'ignored', bytes: slice(0, 3) }, length: 3 };
      default:
        return { command: { type: 'unknown', bytes: slice(0, 2) }, length: 2 };
    }
  }
  if (b === GS) {
    if (!need(3)) return undefined;
    const c = at(1) as number;
    const n = at(2) as number;
    switch (c) {
      case 0x21:
        return { command: { type: 'size', width: (n >> 4) + 1, height: (n & 7) + 1 }, length: 3 };
      case 0x56:
        if (n === 65 || n === 66) {
          if (!need(4)) return undefined;
          return { command: { type: 'cut', feedDots: at(3) as number }, length: 4 };
        }
        return { command: { type: 'cut', feedDots: 0 }, length: 3 };
      case 0x48:
        return { command: { type: 'barcode-hri', position: n % 48 }, length: 3 };
      case 0x68:
        return { command: { type: 'barcode-height', dots: n }, length: 3 };
      case 0x77:
        return { command: { type: 'barcode-width', module: n }, length: 3 };
      case 0x66:
        return { command: { type: 'ignored', bytes: slice(0, 3) }, length: 3 };
      case 0x76: {
        if (n !== 0x30) return { command: { type: 'unknown', bytes: slice(0, 2) }, length: 2 };
        if (!need(8)) return undefined;
        const widthBytes = (at(4) as number) | ((at(5) as number) << 8);
        const rows = (at(6) as number) | ((at(7) as number) << 8);
        const length = 8 + widthBytes * rows;
        if (!need(length)) return undefined;
        return { command: { type: 'raster', widthBytes, rows, data: slice(8, length) }, length };
      }
      case 0x28: {
        if (!need(5)) return undefined;
        const fnClass = n;
        const p = (at(3) as number) | ((at(4) as number) << 8);
        const length = 5 + p;
        if (!need(length)) return undefined;
        if (fnClass === 0x6b && p >= 2)
          return { command: { type: 'qr', fn: at(6) as number, args: slice(7, length) }, length };
        if (fnClass === 0x4b && p === 2 && at(5) === 0x31) {
          const raw = at(6) as number;
          return { command: { type: 'density', level: raw > 127 ? raw - 256 : raw }, length };
        }
        return { command: { type: 'ignored', bytes: slice(0, length) }, length };
      }
      case 0x6b: {
        if (n <= 6) {
          const end = bytes.indexOf(0, i + 3);
          if (end < 0) return undefined;
          return {
            command: { type: 'barcode', m: n, data: bytes.subarray(i + 3, end) },
            length: end + 1 - i,
          };
        }
        if (!need(4)) return undefined;
        const len = at(3) as number;
        if (!need(4 + len)) return undefined;
        return { command: { type: 'barcode', m: n, data: slice(4, 4 + len) }, length: 4 + len };
      }
      default:
        return { command: { type: 'unknown', bytes: slice(0, 2) }, length: 2 };
    }
  }
  if (b < 0x20 || b === 0x7f) return { command: { type: 'unknown', bytes: slice(0, 1) }, length: 1 };
  let end = i;
  while (end < bytes.length && (bytes[end] as number) >= 0x20 && bytes[end] !== 0x7f) end++;
  return { command: { type: 'text', bytes: slice(0, end - i) }, length: end - i };
}

/** All complete commands in `bytes`, plus how many bytes were consumed. */
export function parseCommands(bytes: Uint8Array): { commands: EscPosCommand[]; consumed: number } {
  const commands: EscPosCommand[] = [];
  let i = 0;
  for (;;) {
    const parsed = parseCommand(bytes, i);
    if (!parsed) break;
    commands.push(parsed.command);
    i += parsed.length;
  }
  return { commands, consumed: i };
}
