import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';
import { checkValue } from '../domain/forms/field-rules.js';
import { readFormDir } from '../domain/forms/form-library.js';
import { formFields, type FormField, type FormTemplate } from '../domain/forms/form-template.js';
import { parseCccdQr } from '../domain/identity/cccd.js';
import {
  decodeResponse,
  encodeRequest,
  IPP_OPERATION,
  responseValue,
  VALUE,
} from '../drivers/document-printer/ipp-codec.js';
import { IppPrinter } from '../drivers/document-printer/ipp-printer.js';
import { composeVietnamese } from '../runtime/text/vi-ime.js';

export const IPPEVE = '/usr/sbin/ippeveprinter';

/** Why the scan → printed job walk cannot run here, if it cannot. */
export function walkUnavailable(): string | undefined {
  if (!existsSync(IPPEVE)) return `${IPPEVE} is not installed (cups-ipp-utils)`;
  if (spawnSync('avahi-daemon', ['-c']).status !== 0)
    return 'no DNS-SD: start dbus-daemon --system --fork and avahi-daemon -D --no-drop-root --no-chroot';
  if (!existsSync(CARDS)) return `${CARDS} is missing`;
  return undefined;
}

const CARDS = resolve('../shared/data/cccd/synthetic_cccd_qr_examples.jsonl');

export async function freePort(): Promise<number> {
  return new Promise((ok) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => ok(port));
    });
  });
}

/** A synthetic CCCD QR (shared data) whose fields the khai sinh form accepts as the card fills them. */
export function khaiSinhCard(template: FormTemplate): string {
  const fields = new Map(formFields(template).map((f) => [f.id, f]));
  const today = Date.now();
  for (const line of readFileSync(CARDS, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const row = JSON.parse(line) as { raw: string; expected: string };
    if (row.expected !== 'valid') continue;
    const card = parseCccdQr(row.raw);
    if (!card.ok) continue;
    const address = fields.get('nycNoiCuTru');
    const name = fields.get('nycHoTen');
    if (
      address &&
      name &&
      !checkValue(address, card.card.address, today) &&
      !checkValue(name, card.card.fullName, today)
    )
      return row.raw;
  }
  throw new Error(`${CARDS}: no valid card whose name and address khai sinh accepts`);
}

const TONES: Record<string, string> = {
  '\u0301': 's',
  '\u0300': 'f',
  '\u0309': 'r',
  '\u0303': 'x',
  '\u0323': 'j',
};

/**
 * The Telex keys a citizen presses for `text` on the kiosk keyboard (lower case: the keyboard
 * has no shift): letters with their vowel marks (aa, aw, ow, dd), each word's tone key last.
 * Checked against the kiosk's own composer, so a key sequence that would not give the text fails.
 */
export function telexKeys(text: string): string[] {
  const lower = text.normalize('NFC').toLocaleLowerCase('vi');
  const words = lower.split(/( |,)/u);
  const keys = words
    .map((word) => {
      let tone = '';
      let out = '';
      for (const ch of word.normalize('NFD')) {
        if (TONES[ch]) tone = TONES[ch];
        else if (ch === '\u0302') out += out.slice(-1);
        else if (ch === '\u0306' || ch === '\u031b') out += 'w';
        else out += ch === 'đ' ? 'dd' : ch;
      }
      return out + tone;
    })
    .join('');
  const typed = composeVietnamese(keys);
  if (typed !== lower) throw new Error(`telex for "${text}": "${keys}" types "${typed}"`);
  return [...keys];
}

/** Posts JSON to the simulator; the round trip is the input's time to a settled screen. */
export type Api = (path: string, body?: unknown) => Promise<SimState>;

export interface SimState {
  screen: string;
  details: Record<string, unknown> & { field?: string | null; prefilled?: boolean; dialog?: string | null };
  targets: { id: string; rect: { x: number; y: number; width: number; height: number } }[];
}

/** The simulator (`kiosk sim --headless`) on its own data folder with `config`; its log lines kept. */
export class Sim {
  private constructor(
    readonly url: string,
    private readonly proc: ChildProcess,
    private readonly dir: string,
    readonly logs: Record<string, unknown>[],
  ) {}

  /** `kiosk`: the build's entry to run (the bench's baseline runs another checkout's). */
  static async start(config: unknown, kiosk = resolve('dist/bin/kiosk.js')): Promise<Sim> {
    const dir = mkdtempSync(join(tmpdir(), 'kiosk-bench-forms-'));
    const configFile = join(dir, 'kiosk.json');
    writeFileSync(configFile, JSON.stringify(config));
    const proc = spawn(
      process.execPath,
      [kiosk, 'sim', '--headless', '--port', '0', '--data-dir', join(dir, 'data'), '--config', configFile],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    const logs: Record<string, unknown>[] = [];
    const url = await new Promise<string>((ok, fail) => {
      proc.once('exit', (c) => fail(new Error(`sim exited ${c}`)));
      createInterface({ input: proc.stdout! }).on('line', (l) => {
        try {
          const e = JSON.parse(l) as Record<string, unknown>;
          logs.push(e);
          if (e.ns === 'simulator' && typeof e.url === 'string') ok(e.url);
        } catch {
          /* not JSON */
        }
      });
    });
    return new Sim(url, proc, dir, logs);
  }

  api: Api = async (path, body) => {
    const res = await fetch(this.url + path, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return (await res.json()) as SimState;
  };

  async stop(): Promise<void> {
    this.proc.kill('SIGTERM');
    await new Promise((r) => this.proc.once('exit', r));
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** Debian's ippeveprinter on a free loopback port, its spool in a temporary folder. */
export class TestPrinter {
  private constructor(
    readonly uri: string,
    private readonly proc: ChildProcess,
    private readonly spool: string,
  ) {}

  /**
   * `-c /bin/true`: each job is "printed" by a command that returns at once, so the job completes
   * when the printer has taken and processed it. Without a command ippeveprinter simulates 5-15 s
   * of printing per job (and answers busy meanwhile): the paper, not the kiosk.
   */
  static async start(): Promise<TestPrinter> {
    const spool = mkdtempSync(join(tmpdir(), 'bench-ipp-'));
    const port = await freePort();
    const proc = spawn(
      IPPEVE,
      [
        '-p',
        String(port),
        '-d',
        spool,
        '-k',
        '-c',
        '/bin/true',
        '-f',
        'application/pdf',
        '-n',
        'localhost',
        'BenchA4',
      ],
      { stdio: 'ignore' },
    );
    const uri = `ipp://localhost:${port}/ipp/print`;
    const printer = new IppPrinter(uri, { timeoutMs: 5000 });
    for (let i = 0; i < 100; i++) {
      if (
        await printer.status().then(
          () => true,
          () => false,
        )
      )
        return new TestPrinter(uri, proc, spool);
      await sleep(100);
    }
    proc.kill('SIGTERM');
    throw new Error(`ippeveprinter did not answer on ${uri}`);
  }

  /** Until the printer is idle with nothing pending (untimed, before a round). */
  async idle(): Promise<void> {
    const printer = new IppPrinter(this.uri, { timeoutMs: 5000 });
    for (let i = 0; i < 600; i++) {
      const s = await printer.status();
      if (s.state === 'idle') return;
      await sleep(50);
    }
    throw new Error('ippeveprinter stayed busy for 30 s');
  }

  /** The job's state as the printer reports it (IPP Get-Job-Attributes): undefined when it has no such job. */
  async jobState(jobId: number): Promise<number | undefined> {
    const url = new URL(this.uri.replace(/^ipp:/u, 'http:'));
    const body = encodeRequest({
      operation: IPP_OPERATION.getJobAttributes,
      requestId: jobId,
      attributes: [
        { tag: VALUE.uri, name: 'printer-uri', value: this.uri },
        { tag: VALUE.integer, name: 'job-id', value: jobId },
      ],
    });
    const raw = await new Promise<Buffer>((ok, fail) => {
      const req = request(
        {
          host: url.hostname,
          port: Number(url.port),
          path: url.pathname,
          method: 'POST',
          headers: { 'content-type': 'application/ipp', 'content-length': body.length },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => ok(Buffer.concat(chunks)));
        },
      );
      req.on('error', fail);
      req.end(body);
    });
    const res = decodeResponse(raw);
    if (res.status >= 0x0400) return undefined;
    const state = responseValue(res, 'job-state');
    return typeof state === 'number' ? state : undefined;
  }

  stop(): void {
    this.proc.kill('SIGTERM');
    rmSync(this.spool, { recursive: true, force: true });
  }
}

/** IPP job states (RFC 8011 5.3.7). */
export const JOB_COMPLETED = 9;

/** One walk: the card scanned, the form filled by buttons and touch, printed on A4. */
export interface WalkTimes {
  /** Scan → the form's first screen (the card's fields offered), ms. */
  scanToForm: number;
  /** The sum of every input's round trip (what the kiosk took; the citizen's thinking left out). */
  kioskTotal: number;
  inputs: number;
  /** "In A4" pressed → the printer has the job (Get-Job-Attributes answers for it). */
  printToAccepted: number;
  /** "In A4" pressed → the printer reports the job completed. */
  printToCompleted: number;
  /** The slowest single input of the walk (ms) and which. */
  slowest: { ms: number; what: string };
}

/**
 * Walks khai sinh as a citizen with a card does, through the simulator's button/touch/scan API:
 * scan the card on the home screen, "4 Tờ khai", the form, accept what the card fills (the
 * requester), OK on each prefilled field, type the others' sample values (Telex on the keyboard,
 * digits on the keypad, a choice by its number), then on the review page "1 In A4"; the clock
 * stops when the printer reports job `jobId` accepted, then completed.
 */
export async function walkKhaiSinh(
  api: Api,
  printer: TestPrinter,
  card: string,
  jobId: number,
  /** Untimed pause when each field opens (a citizen reading or hearing its label); 0: none. */
  readMs = 0,
): Promise<WalkTimes> {
  const template = readFormDir().find((t) => t.id === 'khai-sinh');
  if (!template) throw new Error('no khai sinh form');
  const fields = new Map(formFields(template).map((f) => [f.id, f]));
  let kioskTotal = 0;
  let inputs = 0;
  let slowest = { ms: 0, what: '' };
  let state: SimState = await api('/api/state');
  /** The screen now (read through a call: the helpers below replace `state`). */
  const screen = (): string => state.screen;
  const send = async (what: string, path: string, body: unknown): Promise<SimState> => {
    const t0 = performance.now();
    state = await api(path, body);
    const ms = performance.now() - t0;
    kioskTotal += ms;
    inputs++;
    if (ms > slowest.ms) slowest = { ms, what };
    return state;
  };
  const press = (id: string) => send(`button ${id} on ${state.screen}`, '/api/button', { id });
  const touch = (id: string) => {
    const t = state.targets.find((x) => x.id === id);
    if (!t) throw new Error(`walk: no ${id} on ${state.screen} (${String(state.details.field)})`);
    return send(`touch ${id} on ${state.screen}`, '/api/touch', {
      x: t.rect.x + t.rect.width / 2,
      y: t.rect.y + t.rect.height / 2,
    });
  };

  const t0 = performance.now();
  await send('scan', '/api/scan', { data: card });
  if (screen() !== 'citizen') throw new Error(`walk: the scan opened ${state.screen}`);
  await press('4');
  if (screen() !== 'form-pick') throw new Error(`walk: 4 opened ${state.screen}`);
  for (let page = 0; page < 8 && !state.targets.some((t) => t.id === 'form:khai-sinh'); page++)
    await touch('form:next');
  await touch('form:khai-sinh');
  const scanToForm = performance.now() - t0;
  if (screen() !== 'form-prefill') throw new Error(`walk: khai sinh opened ${state.screen}`);
  await press('1');
  for (let i = 0; i < 80 && screen() === 'form-field'; i++) {
    const field = fields.get(String(state.details.field));
    if (!field) throw new Error(`walk: unknown field ${String(state.details.field)}`);
    if (readMs) await sleep(readMs);
    if (state.details.prefilled) await press('ok');
    else await fill(field);
    if (state.details.dialog) throw new Error(`walk: ${field.id}: ${state.details.dialog}`);
  }
  if (screen() !== 'form-review') throw new Error(`walk: ended on ${state.screen}`);

  async function fill(field: FormField): Promise<void> {
    const value = field.sample ?? '';
    switch (field.type) {
      case 'choice':
        if (value) await press(String((field.options ?? []).indexOf(value) + 1));
        await touch(value ? 'choice:done' : `option:${(field.options ?? []).length + 1}`);
        return;
      case 'date':
      case 'number':
      case 'id-number':
      case 'phone':
        for (const d of value.replace(/\D/gu, '')) await touch(`pad:${d}`);
        await touch('pad:done');
        return;
      default:
        for (const k of telexKeys(value)) await touch(k === ' ' ? 'key:space' : `key:${k}`);
        await touch('key:done');
    }
  }

  const printed = performance.now();
  await press('1');
  let printToAccepted = NaN;
  for (;;) {
    const job = await printer.jobState(jobId);
    const at = performance.now() - printed;
    if (job !== undefined && Number.isNaN(printToAccepted)) printToAccepted = at;
    if (job === JOB_COMPLETED) {
      // The citizen is done: finish (the session and the form are forgotten).
      await api('/api/button', { id: '3' });
      return { scanToForm, kioskTotal, inputs, printToAccepted, printToCompleted: at, slowest };
    }
    if (at > 30_000) throw new Error(`walk: job ${jobId} not completed after 30 s (state ${job})`);
    await sleep(2);
  }
}
