import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createAssistant, type Assistant } from '../../../domain/assistant/create-assistant.js';
import { parseCatalog } from '../../../domain/catalog/catalog-file.js';
import type { Procedure } from '../../../domain/catalog/procedure.js';

let assistant: Assistant;

const KHAI_SINH = '1.001193';
const GIAM_HO = '1.004837';
const TAM_TRU = '1.004194';

/** A copy of `p` under another code and name (the crawl has procedures of both shapes). */
function renamed(p: Procedure, code: string, name: string): Procedure {
  return { ...p, code, name };
}

beforeAll(() => {
  const catalog = parseCatalog(readFileSync('test/fixtures/catalog/catalog-small.json', 'utf8'));
  const byCode = (code: string): Procedure => catalog.procedures.find((p) => p.code === code) as Procedure;
  // As in the crawl: a combined procedure whose name holds two others, and "đăng ký thường trú"
  // beside the three "tạm trú" ones.
  assistant = createAssistant([
    ...catalog.procedures,
    renamed(byCode(KHAI_SINH), '9.000001', 'Thủ tục đăng ký khai sinh kết hợp đăng ký giám hộ'),
    renamed(byCode(TAM_TRU), '9.000002', 'Đăng ký thường trú'),
  ]);
});

describe('Assistant: another procedure named by its topic after a general one', () => {
  it('takes the named procedure, not a combined one whose name holds the focus and it', () => {
    const d = assistant.dialogue();
    expect(d.ask('đăng ký khai sinh').focus).toBe(KHAI_SINH);
    expect(d.ask('còn giám hộ thì sao')).toMatchObject({ behavior: 'answer', focus: GIAM_HO });
    // Named in full, the combined one is still found.
    const e = assistant.dialogue();
    e.ask('đăng ký khai sinh');
    expect(e.ask('còn khai sinh kết hợp giám hộ thì sao').focus).toBe('9.000001');
  });

  it('carries the act of the focus over to the topic named ("còn tạm trú" after "đăng ký thường trú")', () => {
    const d = assistant.dialogue();
    expect(d.ask('đăng ký thường trú').focus).toBe('9.000002');
    expect(d.ask('còn tạm trú thì phí bao nhiêu')).toMatchObject({
      behavior: 'answer',
      focus: TAM_TRU,
      slot: 'fee',
    });
    // Another act said ("gia hạn"): that procedure.
    const e = assistant.dialogue();
    e.ask('đăng ký thường trú');
    expect(e.ask('còn gia hạn tạm trú thì sao').focus).toBe('1.002755');
  });
});
