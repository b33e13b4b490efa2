import { existsSync, readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createAssistant } from '../../../domain/assistant/create-assistant.js';
import { choiceLabels } from '../../../domain/assistant/choice-labels.js';
import { loadCatalog } from '../../../domain/catalog/catalog-service.js';

/**
 * The assistant's numbered choices are shown whole on the screen and said by the voice: over every
 * clarify the dev conversations and the catalog's name beginnings give, no label ends in "…" or
 * leaves a bracket open, and no two labels of one list read the same.
 */
const DEV = '../shared/data/queries/dev_dialogs.jsonl';

describe('Assistant choice labels: whole and visibly different', () => {
  let lists: string[][];
  beforeAll(async () => {
    const catalog = await loadCatalog();
    const assistant = createAssistant(catalog.catalog.procedures, catalog.search);
    // The dev conversations where ../shared/data is present; the catalog's name beginnings always.
    const dialogs = existsSync(DEV)
      ? readFileSync(DEV, 'utf8')
          .trim()
          .split('\n')
          .map((l) => JSON.parse(l) as { turns: { q: string }[] })
      : [];
    const questions = new Set([
      ...dialogs.flatMap((d) => d.turns.map((t) => t.q)),
      ...catalog.catalog.procedures.map((p) => p.name.split(/\s+/u).slice(0, 3).join(' ')),
    ]);
    lists = [];
    for (const q of questions) {
      const turn = assistant.dialogue().ask(q, 'vi');
      if (turn.choices.length > 1) lists.push(turn.choices.map((c) => c.label));
    }
  });

  it('no label cut with "…" or an open bracket, none alike in a list', () => {
    expect(lists.length).toBeGreaterThan(40);
    const found: string[] = [];
    for (const labels of lists) {
      for (const l of labels)
        if (l.endsWith('…') || (l.includes('(') && !l.includes(')'))) found.push(`cut: "${l}"`);
      if (new Set(labels.map((l) => l.toLocaleLowerCase('vi'))).size < labels.length)
        found.push(`alike: ${labels.join(' | ')}`);
    }
    expect(found).toEqual([]);
  });

  it('tells names apart by where they differ, and the same name by its place', () => {
    expect(
      choiceLabels([
        'Đăng ký xe tạm thời thực hiện bằng dịch vụ công trực tuyến toàn trình',
        'Đăng ký xe tạm thời thực hiện bằng dịch vụ công trực tuyến một phần',
      ]).labels,
    ).toEqual(['Đăng ký xe tạm thời thực hiện – toàn trình', 'Đăng ký xe tạm thời thực hiện – một phần']);
    expect(choiceLabels(['Hỗ trợ sản xuất.', 'Hỗ trợ sản xuất.']).labels).toEqual([
      'Hỗ trợ sản xuất (1)',
      'Hỗ trợ sản xuất (2)',
    ]);
  });

  it('drops no syllable of a word that not every name shares ("tạm trú" beside "cư trú")', () => {
    const { labels, topic } = choiceLabels([
      'Gia hạn tạm trú',
      'Đăng ký tạm trú',
      'Khai báo thông tin về cư trú đối với người chưa đủ điều kiện đăng ký thường trú, tạm trú',
    ]);
    expect(labels).toEqual(['Gia hạn tạm trú', 'Đăng ký tạm trú', 'Khai báo thông tin về cư trú']);
    expect(topic).toBe('');
    // A shared run of words is still said once as the topic.
    expect(choiceLabels(['Đăng ký khai tử', 'Xóa đăng ký thường trú']).labels).toEqual([
      'Khai tử',
      'Xóa thường trú',
    ]);
  });

  it('no label of one word: the shared words stay when dropping them would leave one ("Móc")', () => {
    // Over every clarify list above: labels of two words at least (a single one, "Mua", "Thuê",
    // "Mất", "Chứng" of "chứng từ", tells the citizen nothing).
    for (const labels of lists)
      for (const label of labels) expect(label.split(/\s+/u).length, labels.join(' | ')).toBeGreaterThan(1);
    expect(
      choiceLabels([
        'Phân loại máy liên hợp hoặc tổ hợp máy',
        'Phân loại máy móc, thiết bị nguyên chiếc ở dạng tháo rời',
      ]).labels,
    ).toEqual(['Phân loại máy liên hợp hoặc tổ hợp máy', 'Phân loại máy móc']);
    expect(
      choiceLabels([
        'Đăng ký mua, thuê mua, thuê nhà ở xã hội',
        'Đăng ký lại khai tử có yếu tố nước ngoài',
        'Đăng ký khai sinh có yếu tố nước ngoài',
      ]).labels,
    ).toEqual([
      'Đăng ký mua',
      'Đăng ký lại khai tử có yếu tố nước ngoài',
      'Đăng ký khai sinh có yếu tố nước ngoài',
    ]);
  });
});
