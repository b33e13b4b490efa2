import type { Assistant } from '../domain/assistant/create-assistant.js';
import type { Procedure } from '../domain/catalog/procedure.js';
import { foldTokens } from '../domain/search/normalize.js';

/**
 * Follow-up probes generated from the catalog itself (no labelled data, no query written per
 * procedure), for the dialogue mechanisms the dev conversations have too few turns to measure:
 *
 * - variants: a procedure asked by its name, then a follow-up that names only what another
 *   offered procedure's name adds to it ("đăng ký khai sinh" → "còn nếu lại thì sao" means
 *   "đăng ký lại khai sinh"), in three phrasings; the focus must become that variant;
 * - stay: a procedure asked by its name, then a generic follow-up ("phí bao nhiêu", "thủ tục
 *   này mất mấy ngày", …); the focus must stay.
 */

export interface ProbeScore {
  asked: number;
  right: number;
}

/** A name's written words, "Thủ tục" dropped, as a citizen would say them (lower case). */
function spokenWords(name: string): string[] {
  const words = name
    .normalize('NFC')
    .toLocaleLowerCase('vi')
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
  return words[0] === 'thủ' && words[1] === 'tục' ? words.slice(2) : words;
}

const VARIANT_PHRASINGS = [
  'còn nếu {x} thì sao',
  'à còn {x} thì phí bao nhiêu',
  'thế {x} thì cần giấy tờ gì',
];

/**
 * Pairs (base, variant) of offered procedures where the variant's name is the base's plus one
 * run of at most four words, the only variant adding those words.
 */
export function variantProbe(assistant: Assistant, procedures: readonly Procedure[]): ProbeScore {
  const u = assistant.understanding;
  const spoken = procedures.map((p) => spokenWords(p.name));
  const folded = spoken.map((w) => w.map((x) => foldTokens(x).join('')));
  const out: ProbeScore = { asked: 0, right: 0 };
  for (let base = 0; base < procedures.length; base++) {
    const own = new Set(folded[base]);
    if (!u.offered(base) || own.size < 2) continue;
    const byExtra = new Map<string, number[]>();
    for (let v = 0; v < procedures.length; v++) {
      const words = folded[v] ?? [];
      if (v === base || !u.offered(v)) continue;
      if (![...own].every((w) => words.includes(w))) continue;
      const extra = words.flatMap((w, i) => (own.has(w) ? [] : [i]));
      const first = extra[0];
      const last = extra[extra.length - 1];
      if (first === undefined || last === undefined || extra.length > 4 || last - first !== extra.length - 1)
        continue;
      if (words.filter((w) => own.has(w)).join(' ') !== (folded[base] ?? []).join(' ')) continue;
      const said = extra.map((i) => spoken[v]?.[i] ?? '').join(' ');
      byExtra.set(said, [...(byExtra.get(said) ?? []), v]);
    }
    for (const [said, docs] of byExtra) {
      if (docs.length !== 1) continue;
      const want = procedures[docs[0] as number]?.code;
      for (const phrasing of VARIANT_PHRASINGS) {
        const d = assistant.dialogue();
        if (d.ask((spoken[base] ?? []).join(' ')).focus !== procedures[base]?.code) continue;
        out.asked++;
        if (d.ask(phrasing.replace('{x}', said)).focus === want) out.right++;
      }
    }
  }
  return out;
}

const GENERIC_FOLLOW_UPS = [
  'phí bao nhiêu',
  'thế thời gian giải quyết là bao lâu',
  'nộp ở đâu',
  'cần giấy tờ gì',
  'thủ tục này mất mấy ngày',
  'vậy có nộp online được không',
  'cai do mat may ngay',
  'thế có mất phí không',
  'vậy cần điều kiện gì',
  'kết quả nhận được gì',
  'thế làm ở đâu vậy',
  'căn cứ pháp lý là gì',
];

/** Every 7th offered procedure found by its name's head, then each generic follow-up. */
export function stayProbe(assistant: Assistant, procedures: readonly Procedure[]): ProbeScore {
  const out: ProbeScore = { asked: 0, right: 0 };
  for (let doc = 0; doc < procedures.length; doc += 7) {
    const p = procedures[doc];
    if (!p || !assistant.understanding.offered(doc)) continue;
    const name = p.name.replace(/^thủ tục /iu, '').split(/[,(;]/u)[0] ?? '';
    if (assistant.dialogue().ask(name).focus !== p.code) continue;
    for (const q of GENERIC_FOLLOW_UPS) {
      const d = assistant.dialogue();
      d.ask(name);
      out.asked++;
      if (d.ask(q).focus === p.code) out.right++;
    }
  }
  return out;
}
