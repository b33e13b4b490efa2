import { writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSim, type SimProcess } from '../helpers/sim-process.js';
import { lastSpeech, press, state, type FlowState } from './flow-steps.js';

interface AskState extends FlowState {
  assistant: {
    focus: string | null;
    slot: string | null;
    reply: string | null;
    choices: { code: string; label: string }[];
  } | null;
}

const FRAMES = process.env.KIOSK_TEST_FRAMES;

describe('Citizen flows: the virtual assistant ("Hỏi trợ lý")', () => {
  let sim: SimProcess;
  beforeAll(async () => {
    sim = await startSim();
  });
  afterAll(async () => {
    await sim.stop();
  });

  const ask = (text: string): Promise<AskState> => sim.api<AskState>('/api/ask', { text });
  const frame = async (name: string): Promise<void> => {
    if (FRAMES) writeFileSync(`${FRAMES}/${name}.png`, await sim.api<Buffer>('/api/screen.png'));
  };
  const home = async (): Promise<void> => {
    while ((await state(sim)).screen !== 'home') await press(sim, 'back');
  };

  it('opens from its home button and answers follow-ups about the procedure in focus, spoken', async () => {
    await home();
    const button = (await state(sim)).targets.find((t) => t.id === 'assistant')?.button;
    expect(button).toBe('8');
    expect((await press(sim, button ?? '8')).screen).toBe('assistant');
    await frame('assistant-start');
    const first = await ask('tach ho phai sao');
    expect(first.screen).toBe('assistant');
    expect(first.assistant).toMatchObject({ focus: '1.010038', slot: 'steps' });
    const fee = await ask('phi bn');
    expect(fee.assistant).toMatchObject({ focus: '1.010038', slot: 'fee' });
    expect(fee.assistant?.reply).toContain('10.000 đồng');
    expect(await lastSpeech(sim)).toBe(fee.assistant?.reply);
    await frame('assistant-fee');
    // What to do with it: numbered buttons.
    expect(fee.targets.filter((t) => t.button).map((t) => t.id)).toEqual([
      'type',
      'print-checklist',
      'take-number',
      'detail',
      // The procedure in focus has a form at this kiosk (#15).
      'fill-form',
    ]);
  });

  it('offers numbered choices and takes one by its number button', async () => {
    await home();
    const c = await ask('xin giay phep xay dung');
    expect(c.screen).toBe('assistant');
    expect(c.assistant?.choices.length).toBeGreaterThan(1);
    expect(c.assistant?.choices.length).toBeLessThanOrEqual(5);
    await frame('assistant-choices');
    const chosen = await press(sim, '2');
    expect((chosen as AskState).assistant?.focus).toBe(c.assistant?.choices[1]?.code);
  });

  it('prints the checklist of the procedure in focus with a QR to its portal page', async () => {
    await home();
    await ask('đăng ký kết hôn cần giấy tờ gì');
    const before = (await sim.api<unknown[]>('/api/receipts')).length;
    const printed = await press(sim, '2');
    expect(printed.details.toast).toMatch(/Đã in danh sách giấy tờ/);
    const receipts = await sim.api<{ text: string; pngBase64: string; cut: boolean }[]>('/api/receipts');
    expect(receipts.length).toBe(before + 1);
    const receipt = receipts.at(-1);
    expect(receipt?.cut).toBe(true);
    if (FRAMES && receipt) writeFileSync(`${FRAMES}/checklist.png`, Buffer.from(receipt.pngBase64, 'base64'));
  });

  it('takes a number for the procedure’s own group', async () => {
    await home();
    await ask('đăng ký tạm trú');
    const ticket = await press(sim, '3');
    expect(ticket.screen).toBe('ticket');
    expect(ticket.lastTicket?.groupId).not.toBe('');
    const khaiSinh = ticket.lastTicket?.groupId;
    await home();
    await ask('đăng ký khai sinh');
    const second = await press(sim, '3');
    // Hộ tịch and cư trú are different service groups in the sample config.
    expect(second.lastTicket?.groupId).toBe('tu-phap');
    expect(khaiSinh).toBeDefined();
  });

  it('answers bad input kindly and stays on the screen; the conversation is gone after home', async () => {
    await home();
    for (const text of ['x'.repeat(10_000), '😀😀', '\u0000\u001b[2J', '; rm -rf /', '???']) {
      const t = await ask(text);
      expect(t.screen).toBe('assistant');
      expect(t.assistant?.reply).toMatch(/Xin lỗi|Bạn/);
    }
    await ask('tách hộ');
    await home();
    const fresh = await ask('phí bao nhiêu');
    expect(fresh.assistant?.focus).toBeNull();
    await frame('assistant-apology');
  });
});
