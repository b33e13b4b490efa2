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
    expect(phraseCut('Đăng ký khai sinh.', 70)).toBe('Đăng ký khai sinh');
  });

  // #14 walkthrough: a cut at a comma dropped list members ("hai bên nam, nữ" → "hai bên nam").
  it('never cuts a list between its members', () => {
    // The catalog's marriage declaration (203 characters), shown in the documents reply.
    const marriage =
      'Tờ khai đăng ký kết hôn theo mẫu, có đủ thông tin của hai bên nam, nữ. Hai bên nam, nữ có thể khai chung vào một Tờ khai đăng ký kết hôn (nếu người có yêu cầu lựa chọn nộp hồ sơ theo hình thức trực tiếp)';
    expect(phraseCut(marriage, 70)).toBe(
      'Tờ khai đăng ký kết hôn theo mẫu, có đủ thông tin của hai bên nam, nữ',
    );
    // A sentence's end before the list: "… theo mẫu", not "… Hai bên nam".
    expect(
      phraseCut(
        'Tờ khai đăng ký kết hôn theo mẫu. Hai bên nam, nữ có thể khai chung vào một Tờ khai đăng ký kết hôn',
        70,
      ),
    ).toBe('Tờ khai đăng ký kết hôn theo mẫu');
    // Alternatives joined by "/" stay together when they end a little past the length.
    expect(phraseCut('Hộ chiếu/Thẻ căn cước công dân/Thẻ căn cước/Căn cước điện tử/Giấy tờ khác', 70)).toBe(
      'Hộ chiếu/Thẻ căn cước công dân/Thẻ căn cước/Căn cước điện tử/Giấy tờ khác',
    );
    // A list that ends far past the length: the cut comes before the list, or after its members.
    const land =
      'Giao đất, cho thuê đất, chuyển mục đích sử dụng đất đối với trường hợp giao đất, cho thuê đất không thông qua đấu giá';
    expect(phraseCut(land, 48)).toBe('Giao đất, cho thuê đất, chuyển mục đích sử dụng đất');
    expect(phraseCut('Giải quyết hưởng trợ cấp nghỉ DSPHSK sau ốm đau, thai sản, TNLĐ, BNN', 48)).toBe(
      'Giải quyết hưởng trợ cấp nghỉ DSPHSK sau ốm đau, thai sản, TNLĐ, BNN',
    );
    // Before the list when it ends too far past: not "… người chưa thành niên".
    const guard =
      'Giấy tờ chứng minh việc giám hộ của người giám hộ đối với người chưa thành niên và người mất năng lực';
    expect(phraseCut(guard, 70)).toBe('Giấy tờ chứng minh việc giám hộ của người giám hộ');
    // A clause comma is still a place to end ("…, người được ủy quyền …" is no list).
    expect(
      phraseCut(
        'Trường hợp ủy quyền thực hiện việc đăng ký, người được ủy quyền phải xuất trình văn bản ủy quyền đã được chứng thực',
        70,
      ),
    ).toBe('Trường hợp ủy quyền thực hiện việc đăng ký');
  });
});
