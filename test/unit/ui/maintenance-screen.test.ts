import { createCanvas } from '@napi-rs/canvas';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordingRenderContext } from './render-helper.js';
import { HeadlessKiosk } from '../../../app/headless-render.js';
import type { CheckReport } from '../../../runtime/check-result.js';
import { ticketTimestamp } from '../../../runtime/time.js';
import { checkTitle } from '../../../ui-framebuffer/check-words.js';
import type { Lang } from '../../../ui-framebuffer/localize.js';
import type { Screen } from '../../../ui-framebuffer/screen.js';
import { themeByName } from '../../../ui-framebuffer/theme.js';
import { recordingContext, type DrawnText } from '../../helpers/text-recorder.js';

const TIME = Date.parse('2026-11-25T08:30:00+07:00');

/**
 * The issue: maintenance check lines were English in squeezed fonts, only 8 of 19 visible, ▼ did
 * not scroll, and the printed report's time was UTC while the screen shows local time.
 */
describe('Maintenance screen: every check reachable with ▼, Vietnamese, full-size text', () => {
  let headless: HeadlessKiosk;
  let report: CheckReport;
  beforeAll(async () => {
    headless = await HeadlessKiosk.open({ width: 800, height: 480, rotation: 0, time: TIME });
    report = await headless.kiosk.maintenancePanel.runChecks();
  });
  afterAll(async () => {
    await headless.close();
  });

  const draw = (screen: Screen, theme: 'large' | 'normal', lang: Lang): DrawnText[] => {
    const { rec, rc } = recordingRenderContext(theme, lang, TIME);
    screen.render(rc);
    return rec.drawn;
  };

  for (const theme of ['large', 'normal'] as const)
    for (const lang of ['vi', 'en'] as const)
      it(`${theme} theme, ${lang}: ▼ turns through every check; no text squeezed or under the size`, async () => {
        const screen = headless.kiosk.routes.maintenance.open(headless.kiosk.ui, undefined);
        if (!screen) throw new Error('no maintenance screen');
        await headless.show(screen, { theme, lang });
        // The screen runs its checks when it opens: wait for them.
        for (let i = 0; i < 100 && screen.describe?.().running !== false; i++)
          await new Promise((r) => setTimeout(r, 20));
        const seen: string[] = [];
        const problems: string[] = [];
        let previous = '';
        for (let press = 0; press < 40; press++) {
          const drawn = draw(screen, theme, lang);
          const shown = drawn.map((t) => t.text).join('\n');
          if (shown === previous) break;
          previous = shown;
          seen.push(...((screen.describe?.().lines as string[] | undefined) ?? []));
          for (const t of drawn) {
            if (t.maxWidth !== undefined && t.width > t.maxWidth + 1) problems.push(`squeezed: ${t.text}`);
            const badge = t.weight === 800 && /^(?:[1-9]|OK)$/.test(t.text.trim());
            if (theme === 'large' && !badge && t.text.trim() && t.size < 32)
              problems.push(`${t.size} px: ${t.text}`);
          }
          screen.onButton?.({ id: 'down', action: 'press', at: TIME });
        }
        expect(problems).toEqual([]);
        expect(screen.describe?.().pages).toBeGreaterThan(1);
        expect(screen.describe?.().page).toBe(screen.describe?.().pages);
        // The list's lines of every page joined: a long title wraps onto the next line (or page).
        const all = seen.join(' ');
        // Every check is on some page (the running services in one line).
        for (const c of report.checks.filter((x) => !x.id.startsWith('service.')))
          expect(all, c.id).toContain(checkTitle(c, lang));
        const services = report.checks.filter((c) => c.id.startsWith('service.')).length;
        expect(all).toContain(
          lang === 'vi' ? `Dịch vụ: ${services} đang chạy` : `Services: ${services} running`,
        );
        if (lang === 'vi') {
          expect(all).toContain('Cơ sở dữ liệu (SQLite)');
          expect(all).toMatch(/Đạt \(\d+\)/u);
          expect(all).not.toMatch(/\[OK\]|Database \(SQLite\)/u);
        }
      });

  /** English prose of the doctor (two or more words of letters), as opposed to figures and names. */
  const prose = (text: string): boolean => /[A-Za-z]{2,}\s+[A-Za-z]{2,}/u.test(text);

  it('in Vietnamese the findings and what to do are Vietnamese; the results take the width', async () => {
    const real = headless.kiosk.routes.maintenance.open(headless.kiosk.ui, undefined);
    const sample = headless.kiosk.routes.maintenance.preview?.(headless.kiosk.ui);
    if (!real || !sample) throw new Error('no maintenance screen');
    const seen: string[] = [];
    for (const screen of [sample, real]) {
      await headless.show(screen, { theme: 'large', lang: 'vi' });
      for (let i = 0; i < 100 && screen.describe?.().running !== false; i++)
        await new Promise((r) => setTimeout(r, 20));
      const checks = (screen.describe?.().checks ?? []) as { id: string; message: string }[];
      const pages: string[] = [];
      let targets: { id: string; rect: { x: number } }[] = [];
      for (let press = 0; press < 40; press++) {
        const rec = recordingContext(createCanvas(800, 480).getContext('2d'));
        targets = screen.render({
          g: rec.g,
          width: 800,
          height: 480,
          theme: themeByName('large'),
          lang: 'vi',
          scale: 1,
          now: TIME,
          timeZone: 'Asia/Ho_Chi_Minh',
        });
        pages.push(...((screen.describe?.().lines as string[] | undefined) ?? []));
        if (screen.describe?.().page === screen.describe?.().pages) break;
        screen.onButton?.({ id: 'down', action: 'press', at: TIME });
      }
      const all = pages.join(' ');
      seen.push(all);
      // No doctor's English sentence on the Vietnamese screen (paths and commands may stay).
      for (const c of checks)
        if (prose(c.message)) expect(all, `${c.id}: ${c.message}`).not.toContain(c.message);
      for (const line of pages)
        expect(line.replace(/(?:sudo|kiosk|journalctl|ls|deploy)[^,.;]*/gu, ''), line).not.toMatch(
          /\b(?:the|is|and|check|not|of|no|with|run)\b/u,
        );
      // The page arrows sit at the right edge: the results are read across the screen.
      const up = targets.find((t) => t.id === 'checks:page-up');
      expect(up?.rect.x ?? 0).toBeGreaterThan(600);
    }
    // The sample's paper fault and warm CPU in Vietnamese, with what to do and the figure.
    expect(seen[0]).toContain('Máy in phiếu: hết giấy → Nạp cuộn giấy mới');
    expect(seen[0]).toContain('Nhiệt độ CPU: nóng (71 °C) → Kiểm tra quạt');
    expect(seen[0]).toContain('08:12:05 Máy in phiếu: hết giấy');
  });

  it('the printed report and the recent errors carry the local time, as the screen clock does', () => {
    const panel = headless.kiosk.maintenancePanel;
    const facts = panel.reportFacts();
    expect(facts.printedAt).toBe(ticketTimestamp(TIME, 'Asia/Ho_Chi_Minh'));
    expect(facts.printedAt).toBe('08:30:00 25/11/2026');
    panel.remember({ id: 'printer', title: 'Printer', status: 'fail', message: 'printer is out of paper' });
    expect(panel.recentErrors()[0]?.at).toBe('08:30:00');
    expect(facts.errors).toEqual([]);
    expect(panel.reportFacts().errors[0]).toBe('08:30:00 printer: printer is out of paper');
  });

  /**
   * The walkthrough after that: in the large theme a page held about 4 lines of long wrapped
   * sentences, and a passed check showed only its title in Vietnamese ("Phông chữ").
   */
  for (const lang of ['vi', 'en'] as const)
    it(`${lang}: one check a line with its finding, what to do below a failure, 6 lines a page (large)`, async () => {
      const real = headless.kiosk.routes.maintenance.open(headless.kiosk.ui, undefined);
      const sample = headless.kiosk.routes.maintenance.preview?.(headless.kiosk.ui);
      if (!real || !sample) throw new Error('no maintenance screen');
      for (const screen of [sample, real]) {
        await headless.show(screen, { theme: 'large', lang });
        for (let i = 0; i < 100 && screen.describe?.().running !== false; i++)
          await new Promise((r) => setTimeout(r, 20));
        const checks = (screen.describe?.().checks ?? []) as {
          id: string;
          title: string;
          status: string;
          message: string;
        }[];
        const pages: string[][] = [];
        for (let press = 0; press < 40; press++) {
          draw(screen, 'large', lang);
          pages.push((screen.describe?.().lines as string[] | undefined) ?? []);
          if (screen.describe?.().page === screen.describe?.().pages) break;
          screen.onButton?.({ id: 'down', action: 'press', at: TIME });
        }
        // A page holds 6 lines of 32 px (there were 4 of 34 px); an entry is never split.
        expect(Math.max(...pages.map((p) => p.length))).toBe(6);
        const all = pages.flat();
        for (const c of checks.filter((x) => !x.id.startsWith('service.'))) {
          const title = checkTitle(c, lang);
          const at = all.findIndex((l) => l.startsWith(`${title}: `));
          expect(at, `${c.id} in ${all.join(' | ')}`).toBeGreaterThanOrEqual(0);
          const line = all[at] ?? '';
          // A finding in words after the title (it was the title alone), in a few words: the
          // doctor's sentences with paths stay on the printed report.
          expect(line.length, line).toBeGreaterThan(`${title}: `.length + 1);
          if (c.status === 'ok' || c.status === 'skip') {
            expect(line, c.id).not.toMatch(/xem báo cáo in|\/(?:tmp|var)\//u);
            if (prose(c.message) && c.message.length > 24) expect(line, c.id).not.toContain(c.message);
          }
          if (lang === 'vi' && prose(c.message)) expect(line, c.id).not.toContain(c.message);
          // A failure or warning: what to do on the line below, on the same page.
          if (c.status === 'fail' || c.status === 'warn') {
            const page = pages.find((p) => p.includes(line)) ?? [];
            const next = page
              .slice(page.indexOf(line) + 1)
              .find((l) => !l.includes(': ') || l.startsWith('→'));
            expect(next?.startsWith('→'), `${c.id}: ${page.join(' | ')}`).toBe(true);
          }
        }
        // No entry is split over two pages: a page never starts with the rest of a line above.
        for (const page of pages.slice(1)) {
          const first = page[0] ?? '';
          const heading = /\(\d+\)$|^(Thiết bị|Device|Lỗi gần đây|Recent errors)$/u.test(first);
          expect(heading || /^[^:]+: /u.test(first) || /^\d\d:\d\d:\d\d /u.test(first), first).toBe(true);
        }
        // The device's addresses and versions are on the last page.
        expect(pages.at(-1)?.join(' ')).toMatch(
          lang === 'vi' ? /Phiên bản: 0\.1\.0 · Node/u : /Version: 0\.1\.0 · Node/u,
        );
      }
    });
});
