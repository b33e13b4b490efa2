import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createAssistant, type Assistant } from '../../../domain/assistant/create-assistant.js';
import {
  keepsRareWords,
  nameWords,
  rareWords,
  stopwordVariant,
} from '../../../domain/assistant/focus-variants.js';
import { questionWords } from '../../../domain/assistant/question-text.js';
import { STOPWORDS } from '../../../domain/search/lexicon.js';
import { parseCatalog } from '../../../domain/catalog/catalog-file.js';
import type { CatalogFile } from '../../../domain/catalog/procedure.js';

let catalog: CatalogFile;
let assistant: Assistant;

beforeAll(() => {
  catalog = parseCatalog(readFileSync('test/fixtures/catalog/catalog-small.json', 'utf8'));
  assistant = createAssistant(catalog.procedures);
});

const KHAI_SINH = '1.001193';
const KHAI_SINH_LAI = '1.004884';

describe('Assistant: the variant of the procedure in focus', () => {
  it('reads the rarer words of a name and whether a variant keeps them side by side', () => {
    const names = nameWords(catalog.procedures.map((p) => p.name));
    const doc = (code: string): number => catalog.procedures.findIndex((p) => p.code === code);
    const base = names.tokens[doc(KHAI_SINH)] ?? [];
    expect(base).toEqual(['dang', 'ky', 'khai', 'sinh']);
    const rare = rareWords(base, names.df);
    expect([...rare].sort()).toEqual(['khai', 'sinh']);
    const lai = doc(KHAI_SINH_LAI);
    expect(keepsRareWords(base, rare, names.tokens[lai] ?? [], names.sets[lai] ?? new Set())).toBe(true);
    // "khai tử" does not keep "sinh"; a name with the words apart does not keep "khai sinh".
    const tu = doc('1.000656');
    expect(keepsRareWords(base, rare, names.tokens[tu] ?? [], names.sets[tu] ?? new Set())).toBe(false);
    const apart = ['khai', 'bao', 'sinh'];
    expect(keepsRareWords(base, rare, apart, new Set(apart))).toBe(false);
  });

  it('takes a follow-up naming only a qualifier as the variant, asking again what was asked', () => {
    const d = assistant.dialogue();
    expect(d.ask('đăng ký khai sinh').focus).toBe(KHAI_SINH);
    expect(d.ask('phí bao nhiêu')).toMatchObject({ focus: KHAI_SINH, slot: 'fee' });
    // "còn … thì sao" asks the last question again, about the variant.
    const again = d.ask('còn nếu làm lại thì sao');
    expect(again).toMatchObject({ behavior: 'answer', focus: KHAI_SINH_LAI, slot: 'fee' });
    expect(again.reply).toBe('Lệ phí đăng ký lại khai sinh: miễn phí.');

    const marriage = assistant.dialogue();
    marriage.ask('đăng ký kết hôn');
    expect(marriage.ask('có yếu tố nước ngoài thì sao').focus).toBe('2.000806');
    const death = assistant.dialogue();
    death.ask('đăng ký khai tử');
    expect(death.ask('à còn lưu động thì cần giấy tờ gì')).toMatchObject({
      focus: '1.000419',
      slot: 'documents',
    });
  });

  it('does not take a procedure the follow-up names by its own words for a variant', () => {
    const d = assistant.dialogue();
    d.ask('đăng ký khai sinh');
    expect(d.ask('à, còn đăng ký tạm trú thì mất bao lâu')).toMatchObject({
      focus: '1.004194',
      slot: 'time',
    });
    // A question with no qualifier of its own stays on the focus.
    const same = assistant.dialogue();
    same.ask('đăng ký khai sinh');
    expect(same.ask('thế có mất phí không').focus).toBe(KHAI_SINH);
  });

  it('keeps the qualifiers of the focus for a procedure named by its topic alone (siblings)', () => {
    const d = assistant.dialogue();
    expect(d.ask('đăng ký lại khai sinh').focus).toBe(KHAI_SINH_LAI);
    // "khai tử" said without the act: the act and the qualifier ("lại") carry over.
    expect(d.ask('còn khai tử thì sao')).toMatchObject({ behavior: 'answer', focus: '1.005461' });
    const mobile = assistant.dialogue();
    mobile.ask('đăng ký khai sinh lưu động');
    expect(mobile.ask('à còn kết hôn thì phí bao nhiêu')).toMatchObject({ focus: '1.000593', slot: 'fee' });
    // The act said again ("đăng ký kết hôn"): that procedure, no qualifier carried.
    const named = assistant.dialogue();
    named.ask('đăng ký lại khai sinh');
    expect(named.ask('à còn đăng ký kết hôn thì sao').focus).toBe('1.000894');
    // Nothing to carry after the general procedure.
    const plain = assistant.dialogue();
    plain.ask('đăng ký khai sinh');
    expect(plain.ask('còn khai tử thì sao').focus).toBe('1.000656');
  });

  it('reads qualifiers a search ignores: "không phải", "lần đầu", "mới"', () => {
    // A variant whose name adds only stopwords, said together in the question.
    const names = nameWords([
      'Chứng thực chữ ký người dịch mà người dịch là cộng tác viên dịch thuật',
      'Chứng thực chữ ký người dịch mà người dịch không phải là cộng tác viên dịch thuật',
    ]);
    const variant = (q: string): number | undefined => {
      const words = questionWords(q);
      return stopwordVariant(names, {
        focus: 0,
        words,
        free: words.map(() => true),
        isStopword: (w) => STOPWORDS.has(w),
        offered: () => true,
        rank: () => 0,
      });
    };
    expect(variant('còn nếu không phải thì sao')).toBe(1);
    expect(variant('thế có phải nộp không')).toBeUndefined();
    // Turning away from the focus's qualifier: its general form; the general one stays.
    const d = assistant.dialogue();
    d.ask('đăng ký lại khai sinh');
    expect(d.ask('còn lần đầu thì sao').focus).toBe(KHAI_SINH);
    const e = assistant.dialogue();
    e.ask('đăng ký lại khai sinh');
    expect(e.ask('à còn đăng ký mới thì sao').focus).toBe(KHAI_SINH);
    const f = assistant.dialogue();
    f.ask('đăng ký khai sinh');
    expect(f.ask('còn lần đầu thì sao').focus).toBe(KHAI_SINH);
    // Discourse stopwords ("có … không") qualify nothing: the focus stays.
    const g = assistant.dialogue();
    g.ask('đăng ký lại khai sinh');
    expect(g.ask('à còn có mất phí không')).toMatchObject({ focus: KHAI_SINH_LAI, slot: 'fee' });
  });
});
