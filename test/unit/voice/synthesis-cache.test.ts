import { fileURLToPath } from 'node:url';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EspeakTts } from '../../../voice/espeak-tts.js';
import { fixedPrompts, placeholders, PROMPTS, promptText } from '../../../voice/prompts/index.js';
import { CachedTts, cacheKey, SynthesisCache } from '../../../voice/synthesis-cache.js';
import { encodeWav } from '../../../runtime/wav.js';
import { tempDir } from '../../helpers/sim-process.js';

const wav = (n: number) => encodeWav({ sampleRate: 8000, channels: 1, samples: new Int16Array(n).fill(100) });

describe('Voice: synthesis cache', () => {
  it('keys by text, voice, rate and pitch', () => {
    const k = cacheKey('espeak', 'vi', 150, 50, 'Xin chào');
    expect(cacheKey('espeak', 'vi', 150, 50, 'Xin chào'.normalize('NFD'))).toBe(k);
    expect(cacheKey('espeak', 'vi-vn-x-south', 150, 50, 'Xin chào')).not.toBe(k);
    expect(cacheKey('espeak', 'vi', 160, 50, 'Xin chào')).not.toBe(k);
    expect(cacheKey('espeak', 'vi', 150, 60, 'Xin chào')).not.toBe(k);
    expect(cacheKey('espeak', 'vi', 150, 50, 'Xin chao')).not.toBe(k);
  });

  it('evicts least recently used on-demand entries, never pinned prompts', async () => {
    const dir = tempDir('cache-');
    const cache = new SynthesisCache(dir, { maxEntries: 2, maxBytes: 1_000_000 });
    cache.open();
    await cache.put('a'.repeat(64), wav(10), true);
    await cache.put('b'.repeat(64), wav(10));
    await cache.put('c'.repeat(64), wav(10));
    expect(await cache.get('b'.repeat(64))).toBeDefined(); // b is now newer than c
    await cache.put('d'.repeat(64), wav(10));
    expect(cache.has('a'.repeat(64))).toBe(true);
    expect(cache.has('b'.repeat(64))).toBe(true);
    expect(cache.has('c'.repeat(64))).toBe(false);
    expect(readdirSync(dir).sort()).toEqual([
      `${'a'.repeat(64)}.wav`,
      `${'b'.repeat(64)}.d.wav`,
      `${'d'.repeat(64)}.d.wav`,
    ]);
    // Pinning an on-demand entry (a prompt synthesised before the warm-up reached it) keeps it.
    await cache.get('d'.repeat(64), true);
    expect(readdirSync(dir)).toContain(`${'d'.repeat(64)}.wav`);
  });

  it('after a restart keeps pinned prompts only: on-demand phrases never outlive a session', async () => {
    const dir = tempDir('cache-');
    const first = new SynthesisCache(dir, { maxEntries: 10, maxBytes: 1_000_000 });
    first.open();
    await first.put('a'.repeat(64), wav(10), true);
    await first.put('b'.repeat(64), wav(10)); // e.g. "Xin chào ông ..." when the power was cut
    const second = new SynthesisCache(dir, { maxEntries: 10, maxBytes: 1_000_000 });
    second.open();
    expect(second.size).toMatchObject({ entries: 1, pinned: 1 });
    expect(readdirSync(dir)).toEqual([`${'a'.repeat(64)}.wav`]);
    expect(second.prunePinned(new Set(['a'.repeat(64)]))).toBe(0);
    expect(second.prunePinned(new Set())).toBe(1); // the prompt text changed
    expect(readdirSync(dir)).toEqual([]);
  });

  it('treats a damaged file as a miss and removes it; drops leftover temp files', async () => {
    const dir = tempDir('cache-');
    const key = 'e'.repeat(64);
    writeFileSync(join(dir, `${key}.wav`), 'half a wav');
    writeFileSync(join(dir, `${key}.wav.123.tmp`), 'x');
    const cache = new SynthesisCache(dir, { maxEntries: 10, maxBytes: 1_000_000 });
    cache.open();
    expect(await cache.get(key)).toBeUndefined();
    expect(readdirSync(dir)).toEqual([]);
  });

  it('a cached phrase is not synthesised again by espeak-ng', async () => {
    const dir = tempDir('cache-');
    const engine = new EspeakTts();
    let calls = 0;
    const counting = {
      kind: engine.kind,
      voiceFor: engine.voiceFor.bind(engine),
      synthesize: (text: string, o: Parameters<EspeakTts['synthesize']>[1]) => {
        calls++;
        return engine.synthesize(text, o);
      },
    };
    const cache = new SynthesisCache(dir, { maxEntries: 10, maxBytes: 10_000_000 });
    cache.open();
    const tts = new CachedTts(counting, cache);
    const a = await tts.synthesize('Quầy số ba', { lang: 'vi', rate: 150 });
    const b = await tts.synthesize('Quầy số ba', { lang: 'vi', rate: 150 });
    await tts.synthesize('Quầy số ba', { lang: 'vi', rate: 150, voice: 'vi-vn-x-south' });
    expect(calls).toBe(2);
    expect(Buffer.from(b ?? []).equals(Buffer.from(a ?? []))).toBe(true);
    expect(cache.hits).toBe(1);
  });
});

describe('Voice: prompt catalog', () => {
  it('has Vietnamese and English text for every key with the same placeholders, NFC', () => {
    for (const [key, p] of Object.entries(PROMPTS)) {
      expect(p.vi.trim(), key).not.toBe('');
      expect(p.en.trim(), key).not.toBe('');
      expect(p.vi, key).toBe(p.vi.normalize('NFC'));
      expect(placeholders(p.en).sort(), key).toEqual(placeholders(p.vi).sort());
      expect(p.vi, key).toMatch(/[àáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹđ]/);
    }
    for (const screen of [
      'home',
      'search',
      'results',
      'procedure',
      'citizen',
      'scan-id',
      'scan-error',
      'dossier',
      'groups',
      'closed',
      'ticket',
      'rating',
      'maintenance',
    ]) {
      expect(
        Object.keys(PROMPTS).some((k) => k.startsWith(`${screen}.`)),
        screen,
      ).toBe(true);
    }
  });

  it('every key is spoken somewhere (the catalog holds no dead text)', () => {
    const root = fileURLToPath(new URL('../../../', import.meta.url));
    const sources = ['flows', 'voice', 'ui-framebuffer', 'app', 'technician', 'domain']
      .flatMap((dir) =>
        readdirSync(join(root, dir), { recursive: true, encoding: 'utf8' })
          .filter((f) => f.endsWith('.ts') && !join(dir, f).startsWith(join('voice', 'prompts')))
          .map((f) => readFileSync(join(root, dir, f), 'utf8')),
      )
      .join('\n');
    expect(Object.keys(PROMPTS).filter((key) => !sources.includes(`'${key}'`))).toEqual([]);
  });

  it('fills placeholders and refuses to speak a missing one', () => {
    expect(promptText('closed.intro', 'vi', { group: 'Tư pháp - Hộ tịch', opens: '07:00 sáng mai' })).toBe(
      'Hiện đang ngoài giờ làm việc. Tư pháp - Hộ tịch chưa nhận số thứ tự. Mời quay lại lúc 07:00 sáng mai.',
    );
    expect(() => promptText('closed.intro', 'vi', { group: 'Tư pháp - Hộ tịch' })).toThrow(
      /missing value for \{opens\}/,
    );
    expect(fixedPrompts().every((p) => !p.text.includes('{'))).toBe(true);
    expect(fixedPrompts().length).toBeGreaterThan(20);
  });
});
