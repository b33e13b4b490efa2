import { describe, expect, it } from 'vitest';
import { DriverError } from '../../../runtime/errors.js';
import { EspeakTts, ESPEAK_VI_VOICES } from '../../../voice/espeak-tts.js';
import { durationSeconds, parseWav, voicedSeconds } from '../../../runtime/wav.js';

const SHORT = 'Xin chào.';
const LONG =
  'Xin chào. Mời bạn chọn dịch vụ cần thực hiện. Số thứ tự của bạn là A, không, hai, năm. Vui lòng chờ gọi số tại quầy số ba. Đăng ký khai sinh, chứng thực bản sao, đất đai.';

describe('TTS: espeak-ng (real binary)', () => {
  const tts = new EspeakTts();

  it('makes a valid 16-bit mono WAV for Vietnamese text with diacritics', async () => {
    const wav = await tts.synthesize('Đăng ký khai sinh cho trẻ em ở Hà Nội', { lang: 'vi', rate: 150 });
    const buf = Buffer.from(wav);
    expect(buf.toString('ascii', 0, 4)).toBe('RIFF');
    expect(buf.toString('ascii', 8, 12)).toBe('WAVE');
    expect(buf.readUInt32LE(4)).toBe(buf.length - 8);
    const audio = parseWav(wav);
    expect(audio.sampleRate).toBe(22050);
    expect(audio.channels).toBe(1);
    expect(durationSeconds(audio)).toBeGreaterThan(1);
    expect(voicedSeconds(audio)).toBeGreaterThan(0.8);
  });

  it('takes longer to say longer text, and a faster rate is shorter', async () => {
    const short = parseWav(await tts.synthesize(SHORT, { lang: 'vi', rate: 150 }));
    const long = parseWav(await tts.synthesize(LONG, { lang: 'vi', rate: 150 }));
    const fast = parseWav(await tts.synthesize(LONG, { lang: 'vi', rate: 300 }));
    expect(durationSeconds(long)).toBeGreaterThan(durationSeconds(short) * 5);
    expect(voicedSeconds(long)).toBeGreaterThan(voicedSeconds(short) * 5);
    expect(durationSeconds(fast)).toBeLessThan(durationSeconds(long) * 0.75);
  });

  it('speaks with each Vietnamese regional voice and English', async () => {
    for (const voice of ESPEAK_VI_VOICES) {
      const audio = parseWav(await tts.synthesize('Mời bạn nhận phiếu', { lang: 'vi', rate: 150, voice }));
      expect(voicedSeconds(audio), voice).toBeGreaterThan(0.3);
    }
    const en = parseWav(await tts.synthesize('Please take your ticket', { lang: 'en', rate: 150 }));
    expect(voicedSeconds(en)).toBeGreaterThan(0.3);
    await expect(
      new EspeakTts({ voices: { vi: 'vi-vn-x-south', en: 'en' } }).check(),
    ).resolves.toBeUndefined();
  });

  it('names a missing voice and a missing binary with a hint', async () => {
    const bad = new EspeakTts({ voices: { vi: 'nosuch-voice', en: 'en' } });
    await expect(bad.check()).rejects.toMatchObject({ code: 'voice-missing' });
    const err = await bad.synthesize('chào', { lang: 'vi', rate: 150 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DriverError);
    expect(err).toMatchObject({ code: 'voice-missing', hint: expect.stringContaining('vi-vn-x-central') });
    const none = new EspeakTts({ binary: 'espeak-ng-not-installed' });
    await expect(none.synthesize('chào', { lang: 'vi', rate: 150 })).rejects.toMatchObject({
      code: 'espeak-missing',
      hint: expect.stringContaining('apt-get install espeak-ng'),
    });
  });

  it('rejects a bad rate or pitch naming the field', async () => {
    await expect(tts.synthesize('a', { lang: 'vi', rate: 20 })).rejects.toThrow(/rate: must be/);
    await expect(tts.synthesize('a', { lang: 'vi', rate: 150, pitch: 120 })).rejects.toThrow(
      /pitch: must be/,
    );
  });
});
