import { existsSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createAssistant, type Assistant } from '../../../domain/assistant/create-assistant.js';
import { importPortalFile } from '../../../domain/catalog/portal-import.js';

const PORTAL = '../shared/data/tthc/portal_procedures.jsonl';
let assistant: Assistant;

beforeAll(async () => {
  if (!existsSync(PORTAL)) return;
  const { catalog } = await importPortalFile(PORTAL, { level: 'all' });
  assistant = createAssistant(catalog.procedures);
});

describe.skipIf(!existsSync(PORTAL))(`Assistant: the general form before a variant (needs ${PORTAL})`, () => {
  it('answers the general procedure when a variant of it scores first and the rest are variants', () => {
    // Over the whole crawl "đăng ký lại kết hôn" scores first for "còn kết hôn thì sao".
    const d = assistant.dialogue();
    d.ask('đăng ký khai tử');
    expect(d.ask('còn kết hôn thì sao')).toMatchObject({ behavior: 'answer', focus: '1.000894' });
  });

  it('takes another act on the topic in focus ("còn gia hạn" after "cấp điều chỉnh giấy phép xây dựng")', () => {
    const d = assistant.dialogue();
    expect(d.ask('cấp điều chỉnh giấy phép xây dựng').focus).toBe('1.013226');
    expect(d.ask('còn gia hạn thì mất bao lâu')).toMatchObject({ focus: '1.013227', slot: 'time' });
    // No new word: it stays; another procedure named by its own words: that one.
    expect(d.ask('phí bao nhiêu').focus).toBe('1.013227');
    expect(d.ask('à còn gia hạn tạm trú thì sao').focus).toBe('1.002755');
  });
});
