import type { Assistant } from '../domain/assistant/create-assistant.js';
import type { Procedure } from '../domain/catalog/procedure.js';
import { nameWords, rareWords } from '../domain/assistant/focus-variants.js';
import { foldTokens } from '../domain/search/normalize.js';

/**
 * Follow-up probes generated from the catalog itself (no labelled data, no query written per
 * procedure), for the dialogue mechanisms the dev conversations have too few turns to measure:
 *
 * - variants: a procedure asked by its name, then a follow-up that names only what another
 *   offered procedure's name adds to it ("đăng ký khai sinh" → "còn nếu lại thì sao" means
 *   "đăng ký lại khai sinh"), in three phrasings; the focus must become that variant;
 * - siblings: two such pairs adding the same words ("đăng ký khai sinh" → "đăng ký lại khai
 *   sinh", "đăng ký khai tử" → "đăng ký lại khai tử"): after the first variant, a follow-up naming
 *   the other base by its topic, not its act ("còn khai tử thì sao"), means the other variant;
 *   after the first base, the same follow-up means the other base (nothing to carry over);
 * - stay: a procedure asked by its name, then a generic follow-up ("phí bao nhiêu", "thủ tục
 *   này mất mấy ngày", …); the focus must stay.
 */

export interface ProbeScore {
  asked: number;
  right: number;
  /** The wrong follow-ups (first question → follow-up: wanted, got), to read. */
  misses: string[];
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

interface VariantPair {
  base: number;
  variant: number;
  /** What the variant's name adds, as written. */
  said: string;
}

/**
 * Pairs (base, variant) of offered procedures where the variant's name is the base's plus one
 * run of at most `maxAdded` words, the only variant of that base adding those words.
 */
function variantPairs(
  assistant: Assistant,
  procedures: readonly Procedure[],
  maxAdded: number,
): VariantPair[] {
  const u = assistant.understanding;
  const spoken = procedures.map((p) => spokenWords(p.name));
  const folded = spoken.map((w) => w.map((x) => foldTokens(x).join('')));
  const out: VariantPair[] = [];
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
      if (
        first === undefined ||
        last === undefined ||
        extra.length > maxAdded ||
        last - first !== extra.length - 1
      )
        continue;
      if (words.filter((w) => own.has(w)).join(' ') !== (folded[base] ?? []).join(' ')) continue;
      const said = extra.map((i) => spoken[v]?.[i] ?? '').join(' ');
      byExtra.set(said, [...(byExtra.get(said) ?? []), v]);
    }
    for (const [said, docs] of byExtra)
      if (docs.length === 1) out.push({ base, variant: docs[0] as number, said });
  }
  return out;
}

/** Asks `first` by its name, then `follow`; right when the focus becomes `want`. */
function followsTo(
  assistant: Assistant,
  procedures: readonly Procedure[],
  first: number,
  follow: string,
  want: number,
  out: ProbeScore,
): void {
  const p = procedures[first];
  const d = assistant.dialogue();
  if (!p || d.ask(spokenWords(p.name).join(' ')).focus !== p.code) return;
  out.asked++;
  const got = d.ask(follow).focus;
  if (got === procedures[want]?.code) out.right++;
  else
    out.misses.push(`${p.code} → "${follow}": want ${procedures[want]?.code ?? '?'}, got ${got ?? 'none'}`);
}

/** Each variant pair of at most four added words, in three phrasings. */
export function variantProbe(assistant: Assistant, procedures: readonly Procedure[]): ProbeScore {
  const out: ProbeScore = { asked: 0, right: 0, misses: [] };
  for (const pair of variantPairs(assistant, procedures, 4))
    for (const phrasing of VARIANT_PHRASINGS)
      followsTo(assistant, procedures, pair.base, phrasing.replace('{x}', pair.said), pair.variant, out);
  return out;
}

const SIBLING_PHRASINGS = ['còn {x} thì sao', 'à còn {x} thì phí bao nhiêu', 'thế {x} thì cần giấy tờ gì'];

export interface SiblingScores {
  /** After a variant: the other base's variant. */
  siblings: ProbeScore;
  /** After a base: the other base. */
  plain: ProbeScore;
}

/**
 * Pairs of variant pairs adding the same words (up to five: "có yếu tố nước ngoài"), each variant
 * one qualifier away from its only base. The other
 * base is said by its topic: its name without the act words it shares with the first base
 * (those no rarer than its median: "khai tử" of "đăng ký khai tử" after "đăng ký khai sinh").
 */
export function siblingProbe(assistant: Assistant, procedures: readonly Procedure[]): SiblingScores {
  const names = nameWords(procedures.map((p) => p.name));
  const all = variantPairs(assistant, procedures, 5);
  // A variant of two bases ("đăng ký lại kết hôn có yếu tố nước ngoài") carries two qualifiers.
  const bases = new Map<number, number>();
  for (const p of all) bases.set(p.variant, (bases.get(p.variant) ?? 0) + 1);
  const pairs = all.filter((p) => bases.get(p.variant) === 1);
  const out: SiblingScores = {
    siblings: { asked: 0, right: 0, misses: [] },
    plain: { asked: 0, right: 0, misses: [] },
  };
  for (const a of pairs) {
    for (const b of pairs) {
      if (a.said !== b.said || a.base === b.base || a.variant === b.variant) continue;
      const rare = rareWords(names.tokens[b.base] ?? [], names.df);
      const first = names.sets[a.base] ?? new Set<string>();
      const words = spokenWords(procedures[b.base]?.name ?? '');
      const topic = words.filter((w) => {
        const f = foldTokens(w).join('');
        return rare.has(f) || !first.has(f);
      });
      if (topic.length === words.length) continue;
      for (const phrasing of SIBLING_PHRASINGS) {
        const follow = phrasing.replace('{x}', topic.join(' '));
        followsTo(assistant, procedures, a.variant, follow, b.variant, out.siblings);
        followsTo(assistant, procedures, a.base, follow, b.base, out.plain);
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
  const out: ProbeScore = { asked: 0, right: 0, misses: [] };
  for (let doc = 0; doc < procedures.length; doc += 7) {
    const p = procedures[doc];
    if (!p || !assistant.understanding.offered(doc)) continue;
    const name = p.name.replace(/^thủ tục /iu, '').split(/[,(;]/u)[0] ?? '';
    if (assistant.dialogue().ask(name).focus !== p.code) continue;
    for (const q of GENERIC_FOLLOW_UPS) {
      const d = assistant.dialogue();
      d.ask(name);
      out.asked++;
      const got = d.ask(q).focus;
      if (got === p.code) out.right++;
      else out.misses.push(`${p.code} → "${q}": want ${p.code}, got ${got ?? 'none'}`);
    }
  }
  return out;
}

export interface ListScores {
  /** "số 2" with the list on screen. */
  onScreen: ProbeScore;
  /** "còn số 1 thì sao" after a pick: the list shown before. */
  byNumber: ProbeScore;
  /** "còn {label} thì sao" after a pick: the choice by its label. */
  byLabel: ProbeScore;
  /** "không phải" after a pick: the focus released, the others offered. */
  rejected: ProbeScore;
}

/**
 * First questions that get a list: each pair of rarer words side by side in 3–12 offered names
 * ("giấy phép xây dựng" → "phép xây"), asked as written in the first name holding it. When the
 * assistant lists three choices or more: "số 2" (on screen), then "còn số 1 thì sao" and "còn
 * {third label} thì sao" (the list shown before), then "không phải" (the others offered).
 */
export function listProbe(assistant: Assistant, procedures: readonly Procedure[]): ListScores {
  const u = assistant.understanding;
  const names = nameWords(procedures.map((p) => p.name));
  const pairs = new Map<string, { said: string; docs: Set<number> }>();
  procedures.forEach((p, doc) => {
    if (!u.offered(doc)) return;
    const tokens = names.tokens[doc] ?? [];
    const spoken = spokenWords(p.name);
    if (spoken.length !== tokens.length) return;
    const rare = rareWords(tokens, names.df);
    for (let i = 0; i + 1 < tokens.length; i++) {
      if (!rare.has(tokens[i] as string) || !rare.has(tokens[i + 1] as string)) continue;
      const key = `${tokens[i]} ${tokens[i + 1]}`;
      const entry = pairs.get(key) ?? { said: `${spoken[i]} ${spoken[i + 1]}`, docs: new Set<number>() };
      entry.docs.add(doc);
      pairs.set(key, entry);
    }
  });
  const score = (): ProbeScore => ({ asked: 0, right: 0, misses: [] });
  const out: ListScores = { onScreen: score(), byNumber: score(), byLabel: score(), rejected: score() };
  const check = (s: ProbeScore, ok: boolean, what: string): void => {
    s.asked++;
    if (ok) s.right++;
    else s.misses.push(what);
  };
  for (const key of [...pairs.keys()].sort()) {
    const { said, docs } = pairs.get(key) as { said: string; docs: Set<number> };
    if (docs.size < 3 || docs.size > 12) continue;
    const d = assistant.dialogue();
    const list = d.ask(said);
    const codes = list.choices.map((c) => c.code);
    if (list.behavior !== 'clarify' || codes.length < 3) continue;
    const second = d.ask('số 2').focus;
    check(out.onScreen, second === codes[1], `"${said}" → "số 2": want ${codes[1]}, got ${second}`);
    const first = d.ask('còn số 1 thì sao').focus;
    check(out.byNumber, first === codes[0], `"${said}" → "còn số 1": want ${codes[0]}, got ${first}`);
    const label = (list.choices[2]?.label ?? '').toLocaleLowerCase('vi');
    const third = d.ask(`còn ${label} thì sao`).focus;
    check(out.byLabel, third === codes[2], `"${said}" → "còn ${label}": want ${codes[2]}, got ${third}`);
    const no = d.ask('không phải');
    check(
      out.rejected,
      no.focus === null && no.choices.length > 0 && !no.choices.some((c) => c.code === third),
      `"${said}" → "không phải": got ${no.behavior} ${no.focus}`,
    );
  }
  return out;
}

const ACT_PHRASINGS = ['còn {x} thì sao', 'à còn {x} thì phí bao nhiêu'];

/**
 * Another act on the same topic: two offered names that differ only in their first one to three
 * words ("cấp điều chỉnh giấy phép xây dựng …" / "gia hạn giấy phép xây dựng …", the rest at
 * least three words and the same); after the first, "còn {the other's first words} thì sao"
 * must be the other (the only one of the first's pairs starting so).
 */
export function actProbe(assistant: Assistant, procedures: readonly Procedure[]): ProbeScore {
  const u = assistant.understanding;
  const names = nameWords(procedures.map((p) => p.name));
  const byRest = new Map<string, { doc: number; lead: number }[]>();
  procedures.forEach((p, doc) => {
    const tokens = names.tokens[doc] ?? [];
    if (!u.offered(doc) || spokenWords(p.name).length !== tokens.length) return;
    for (let lead = 1; lead <= 3 && tokens.length - lead >= 3; lead++) {
      const key = tokens.slice(lead).join(' ');
      byRest.set(key, [...(byRest.get(key) ?? []), { doc, lead }]);
    }
  });
  const out: ProbeScore = { asked: 0, right: 0, misses: [] };
  for (const group of byRest.values()) {
    for (const a of group) {
      const leadA = new Set((names.tokens[a.doc] ?? []).slice(0, a.lead));
      const said = new Map<string, number[]>();
      for (const b of group) {
        if (b.doc === a.doc) continue;
        const lead = spokenWords(procedures[b.doc]?.name ?? '').slice(0, b.lead);
        if ((names.tokens[b.doc] ?? []).slice(0, b.lead).some((w) => leadA.has(w))) continue;
        const x = lead.join(' ');
        said.set(x, [...(said.get(x) ?? []), b.doc]);
      }
      for (const [x, docs] of said)
        if (docs.length === 1)
          for (const phrasing of ACT_PHRASINGS)
            followsTo(assistant, procedures, a.doc, phrasing.replace('{x}', x), docs[0] as number, out);
    }
  }
  return out;
}
