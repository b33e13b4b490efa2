import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { qrCodes } from '../helpers/qr-codes.js';
import { runKiosk, startSim, tempDir, type SimProcess } from '../helpers/sim-process.js';
import * as steps from './flow-steps.js';
import { configArgs, lastSpeech, outbox, state, type FlowState } from './flow-steps.js';

// Synthetic card data (made up; see test/fixtures/cccd).
const QR =
  '079090012345|023456789|Nguyễn Văn An|15031990|Nam|Số 12 Lê Lợi, Phường Bến Thành, Thành phố Hồ Chí Minh|20042021';

interface FormState extends FlowState {
  form: { id: string; field: string; errors: Record<string, string>; values: Record<string, string> } | null;
}

const api = (sim: SimProcess, path: string, body?: unknown) => sim.api<FormState>(path, body);
const press = (sim: SimProcess, id: string) => steps.press(sim, id) as Promise<FormState>;
const touch = (sim: SimProcess, id: string) => steps.touch(sim, id) as Promise<FormState>;
const typeText = (sim: SimProcess, text: string) => steps.typeText(sim, text) as Promise<FormState>;

describe('E-form at the kiosk: prefill from the card, field by field, review, A4 and counter slip', () => {
  let sim: SimProcess;
  beforeAll(async () => {
    const dir = tempDir('kiosk-form-flow-');
    sim = await startSim({
      dataDir: dir,
      args: configArgs(dir, {
        logLevel: 'trace',
        documentPrinter: { driver: 'mock' },
        payment: { bankBin: '970436', accountNumber: '0011004455667', accountName: 'UBND XA MAU' },
      }),
    });
  });
  afterAll(async () => {
    await sim.stop();
  });

  it('opens a form without a card at its first field; BACK there leaves it', async () => {
    const st = await api(sim, '/api/form/start', { form: 'chung-thuc-ban-sao', procedure: '2.000815' });
    expect(st.screen).toBe('form-field');
    expect(st.form).toMatchObject({ id: 'chung-thuc-ban-sao', field: 'hoTen', values: {} });
    expect(st.details).toMatchObject({ entry: 'keyboard', prefilled: false });
    const left = await press(sim, 'back');
    expect(left.screen).toBe('home');
    await press(sim, 'back');
  });

  it("the assistant's answer about a procedure with a form offers it (Điền tờ khai)", async () => {
    const asked = await api(sim, '/api/ask', { text: 'tach ho phai sao' });
    const fill = asked.targets.find((t) => t.id === 'fill-form');
    expect(fill?.label).toBe('Điền tờ khai');
    const opened = await press(sim, fill?.button ?? '5');
    expect(opened.screen).toBe('form-field');
    expect(opened.form?.id).toBe('ct01');
    while ((await state(sim)).screen !== 'home') await press(sim, 'back');
  });

  it('rejects a form the kiosk does not have with the list of forms', async () => {
    await expect(api(sim, '/api/form/start', { form: 'visa' })).rejects.toMatchObject({ status: 400 });
  });

  it('fills a form from a scanned card, checks every field, prints A4 and the slip, and forgets it', async () => {
    const greeted = await api(sim, '/api/scan', { data: QR });
    expect(greeted.screen).toBe('citizen');
    expect(greeted.targets.map((t) => t.button)).toContain('4');

    // Button 4: the forms; the form opens with what the card fills, for the citizen to confirm.
    const pick = await press(sim, '4');
    expect(pick.screen).toBe('form-pick');
    const offered = await api(sim, '/api/form/start', { form: 'chung-thuc-ban-sao' });
    expect(offered.screen).toBe('form-prefill');
    const rows = (offered.details as { prefill: { label: string; shown: string }[] }).prefill;
    expect(rows.map((r) => r.shown)).toEqual(
      expect.arrayContaining(['Nguyễn Văn An', '15/03/1990', 'Nam', '••••••••2345']),
    );
    expect(JSON.stringify(offered)).not.toContain('079090012345');
    expect(await lastSpeech(sim)).toMatch(/điền sẵn 5 mục từ thẻ căn cước/);

    const first = await press(sim, '1');
    expect(first.screen).toBe('form-field');
    expect(first.form).toMatchObject({ id: 'chung-thuc-ban-sao', field: 'hoTen' });
    expect(first.form?.values.soDinhDanh).toBe('••••••••2345');
    expect(first.details).toMatchObject({
      entry: 'keyboard',
      prefilled: true,
      position: { index: 1, count: 10 },
    });
    expect(await lastSpeech(sim)).toMatch(
      /^Mục 1 trên 10: Họ, chữ đệm, tên.*Bắt buộc\. Đã điền sẵn từ thẻ căn cước/,
    );

    // The prefilled fields: Xong on each (the date on the keypad, the choice by its number).
    let st = await touch(sim, 'key:done');
    expect(st.form?.field).toBe('ngaySinh');
    expect(st.details.entry).toBe('date');
    expect(st.details.typed).toBe('15/03/1990');
    st = await touch(sim, 'pad:done');
    expect(st.form?.field).toBe('gioiTinh');
    expect(st.details.entry).toBe('choice');
    // A number picks the option (said back, the citizen stays on the field); OK (Xong) moves on.
    st = await press(sim, '1');
    expect([st.form?.field, st.form?.values.gioiTinh]).toEqual(['gioiTinh', 'Nam']);
    expect(await lastSpeech(sim)).toMatch(/^Đã chọn Nam\. Bấm Xong/);
    st = await press(sim, 'ok');
    expect(st.form?.field).toBe('soDinhDanh');
    expect(st.details.typed).toBe('••••••••2345');
    st = await touch(sim, 'pad:done');
    expect(st.form?.field).toBe('diaChi');
    st = await touch(sim, 'key:done');
    // An optional phone number typed wrong: the problem is shown in a dialog and spoken.
    expect(st.form?.field).toBe('dienThoai');
    for (const d of '12345') await press(sim, d);
    st = await touch(sim, 'pad:done');
    expect(st.form?.errors.dienThoai).toMatch(/10 chữ số/);
    expect(st.details.dialog).toMatch(/10 chữ số/);
    expect(await lastSpeech(sim)).toMatch(/^Cần sửa lại\. Số điện thoại phải có 10 chữ số/);
    st = await press(sim, 'ok');
    expect(st.details.dialog).toBeNull();
    await touch(sim, 'pad:clear');
    st = await touch(sim, 'pad:done');
    expect(st.form?.field).toBe('tenGiayTo');
    // Telex on the on-screen keyboard.
    st = await typeText(sim, 'giaays khai sinh');
    expect(st.form?.values.tenGiayTo).toBe('giấy khai sinh');
    expect(st.form?.field).toBe('coQuanCap');
    st = await touch(sim, 'key:done');
    expect(st.form?.field).toBe('soTrang');
    await press(sim, '2');
    st = await touch(sim, 'pad:done');
    expect(st.form?.field).toBe('soBan');
    await press(sim, '3');
    st = await touch(sim, 'pad:done');
    expect(st.screen).toBe('form-review');
    expect(await lastSpeech(sim)).toMatch(/^Kiểm tra tờ khai/);
    const reviewRows = (st.details as { rows: { id: string; shown: string; error: string | null }[] }).rows;
    expect(reviewRows.find((r) => r.id === 'soDinhDanh')?.shown).toBe('••••••••2345');
    expect(reviewRows.every((r) => r.error === null)).toBe(true);

    // Change one field from the review page: back to the review after it.
    // The rows are paged: turn the pages (▼) until soBan shows.
    while (!st.targets.some((t) => t.id === 'row:soBan')) st = await touch(sim, 'page:next');
    st = await touch(sim, 'row:soBan');
    expect(st.form?.field).toBe('soBan');
    await touch(sim, 'pad:clear');
    await press(sim, '2');
    st = await touch(sim, 'pad:done');
    expect(st.screen).toBe('form-review');
    expect(st.form?.values.soBan).toBe('2');

    // 1: the A4 form on the mock printer, with its PDF and page images in /api/documents.
    st = await press(sim, '1');
    expect(st.screen).toBe('form-review');
    expect(st.details.toast).toMatch(/Đã in tờ khai/);
    const docs = await sim.api<{ id: number; pages: number; pdf: string; png: string[] }[]>('/api/documents');
    expect(docs).toHaveLength(1);
    const pdf = await sim.api<Buffer>(docs[0]?.pdf ?? '');
    const text = execFileSync('pdftotext', ['-', '-'], { input: pdf }).toString();
    expect(text).toContain('Nguyễn Văn An');
    expect(text).toContain('079090012345');
    expect(text).toMatch(/giấy khai sinh/);
    const page = await sim.api<Buffer>(docs[0]?.png[0] ?? '');
    expect(page.subarray(1, 4).toString()).toBe('PNG');

    // 2: a number for the procedure's group and the counter slip with the signed form and the fee.
    const before = (await sim.api<unknown[]>('/api/receipts')).length;
    st = await press(sim, '2');
    expect(st.screen).toBe('form-done');
    const done = st.details as {
      ticket: string;
      slipPrinted: boolean;
      fee: { text: string; qr: string } | null;
    };
    expect(done.ticket).toMatch(/^[A-Z]-\d{3}$/);
    expect(done.slipPrinted).toBe(true);
    expect(await lastSpeech(sim)).toMatch(/^Đã nộp tờ khai\. Số thứ tự của bạn là/);
    const receipts = await sim.api<{ png: string }[]>('/api/receipts');
    expect(receipts.length).toBe(before + 2); // the ticket, then the slip
    const slip = await sim.api<Buffer>(receipts.at(-1)?.png ?? '');
    const codes = await qrCodes(slip);
    const handoff = codes.find((c) => c.startsWith('KF1.'));
    expect(handoff).toBeDefined();
    const decoded = await runKiosk([
      'form',
      'decode',
      handoff ?? '',
      '--key',
      join(sim.dataDir, 'handoff-key.pub.pem'),
      '--json',
    ]);
    expect(decoded.code).toBe(0);
    const form = JSON.parse(decoded.stdout) as {
      procedure: string;
      ticket: string;
      values: Record<string, string>;
    };
    expect(form.procedure).toBe('2.000815');
    expect(form.ticket).toBe(done.ticket);
    expect(form.values).toMatchObject({ hoTen: 'Nguyễn Văn An', soDinhDanh: '079090012345', soBan: '2' });
    if (done.fee) {
      expect(done.fee.qr.startsWith('000201')).toBe(true);
      expect(codes).toContain(done.fee.qr);
    }

    // Nothing of the form in the fleet records; OK ends the session and the form is gone.
    const records = JSON.stringify(await outbox(sim));
    expect(records).toContain('events/form-handed-in');
    for (const secret of ['Nguyễn Văn An', '079090012345', 'giấy khai sinh'])
      expect(records).not.toContain(secret);
    st = await press(sim, 'ok');
    expect(st.screen).toBe('home');
    expect(st.sessionActive).toBe(false);
    expect((await state(sim)) as FormState).toMatchObject({ form: null });
  });
});
