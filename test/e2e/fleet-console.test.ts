/// <reference lib="dom" />
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { buildRollout, withAudience } from '../../domain/fleet/catalog-manifest.js';
import { publishAsync } from '../../domain/fleet/fleet-client.js';
import { WAVE_SPACE } from '../../domain/fleet/rollout-audience.js';
import { fleetTopics } from '../../domain/fleet/topics.js';
import { fleetKeys, manager, startFleetSim } from '../helpers/fleet.js';
import { startMosquitto, type Mosquitto } from '../helpers/mosquitto.js';
import { startRegistry, type Registry } from '../helpers/registry.js';
import { runKiosk, tempDir } from '../helpers/sim-process.js';
import { catalogBytes, makeCatalog } from '../unit/fleet/fixtures.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const PASSWORD = 'bảng điều khiển 2026';
const topics = fleetTopics('kiosk/v1');
const PROVINCES = ['ha-noi', 'hue', 'da-nang', 'can-tho'];
const XSS_NAME = '<img src=x onerror="window.__pwned=1">Quầy 1';
const XSS_APP = '"><svg onload="window.__pwned=2">';
const XSS_COMMENT = '<script>window.__pwned=3</script><img src=x onerror="window.__pwned=4">';

/**
 * What the device list cuts off at this viewport: columns past the list's right edge (a
 * horizontal scroll), and cells other than device-sent text (cut with an ellipsis by design,
 * whole in the tooltip) whose text does not fit. Empty when everything is readable.
 */
async function cutOff(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const wrap = document.querySelector('.table-wrap') as HTMLElement;
    const right = wrap.getBoundingClientRect().right;
    const out: string[] = [];
    if (wrap.scrollWidth > wrap.clientWidth)
      out.push(`list ${wrap.scrollWidth} px wide in ${wrap.clientWidth} px`);
    for (const th of Array.from(document.querySelectorAll('#devices th')))
      if (th.getBoundingClientRect().right > right + 0.5) out.push(`column ${th.textContent} past the edge`);
    for (const td of Array.from(document.querySelectorAll<HTMLElement>('#devices td:not(.text)')))
      if (td.scrollWidth > td.clientWidth) out.push(`cell "${td.textContent}" cut`);
    return out.slice(0, 10);
  });
}

describe('Fleet console in headless Chromium: login, devices, live updates, rollouts, escaping', () => {
  let broker: Mosquitto;
  let registry: Registry;
  let browser: Browser;
  let page: Page;
  let mgr: Awaited<ReturnType<typeof manager>>;
  const dialogs: string[] = [];
  let confirmNext = false;
  const status = (device: string, i: number, extra: Record<string, unknown> = {}) => {
    const province = PROVINCES[i % PROVINCES.length] as string;
    return JSON.stringify({
      state: 'online',
      ts: new Date().toISOString(),
      device,
      channel: 'stable',
      appVersion: '0.1.0',
      catalogVersion: '2026.12.01-1',
      groups: [province, `${province}.xa-${String((i % 7) + 1).padStart(3, '0')}`],
      peripherals: { printer: { online: true, paper: i % 10 === 0 ? 'out' : 'ok' } },
      ...extra,
    });
  };

  beforeAll(async () => {
    broker = await startMosquitto();
    const db = join(tempDir('fleet-console-'), 'registry.sqlite');
    const add = await runKiosk(['fleet', 'user', 'add', 'quan-ly', '--db', db], {
      env: { KIOSK_FLEET_USER_PASSWORD: PASSWORD },
    });
    expect(add.code, add.stderr).toBe(0);
    registry = await startRegistry(broker.url, db, 'registry-console');
    mgr = await manager(broker.url);
    for (let i = 0; i < 200; i++) {
      const id = `kiosk-${String(i).padStart(4, '0')}`;
      await publishAsync(mgr.client, topics.status(id), status(id, i), { qos: 1, retain: true });
    }
    await publishAsync(
      mgr.client,
      topics.status('kiosk-xss'),
      status('kiosk-xss', 1, { name: XSS_NAME, appVersion: XSS_APP }),
      { qos: 1, retain: true },
    );
    const id = randomUUID();
    await publishAsync(
      mgr.client,
      topics.deviceMessage('kiosk-xss', 'records/rating'),
      JSON.stringify({
        id,
        seq: 1,
        device: 'kiosk-xss',
        type: 'rating',
        kind: 'record',
        ts: new Date().toISOString(),
        data: { id, score: 2, levels: 5, counter: 3, comment: XSS_COMMENT },
      }),
      { qos: 1 },
    );
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
    page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    page.on('dialog', (d) => {
      if (confirmNext && d.type() === 'confirm') return void d.accept();
      dialogs.push(d.message());
      void d.dismiss();
    });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    mgr?.client.end(true);
    registry?.proc.kill('SIGKILL');
    await broker?.dispose();
  });

  it('asks for a login, refuses a wrong password, then lists every device', async () => {
    await page.goto(registry.url);
    await page.waitForSelector('#login:not([hidden])');
    await page.fill('input[name=user]', 'quan-ly');
    await page.fill('input[name=password]', 'sai rồi, sai rồi');
    await page.click('#login button');
    await page.waitForFunction(() => document.getElementById('login-error')?.textContent !== '');
    expect(await page.locator('#login-error').textContent()).toBe('Sai tài khoản hoặc mật khẩu.');
    await page.fill('input[name=password]', PASSWORD);
    await page.click('#login button');
    await page.waitForSelector('body[data-ready="1"]');
    expect(await page.locator('#login').isVisible()).toBe(false);
    await page.waitForFunction(() => document.getElementById('count')?.textContent === '201 kiosk');
    expect(await page.locator('#summary').textContent()).toMatch(/201 \/ 201 kiosk hoạt động/);
    expect(await page.locator('#groups li').count()).toBe(PROVINCES.length);
    expect(await page.locator('#groups button', { hasText: 'can-tho' }).textContent()).toBe('can-tho50');
    expect(await page.locator('#problem option[value=paper]').textContent()).toBe('Hết giấy (20)');
    expect(await cutOff(page)).toEqual([]);
  });

  it('shows the registry pages of 100, in device order', async () => {
    const ids = () =>
      page
        .locator('#devices tbody tr')
        .evaluateAll((rows) => rows.map((r) => (r as HTMLElement).dataset.device));
    expect(await ids()).toEqual(Array.from({ length: 100 }, (_, i) => `kiosk-${String(i).padStart(4, '0')}`));
    expect(await page.locator('#page-range').textContent()).toBe('1–100');
    expect(await page.locator('#prev').isDisabled()).toBe(true);
    await page.click('#next');
    await page.click('#next');
    await page.waitForFunction(() => document.getElementById('page-range')?.textContent === '201–201');
    expect(await ids()).toEqual(['kiosk-xss']);
    expect(await page.locator('#next').isDisabled()).toBe(true);
    await page.click('#prev');
    await page.waitForFunction(() => document.getElementById('page-range')?.textContent === '101–200');
    await page.fill('#search', 'kiosk-019');
    await page.waitForFunction(() => document.getElementById('count')?.textContent === '10 kiosk');
    expect(await page.locator('#page-range').textContent()).toBe('1–10');
    expect(await page.locator('#pager').isVisible()).toBe(false);
    await page.fill('#search', '');
    await page.waitForFunction(() => document.getElementById('count')?.textContent === '201 kiosk');
  });

  it('shows device-sent HTML as text: nothing injected runs or becomes an element', async () => {
    // found by its name without the diacritics (Quầy 1)
    await page.fill('#search', 'QUAY 1');
    await page.waitForFunction(() => document.getElementById('count')?.textContent === '1 kiosk');
    const row = page.locator('tr[data-device="kiosk-xss"]');
    await expect.poll(() => row.count()).toBe(1);
    expect(await row.locator('td').nth(1).textContent()).toBe(XSS_NAME);
    expect(await row.locator('td').nth(4).textContent()).toBe(XSS_APP);
    await row.click();
    await page.waitForFunction(() => (document.getElementById('detail-records')?.children.length ?? 0) > 0);
    expect(await page.locator('#detail-title').textContent()).toBe(`kiosk-xss — ${XSS_NAME}`);
    expect(await page.locator('#detail-records li').first().textContent()).toContain(XSS_COMMENT);
    expect(await page.locator('#detail-status').textContent()).toContain('onerror');
    const injected = await page.evaluate(() => ({
      pwned: (window as unknown as { __pwned?: number }).__pwned ?? null,
      elements: document.querySelectorAll('main img, main svg, main script, main iframe').length,
    }));
    expect(injected).toEqual({ pwned: null, elements: 0 });
    expect(dialogs).toEqual([]);
    await page.click('#detail-close');
    await page.fill('#search', '');
  });

  it('filters by text, province and problem', async () => {
    await page.fill('#search', 'hue.xa-002');
    // the registry's answer: i ≡ 1 (mod 4) and (mod 7) among 0..199, and kiosk-xss
    await page.waitForFunction(() => document.getElementById('count')?.textContent === '9 kiosk');
    const rows = await page.locator('#devices tbody tr td:nth-child(4)').allTextContents();
    expect(rows.length).toBeGreaterThan(0);
    for (const g of rows) expect(g).toContain('hue.xa-002');
    await page.fill('#search', '');
    await page.selectOption('#problem', 'paper');
    await page.waitForFunction(() => document.getElementById('count')?.textContent === '20 kiosk');
    await page.selectOption('#problem', '');
    await page.locator('#groups button', { hasText: 'can-tho' }).click();
    await page.waitForFunction(() => document.getElementById('count')?.textContent === '50 kiosk');
    await page.click('#clear-group');
    await page.waitForFunction(() => document.getElementById('count')?.textContent === '201 kiosk');
  });

  it('updates live over server-sent events: a new kiosk appears, one going offline is shown so', async () => {
    await page.fill('#search', 'kiosk-n');
    await page.waitForFunction(() => document.getElementById('count')?.textContent === '0 kiosk');
    await publishAsync(mgr.client, topics.status('kiosk-new'), status('kiosk-new', 3), {
      qos: 1,
      retain: true,
    });
    await publishAsync(
      mgr.client,
      topics.status('kiosk-0005'),
      JSON.stringify({
        state: 'offline',
        reason: 'shutdown',
        ts: new Date().toISOString(),
        device: 'kiosk-0005',
      }),
      { qos: 1, retain: true },
    );
    await page.waitForSelector('tr[data-device="kiosk-new"]', { timeout: 10_000 });
    expect(await page.locator('#count').textContent()).toBe('1 kiosk');
    await page.fill('#search', '');
    await page.waitForFunction(
      () =>
        document.querySelector('tr[data-device="kiosk-0005"] td:nth-child(3)')?.textContent === 'Mất kết nối',
      undefined,
      { timeout: 10_000 },
    );
    expect(await page.locator('#live').textContent()).toMatch(/trực tiếp/);
  });

  it('shows a rollout with its progress and aborts it from the page', async () => {
    const keys = fleetKeys();
    const rolloutId = 'r-console-1';
    const built = buildRollout({
      catalog: catalogBytes(makeCatalog('2026.12.02-1', 10)),
      channel: 'stable',
      key: keys.key,
      audience: { rollout: rolloutId, wave: 0, below: WAVE_SPACE / 2 },
    });
    const m = built.manifest;
    const login = await fetch(`${registry.url}/api/login`, {
      method: 'POST',
      body: JSON.stringify({ user: 'quan-ly', password: PASSWORD }),
    });
    const { token } = (await login.json()) as { token: string };
    const res = await fetch(`${registry.url}/api/rollouts`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        id: rolloutId,
        channel: 'stable',
        target: {},
        waves: [
          { percent: 50, expected: 100, manifest: m },
          {
            percent: 100,
            expected: 201,
            manifest: withAudience(m, { rollout: rolloutId, wave: 1, below: WAVE_SPACE }, keys.key),
          },
        ],
        abortManifest: withAudience(m, { rollout: rolloutId, wave: 1, below: 0 }, keys.key),
        abortOnFailures: 0.5,
        advanceAt: 0.95,
        minWaveMs: 3_600_000,
      }),
    });
    expect(res.status, await res.clone().text()).toBe(201);
    // a few kiosks report: applied, and one refusal
    for (const [i, type] of [
      [1, 'catalog-applied'],
      [2, 'catalog-applied'],
      [3, 'catalog-refused'],
    ] as const) {
      const device = `kiosk-${String(i).padStart(4, '0')}`;
      const id = randomUUID();
      await publishAsync(
        mgr.client,
        topics.events(device, type),
        JSON.stringify({
          id,
          seq: 2,
          device,
          type,
          kind: 'event',
          ts: new Date().toISOString(),
          data: { version: '2026.12.02-1', code: 'delta-base-mismatch' },
        }),
        { qos: 1 },
      );
    }
    const box = page.locator(`.rollout[data-rollout="${rolloutId}"]`);
    await box.waitFor({ timeout: 10_000 });
    await expect.poll(async () => box.textContent(), { timeout: 10_000 }).toMatch(/lỗi \d+/);
    if (process.env.KIOSK_DOCS_SCREENSHOTS)
      await page.screenshot({ path: resolve('docs/fleet-console.png'), fullPage: false });
    confirmNext = true;
    await box.locator('button[data-action="abort"]').click();
    await expect.poll(async () => box.textContent(), { timeout: 10_000 }).toMatch(/đã dừng hẳn/);
    expect(await box.textContent()).toMatch(/aborted by quan-ly/);
  });

  it("shows a device's last screenshot, stored by kiosk fleet cmd screenshot --registry", async () => {
    const keys = fleetKeys();
    const sim = await startFleetSim({
      broker: broker.url,
      deviceId: 'kiosk-shot',
      fleetKey: keys.publicFile,
      device: { groups: ['hue', 'hue.xa-009'] },
    });
    try {
      await page.fill('#search', 'kiosk-shot');
      await page.waitForSelector('tr[data-device="kiosk-shot"]', { timeout: 15_000 });
      await page.click('tr[data-device="kiosk-shot"]');
      await page.waitForFunction(() =>
        document.getElementById('detail-shot')?.textContent?.includes('Chưa có ảnh'),
      );
      const out = join(tempDir('fleet-shot-'), 'shot.png');
      const cmd = await runKiosk(
        [
          'fleet',
          'cmd',
          'screenshot',
          '--device',
          'kiosk-shot',
          '--key',
          keys.privateFile,
          '--broker',
          broker.url,
          '--out',
          out,
          '--registry',
          registry.url,
          '--registry-user',
          'quan-ly',
        ],
        { env: { KIOSK_FLEET_REGISTRY_PASSWORD: PASSWORD } },
      );
      expect(cmd.code, cmd.stderr).toBe(0);
      expect(cmd.stderr).toMatch(/kiosk-shot: screenshot stored in the registry/);
      await page.click('#detail-close');
      await page.click('tr[data-device="kiosk-shot"]');
      const img = page.locator('#detail-shot img');
      await img.waitFor();
      await expect.poll(() => img.evaluate((e) => (e as HTMLImageElement).naturalWidth)).toBeGreaterThan(0);
      expect(await page.locator('#detail-shot p').textContent()).toMatch(/^Chụp lúc .* KB · quan-ly$/);
      // the PNG served is the one the kiosk sent
      const served = await page.evaluate(async () => {
        const src = (document.querySelector('#detail-shot img') as HTMLImageElement).src;
        return Array.from(new Uint8Array(await (await fetch(src)).arrayBuffer()));
      });
      expect(Buffer.from(served).equals(readFileSync(out))).toBe(true);
      if (process.env.KIOSK_DOCS_SCREENSHOTS)
        await page.screenshot({ path: resolve('docs/fleet-console-detail.png'), fullPage: false });
      await page.click('#detail-close');
      await page.fill('#search', '');
    } finally {
      await sim.stop();
    }
  });

  it('refuses a screenshot that is not a PNG, too large, of no device, or without a login', async () => {
    const login = await fetch(`${registry.url}/api/login`, {
      method: 'POST',
      body: JSON.stringify({ user: 'quan-ly', password: PASSWORD }),
    });
    const { token } = (await login.json()) as { token: string };
    const put = (device: string, body: Uint8Array<ArrayBuffer>, auth = true) =>
      fetch(`${registry.url}/api/devices/${device}/screenshot`, {
        method: 'PUT',
        headers: { 'content-type': 'image/png', ...(auth ? { authorization: `Bearer ${token}` } : {}) },
        body,
      });
    const html = new TextEncoder().encode('<html><script>alert(1)</script></html>'.padEnd(64, ' '));
    expect((await put('kiosk-0001', html)).status).toBe(400);
    const big = new Uint8Array(5 * 1024 * 1024);
    big.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect((await put('kiosk-0001', big)).status).toBe(413);
    expect((await put('kiosk-0001', html, false)).status).toBe(401);
    expect((await put('no-such-kiosk', html)).status).toBe(404);
    const none = await fetch(`${registry.url}/api/devices/kiosk-0001/screenshot`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(none.status).toBe(404);
    // the one stored is still there and served as an image, never as a page
    const kept = await fetch(`${registry.url}/api/devices/kiosk-shot/screenshot`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(kept.headers.get('content-type')).toBe('image/png');
    expect(kept.headers.get('x-content-type-options')).toBe('nosniff');
  });
});
