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
});
