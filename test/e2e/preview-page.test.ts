/// <reference lib="dom" />
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { hashPin } from '../../technician/provision/pin.js';
import { startSim, tempDir, type SimProcess } from '../helpers/sim-process.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

describe('live preview page in headless Chromium', () => {
  let sim: SimProcess;
  let browser: Browser;

  beforeAll(async () => {
    // A provisioned PIN: without one the maintenance entry does nothing (docs/technician.md).
    const config = join(tempDir('kiosk-preview-'), 'config.json');
    writeFileSync(config, JSON.stringify({ maintenance: { pinHash: hashPin('2468') } }));
    sim = await startSim({ headless: false, args: ['--config', config] });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
  });

  afterAll(async () => {
    await browser?.close();
    await sim?.stop();
  });

  it('clicking a panel button changes the screen, live, without reloading', async () => {
    const page = await browser.newPage();
    await page.goto(sim.url);
    await page.waitForFunction(
      () => (document.getElementById('screen') as HTMLImageElement).naturalWidth > 0,
    );
    const before = await page.locator('#screen').screenshot();
    const src0 = await page.locator('#screen').getAttribute('src');
    await page.click('#btn-1');
    await page.waitForFunction((s) => document.getElementById('screen')?.getAttribute('src') !== s, src0);
    await page.waitForFunction(() => document.querySelectorAll('#receipts img').length === 1);
    await page.waitForFunction(() => (document.getElementById('screen') as HTMLImageElement).complete);
    const after = await page.locator('#screen').screenshot();
    expect(after.equals(before)).toBe(false);
    await expect
      .poll(async () => (await page.locator('#speech').textContent()) ?? '')
      .toContain('Số thứ tự của bạn');
    const state = await sim.api<{ screen: string; lastTicket: { number: string } }>('/api/state');
    expect(state.screen).toBe('ticket');
    expect(state.lastTicket.number).toBe('A-001');
  });

  it('has the number buttons 7-9 the screens offer, and holding a button is a long-press', async () => {
    const page = await browser.newPage();
    await page.goto(sim.url);
    for (const id of ['7', '8', '9']) await expect.poll(() => page.locator(`#btn-${id}`).count()).toBe(1);
    await sim.api('/api/button', { id: 'ok' });
    await sim.api('/api/button', { id: 'back' });
    await page.click('#btn-7');
    await expect.poll(async () => (await sim.api<{ screen: string }>('/api/state')).screen).toBe('ticket');
    await sim.api('/api/button', { id: 'ok' });
    const hold = async (id: string): Promise<void> => {
      await page.hover(`#btn-${id}`);
      await page.mouse.down();
      await page.waitForTimeout(1100);
      await page.mouse.up();
    };
    // The technician's entry: UP held, then DOWN held (no presses are sent for the holds).
    await hold('up');
    await hold('down');
    await expect
      .poll(async () => (await sim.api<{ screen: string }>('/api/state')).screen)
      .toBe('maintenance-pin');
  });
});
