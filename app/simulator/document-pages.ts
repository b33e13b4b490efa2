import { spawn } from 'node:child_process';
import { HttpError } from './http-util.js';

/** Runs a poppler tool on a PDF given on stdin; its stdout. */
function poppler(command: string, args: string[], pdf: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    let err = '';
    child.stdout.on('data', (c: Buffer) => out.push(c));
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    child.on('error', (e: NodeJS.ErrnoException) =>
      reject(
        new HttpError(
          501,
          e.code === 'ENOENT'
            ? `${command} is missing: install poppler-utils to see document pages`
            : e.message,
        ),
      ),
    );
    child.on('close', (code) =>
      code === 0
        ? resolve(Buffer.concat(out))
        : reject(new HttpError(500, `${command} failed: ${err.trim()}`)),
    );
    child.stdin.on('error', () => undefined);
    child.stdin.end(pdf);
  });
}

/** How many pages a PDF has (pdfinfo), 1 when it cannot tell. */
export async function documentPages(pdf: Buffer): Promise<number> {
  try {
    const info = (await poppler('pdfinfo', ['-'], pdf)).toString();
    return Number(/^Pages:\s+(\d+)/m.exec(info)?.[1] ?? 1);
  } catch {
    return 1;
  }
}

/** Page `page` (1-based) of a PDF as a PNG at 60 dpi, for the preview page (pdftoppm). */
export function documentPagePng(pdf: Buffer, page: number): Promise<Buffer> {
  return poppler('pdftoppm', ['-png', '-r', '60', '-f', String(page), '-l', String(page), '-'], pdf);
}
