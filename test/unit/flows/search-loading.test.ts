import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { composeKiosk, type Kiosk } from '../../../app/compose.js';
import { stopKiosk } from '../../../app/lifecycle.js';
import { validateConfig } from '../../../runtime/config/load.js';
import type { ServiceContext } from '../../../runtime/service.js';

const ctx = (): ServiceContext => ({ signal: new AbortController().signal, fail: () => undefined });

/**
 * Issue #16: the home screen is up before the catalog and its search index. A search (or the
 * assistant) asked for in that moment says "đang tải" and runs once the catalog is in; it is
 * never told the catalog is unavailable.
 */
describe('a search before the catalog is loaded', () => {
  let dir: string | undefined;
  let kiosk: Kiosk | undefined;
  afterEach(async () => {
    if (kiosk) await stopKiosk(kiosk).catch(() => undefined);
    kiosk = undefined;
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  /** The UI (and what it speaks with) started, the catalog not yet. */
  const uiOnly = async (): Promise<Kiosk> => {
    dir = mkdtempSync(join(tmpdir(), 'kiosk-search-loading-'));
    const k = composeKiosk(validateConfig({ storage: { dataDir: dir } }));
    await k.voice.start(ctx());
    await k.ui.start(ctx());
    kiosk = k;
    return k;
  };
  const spoken = (k: Kiosk): string[] => {
    const said: string[] = [];
    k.bus.on('test', 'voice.spoken', (e) => said.push(e.text));
    return said;
  };

  it('waits with "Đang tải", then opens what the search finds', async () => {
    const k = await uiOnly();
    const said = spoken(k);
    k.ui.open('results', { query: 'đăng ký khai sinh' });
    await k.ui.settle();
    expect(k.catalog.current).toBeUndefined();
    expect(k.ui.current?.name).toBe('search-loading');
    expect(k.ui.current?.speech?.('vi')).toContain('Đang tải danh mục thủ tục');
    await k.catalog.start(ctx());
    await new Promise(setImmediate);
    await k.ui.settle();
    expect(k.ui.current?.name).toBe('procedure');
    expect(JSON.stringify(k.ui.current?.describe?.())).toContain('khai sinh');
    expect(said.join(' ')).not.toContain('Chưa tra cứu được');
  });

  it('the assistant waits too, and a citizen who went home is not pulled back', async () => {
    const k = await uiOnly();
    k.ui.open('assistant');
    await k.ui.settle();
    expect(k.ui.current?.name).toBe('search-loading');
    k.ui.open('results', { query: 'kết hôn' }, { replace: true });
    await k.ui.settle();
    expect(k.ui.current?.name).toBe('search-loading');
    k.ui.home();
    await k.catalog.start(ctx());
    await new Promise(setImmediate);
    await k.ui.settle();
    expect(k.ui.current?.name).toBe('home');
  });

  it('opens the assistant once the catalog is in', async () => {
    const k = await uiOnly();
    k.ui.open('assistant');
    await k.ui.settle();
    await k.catalog.start(ctx());
    await new Promise(setImmediate);
    await k.ui.settle();
    expect(k.ui.current?.name).toBe('assistant');
  });
});
