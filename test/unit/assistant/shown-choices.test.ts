import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { readChoiceNamed, readChoiceReference } from '../../../domain/assistant/choice-reference.js';
import { createAssistant, type Assistant } from '../../../domain/assistant/create-assistant.js';
import { questionWords } from '../../../domain/assistant/question-text.js';
import { readRejection } from '../../../domain/assistant/rejection.js';
import { parseCatalog } from '../../../domain/catalog/catalog-file.js';

let assistant: Assistant;

beforeAll(() => {
  const catalog = parseCatalog(readFileSync('test/fixtures/catalog/catalog-small.json', 'utf8'));
  assistant = createAssistant(catalog.procedures);
});

const GPXD = ['1.013225', '1.013226', '1.013227', '1.013228'];

describe('Assistant: the list shown before, and "không phải"', () => {
  it('reads a choice by the words that tell its label from the others', () => {
    const labels = ['Cấp mới', 'Cấp điều chỉnh', 'Gia hạn', 'Cấp lại'];
    const named = (q: string): number | undefined => readChoiceNamed(questionWords(q), labels);
    expect(named('gia hạn thì sao')).toBe(2);
    expect(named('còn cấp lại thì phí bao nhiêu')).toBe(3);
    expect(named('cấp thì sao')).toBeUndefined();
    // Not named by part of what tells it apart ("xóa" unsaid), nor two at once.
    const death = ['Khai tử', 'Xóa thường trú'];
    expect(readChoiceNamed(questionWords('còn đăng ký thường trú thì sao'), death)).toBeUndefined();
    expect(readChoiceNamed(questionWords('còn xóa thường trú thì sao'), death)).toBe(1);
    expect(readChoiceNamed(questionWords('khai tử và xóa thường trú'), death)).toBeUndefined();
    // "cái kia": the other of two.
    expect(readChoiceReference(questionWords('còn cái kia thì sao'), 2, 0)).toBe(1);
    expect(readChoiceReference(questionWords('còn cái kia thì sao'), 3, 0)).toBeUndefined();
  });

  it('goes back to the list after a choice is picked, by number or label', () => {
    const d = assistant.dialogue();
    const list = d.ask('xin giấy phép xây dựng');
    expect(list.behavior).toBe('clarify');
    const codes = list.choices.map((c) => c.code);
    expect([...codes].sort()).toEqual(GPXD);
    expect(d.ask('số 2').focus).toBe(codes[1]);
    // Off screen, the list is still what "số 1" and "gia hạn" refer to.
    expect(d.ask('còn số 1 thì sao').focus).toBe(codes[0]);
    expect(d.ask('gia hạn thì mất bao lâu')).toMatchObject({ focus: '1.013227', slot: 'time' });
    // A procedure outside the list: the list is forgotten.
    expect(d.ask('à còn đăng ký tạm trú thì sao').focus).toBe('1.004194');
    expect(d.ask('còn số 1 thì sao').focus).toBe('1.004194');
  });

  it('offers the other close procedures when the citizen says "không phải"', () => {
    for (const q of ['không phải', 'không phải cái này ạ', 'sai rồi', 'không đúng']) {
      expect(readRejection(questionWords(q))).toBe(true);
    }
    for (const q of ['còn nếu không phải thì sao', 'không phải nộp phí à', 'không có giấy khai sinh']) {
      expect(readRejection(questionWords(q))).toBe(false);
    }
    const d = assistant.dialogue();
    expect(d.ask('đăng ký khai sinh').focus).toBe('1.001193');
    const again = d.ask('không phải');
    expect(again).toMatchObject({ behavior: 'clarify', focus: null });
    expect(again.choices.map((c) => c.code)).not.toContain('1.001193');
    expect(again.choices.length).toBeGreaterThan(1);
    expect(d.ask('số 1').focus).toBe(again.choices[0]?.code);
    // After a pick from a list, the choices not taken.
    const e = assistant.dialogue();
    const list = e.ask('xin giấy phép xây dựng');
    e.ask('số 1');
    const rest = e.ask('không phải');
    expect(rest.choices.map((c) => c.code)).toEqual(list.choices.slice(1).map((c) => c.code));
  });
});
