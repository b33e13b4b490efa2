import { describe, expect, it } from 'vitest';
import { headlessKioskForSuite } from '../../helpers/headless-kiosk.js';
import { homeSpeech } from '../../../flows/speech/home.js';
import { createHomeScreen } from '../../../ui-framebuffer/screens/home.js';
import { renderContext, stubNav } from '../ui/render-helper.js';

describe('Home: a visible text-size control, and switching language or size says so', () => {
  const headless = headlessKioskForSuite();

  const tap = async (id: string): Promise<void> => {
    const ui = headless().kiosk.ui;
    const t = ui.visibleTargets.find((x) => x.id === id);
    expect(t, `target ${id}`).toBeDefined();
    const at = headless().kiosk.clock.now();
    const x = t!.rect.x + t!.rect.width / 2;
    const y = t!.rect.y + t!.rect.height / 2;
    headless().kiosk.bus.emit('input.touch', { x, y, phase: 'down', at });
    headless().kiosk.bus.emit('input.touch', { x, y, phase: 'up', at });
    await ui.settle();
  };

  it('the theme tile switches the text size, and the voice confirms it', async () => {
    await headless().render('home', { theme: 'large', lang: 'vi' });
    const ui = headless().kiosk.ui;
    expect(ui.visibleTargets.find((t) => t.id === 'theme')?.label).toBe('Chữ thường');
    await tap('theme');
    expect(ui.themeName).toBe('normal');
    expect(ui.visibleTargets.find((t) => t.id === 'theme')?.label).toBe('Chữ to');
    expect(ui.current?.speech?.('vi')).not.toContain('Đã chuyển');
    await tap('theme');
    expect(ui.themeName).toBe('large');
  });

  it('switching language is announced, once, in the new language', async () => {
    let spoken = 0;
    let lang: 'vi' | 'en' = 'vi';
    const nav = {
      ...stubNav(),
      repeatSpeech: () => void spoken++,
      setLang: (l: 'vi' | 'en') => void (lang = l),
    };
    const home = createHomeScreen(nav, {
      centre: 'UBND xã',
      agency: 'Trung tâm',
      entries: [],
      speech: homeSpeech,
    });
    const { rc } = renderContext(800, 480, 'large', 'vi');
    const targets = home.render(rc);
    await targets.find((t) => t.id === 'language')?.activate();
    expect(lang).toBe('en');
    expect(spoken).toBe(1);
    expect(home.speech?.('en')).toMatch(/^Switched to English\. Welcome\./);
    expect(home.speech?.('en')).toMatch(/^Welcome\./);
    await targets.find((t) => t.id === 'theme')?.activate();
    expect(home.speech?.('vi')).toMatch(/^Đã chuyển sang chữ thường, nền trắng\. Xin chào\./);
  });

  it('the entries read as English in English: "Press 7: Priority number", "ID" kept (#14)', async () => {
    // The walkthrough heard "Press 7 to priority number" and "Press 6 to scan id card".
    await headless().render('home', { theme: 'normal', lang: 'en' });
    const said = headless().kiosk.ui.current?.speech?.('en') ?? '';
    expect(said).toContain('Press 1: Take a number.');
    expect(said).toContain('Press 6: Scan ID card.');
    expect(said).toContain('Press 7: Priority number.');
    expect(said).not.toMatch(/Press \d to/u);
    await headless().render('home', { theme: 'normal', lang: 'vi' });
    expect(headless().kiosk.ui.current?.speech?.('vi')).toContain('Bấm số 1 để lấy số thứ tự.');
  });

  it('HELP held does not change the theme', async () => {
    await headless().render('home', { theme: 'large', lang: 'vi' });
    headless().kiosk.bus.emit('input.button', {
      id: 'help',
      action: 'long-press',
      at: headless().kiosk.clock.now(),
    });
    await headless().kiosk.ui.settle();
    expect(headless().kiosk.ui.themeName).toBe('large');
  });
});
