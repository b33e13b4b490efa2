import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCatalog, type CatalogService } from '../../domain/catalog/catalog-service.js';
import { startSim, type SimProcess } from '../helpers/sim-process.js';
import { lastSpeech, press, state, touch, typeText } from './flow-steps.js';

describe('Citizen flows: procedure search and detail read aloud', () => {
  let sim: SimProcess;
  let catalog: CatalogService;
  beforeAll(async () => {
    [sim, catalog] = await Promise.all([startSim(), loadCatalog()]);
  });
  afterAll(async () => {
    await sim.stop();
  });

  const home = async (): Promise<void> => {
    await press(sim, 'back');
    while ((await state(sim)).screen !== 'home') await press(sim, 'back');
  };

  for (const query of ['giay khai sinh', 'dk khai sinh']) {
    it(`"${query}" typed on the on-screen keyboard answers with the birth registration, read aloud`, async () => {
      await home();
      expect((await press(sim, '2')).screen).toBe('search');
      const typed = await typeText(sim, query, false);
      expect(typed.details.query).toBe(query);
      const detail = await touch(sim, 'key:done');
      expect(detail.screen).toBe('procedure');
      const expected = catalog.search.search(query).results[0];
      expect(detail.details.code).toBe(expected?.code);
      expect(String(detail.details.name).toLowerCase()).toContain('khai sinh');
      expect(detail.details.group).toBe('tu-phap');
      const summary = await lastSpeech(sim);
      expect(summary).toMatch(/^Thủ tục đăng ký khai sinh\. Lệ phí: /);
      expect(summary).toContain('Thời gian giải quyết');
      // The first page is the summary; ▼ turns to the documents.
      expect(detail.details.page).toBe(1);
      expect((detail.details.text as string[])[1]).toMatch(/^Lệ phí: /);
      const next = await press(sim, 'down');
      expect(next.details.page).toBe(2);
      expect(next.focus).toBe(detail.focus);
      await press(sim, 'up');
      // Button 1 repeats the summary.
      await press(sim, '1');
      expect(await lastSpeech(sim)).toBe(summary);
      // Button 2 reads the common-case documents one at a time; "Tiếp" moves on.
      const reading = await press(sim, '2');
      expect(await lastSpeech(sim)).toMatch(/^Giấy tờ số một trong ba: Tờ khai đăng ký khai sinh/);
      expect(reading.targets.find((t) => t.button === '2')?.label).toBe('Tiếp');
      await press(sim, '2');
      const second = await lastSpeech(sim);
      expect(second).toMatch(/^Giấy tờ số hai trong ba: /);
      // Now button 1 repeats that document.
      await press(sim, '1');
      expect(await lastSpeech(sim)).toBe(second);
    });
  }

  it('works with number buttons alone: a topic shortcut, then take a number for that procedure', async () => {
    await home();
    await press(sim, '2');
    const detail = await press(sim, '1');
    expect(detail.screen).toBe('procedure');
    expect(String(detail.details.name).toLowerCase()).toContain('khai sinh');
    const ticket = await press(sim, '3');
    expect(ticket.screen).toBe('ticket');
    expect(ticket.lastTicket?.number).toMatch(/^A-\d{3}$/);
  });

  it('nothing relevant: apologizes and points to the reception desk', async () => {
    await home();
    await press(sim, '2');
    const shown = await typeText(sim, 'thoi tiet hom nay');
    expect(catalog.search.search('thoi tiet hom nay').behavior).toBe('apologize');
    expect(shown.screen).toBe('apologize');
    expect(await lastSpeech(sim)).toContain('Xin lỗi, chưa tìm thấy thủ tục phù hợp');
    expect(await lastSpeech(sim)).toContain('bàn tiếp nhận');
    expect((await press(sim, '1')).screen).toBe('search');
  });

  it('several close candidates: offers them as numbered choices', async () => {
    await home();
    await press(sim, '2');
    const outcome = catalog.search.search('đất đai', { limit: 10 });
    const shown = await press(sim, '6');
    if (outcome.behavior === 'clarify') {
      expect(shown.screen).toBe('results');
      expect(shown.details.results).toEqual(outcome.results.slice(0, 5).map((r) => r.code));
      expect(await lastSpeech(sim)).toContain(`Số 1: ${outcome.results[0]?.name}`);
      const picked = await press(sim, '2');
      expect(picked.screen).toBe('procedure');
      expect(picked.details.code).toBe(outcome.results[1]?.code);
    } else {
      // The search decided differently for this topic; the screen must follow it.
      expect(shown.screen).toBe(outcome.behavior === 'answer' ? 'procedure' : 'apologize');
    }
  });

  it('the search screen speaks its guidance in English after the language switch', async () => {
    await home();
    await touch(sim, 'language');
    await press(sim, '2');
    expect(await lastSpeech(sim)).toMatch(/^Procedure search\./);
    await home();
  });
});
