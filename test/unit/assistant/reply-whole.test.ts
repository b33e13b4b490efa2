import { existsSync, readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createAssistant, type Assistant } from '../../../domain/assistant/create-assistant.js';
import { phraseCut } from '../../../domain/assistant/phrase-cut.js';
import { loadCatalog } from '../../../domain/catalog/catalog-service.js';

/**
 * What the assistant shows is what it says (the screen pages a long reply, the voice says it):
 * over the dev conversations, in both languages, no reply has a word or name cut with "…".
 */
const DEV = '../shared/data/queries/dev_dialogs.jsonl';

describe.skipIf(!existsSync(DEV))(`Assistant replies: nothing cut with "…" (needs ${DEV})`, () => {
  let assistant: Assistant;
  let dialogs: { turns: { q: string }[] }[];
  beforeAll(async () => {
    const catalog = await loadCatalog();
    assistant = createAssistant(catalog.catalog.procedures, catalog.search);
    dialogs = readFileSync(DEV, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { turns: { q: string }[] });
  });

  for (const lang of ['vi', 'en'] as const)
    it(`${lang}: every turn of the dev conversations`, () => {
      const cut: string[] = [];
      let turns = 0;
      for (const d of dialogs) {
        const dialogue = assistant.dialogue();
        for (const t of d.turns) {
          turns++;
          const reply = dialogue.ask(t.q, lang).reply;
          if (reply.includes('…')) cut.push(`${t.q} → ${reply}`);
        }
      }
      expect(turns).toBeGreaterThan(100);
      expect(cut).toEqual([]);
    });
});

describe('phraseCut', () => {
  it('cuts a long text where a phrase ends, with no "…" and no bracket left open', () => {
    expect(
      phraseCut(
        'Cấp Giấy chứng nhận đăng ký Quỹ hỗ trợ phát triển hợp tác xã (sau đây gọi tắt là Quỹ hợp tác xã)',
        70,
      ),
    ).toBe('Cấp Giấy chứng nhận đăng ký Quỹ hỗ trợ phát triển hợp tác xã');
    expect(phraseCut('Hộ chiếu/Thẻ căn cước công dân/Thẻ căn cước/Căn cước điện tử/Giấy tờ khác', 70)).toBe(
      'Hộ chiếu/Thẻ căn cước công dân/Thẻ căn cước/Căn cước điện tử',
    );
    expect(phraseCut('Đăng ký khai sinh.', 70)).toBe('Đăng ký khai sinh');
  });
});
