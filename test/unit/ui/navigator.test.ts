import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ManualClock } from '../../../runtime/clock.js';
import { EventBus } from '../../../runtime/event-bus.js';
import type { KioskEvents } from '../../../domain/events.js';
import { createLogger } from '../../../runtime/logger.js';
import { Session } from '../../../domain/session.js';
import { ScreenNavigator } from '../../../ui-framebuffer/navigator.js';
import type { Screen } from '../../../ui-framebuffer/screen.js';

interface Rig {
  nav: ScreenNavigator;
  bus: EventBus<KioskEvents>;
  session: Session;
  clock: ManualClock;
  log: string[];
}

function screen(name: string, log: string[]): Screen {
  return {
    name,
    render: () => [],
    speech: (lang) => `${name} (${lang})`,
    leave: () => void log.push(`leave ${name}`),
  };
}

function rig(idleTimeoutSeconds = 60): Rig {
  const bus = new EventBus<KioskEvents>(createLogger('test'));
  const session = new Session(bus);
  const clock = new ManualClock(0);
  const log: string[] = [];
  bus.on('test', 'ui.screen', (e) => void log.push(`screen ${e.screen} from ${e.previous ?? '-'}`));
  bus.on('test', 'session.ended', (e) => void log.push(`session ended: ${e.reason}`));
  const nav = new ScreenNavigator(
    (_nav, route) => (route === 'home' || route === 'search' ? screen(route, log) : undefined),
    session,
    bus,
    clock,
    createLogger('test'),
    { theme: 'normal', idleTimeoutSeconds },
    {
      entered: (s) => void log.push(`entered ${s.name}`),
      refresh: () => void log.push('refresh'),
      speak: (text, _lang, key) => void log.push(`say ${key}: ${text}`),
    },
  );
  return { nav, bus, session, clock, log };
}

function pass(r: Rig, ms: number): void {
  r.clock.advance(ms);
  vi.advanceTimersByTime(ms);
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('navigator: the screen stack', () => {
  it('opens home at start, routes by name, and goes back leaving each screen', () => {
    const r = rig();
    r.nav.start();
    // The frame is asked for before the voice, so synthesis never delays it.
    expect(r.log.splice(0)).toEqual(['entered home', 'screen home from -', 'refresh', 'say home: home (vi)']);
    r.nav.open('search');
    expect(r.nav.current?.name).toBe('search');
    expect(r.log.splice(0)).toContain('screen search from home');
    r.nav.open('results', { query: 'x' }); // the table has no such screen: nothing opens
    expect(r.nav.current?.name).toBe('search');
    r.nav.back();
    expect(r.nav.current?.name).toBe('home');
    expect(r.log.splice(0).slice(0, 2)).toEqual(['leave search', 'entered home']);
  });

  it('replace leaves the current screen; back on home stays home with a fresh session', () => {
    const r = rig();
    r.nav.start();
    r.nav.open('search');
    r.nav.open('home', undefined, { replace: true });
    expect(r.log).toContain('leave search');
    r.nav.back(); // the replacing screen was on top of home
    expect(r.log).toContain('leave home');
    r.session.set('cccd', 'x', 0);
    r.nav.setLang('en');
    r.nav.setTheme('large');
    r.log.length = 0;
    r.nav.back();
    expect(r.nav.current?.name).toBe('home');
    expect(r.session.active).toBe(false);
    expect(r.nav.lang).toBe('vi');
    expect(r.nav.theme.name).toBe('normal');
    expect(r.log).toContain('session ended: home');
  });

  it('repeats the current screen’s guidance in the citizen’s language', () => {
    const r = rig();
    r.nav.start();
    r.nav.setLang('en');
    r.log.length = 0;
    r.nav.repeatSpeech();
    expect(r.log).toEqual(['say home.repeat: home (en)']);
  });
});

describe('navigator: the idle reset', () => {
  it('clears the session and goes home after idleTimeoutSeconds without input, counted from the last input', () => {
    const r = rig(60);
    r.nav.start();
    r.nav.open('search');
    pass(r, 50_000);
    r.nav.activity();
    pass(r, 50_000);
    expect(r.nav.current?.name).toBe('search');
    r.session.set('cccd', 'x', 0);
    pass(r, 10_000);
    expect(r.nav.current?.name).toBe('home');
    expect(r.log).toContain('session ended: idle');
    expect(r.log).toContain('screen home from -');
  });

  it('at home with no citizen there is nothing to reset', () => {
    const r = rig(60);
    r.nav.start();
    r.log.length = 0;
    pass(r, 120_000);
    expect(r.log).toEqual([]);
  });

  it('a reloaded timeout ends the running countdown at the new time; stop() cancels it', () => {
    const r = rig(600);
    r.nav.start();
    r.nav.open('search');
    pass(r, 30_000);
    r.nav.reconfigure({ theme: 'normal', idleTimeoutSeconds: 45 }, false);
    pass(r, 14_000);
    expect(r.nav.current?.name).toBe('search');
    pass(r, 1_000);
    expect(r.nav.current?.name).toBe('home');
    r.nav.open('search');
    r.nav.stop();
    pass(r, 60_000);
    expect(r.nav.current?.name).toBe('search');
  });

  it('a reloaded default theme is shown now and is the one home returns to', () => {
    const r = rig();
    r.nav.start();
    r.nav.reconfigure({ theme: 'large', idleTimeoutSeconds: 60 }, true);
    expect(r.nav.theme.name).toBe('large');
    r.nav.setTheme('normal');
    r.nav.home();
    expect(r.nav.theme.name).toBe('large');
  });
});
