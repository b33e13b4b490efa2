import type { SearchBehavior, SearchHit } from '../catalog/search-types.js';

/** One labelled conversation (dev_dialogs.jsonl): turns fed in order to one session. */
export interface LabelledDialogue {
  id: string;
  turns: { id: string; q: string; expect_ids: string[]; behavior: SearchBehavior }[];
  /** Turn numbers kept out of this file (a held-out set has them). */
  held_out: number[];
}

/** Parses dev_dialogs.jsonl; throws a TypeError naming the bad line. */
export function parseLabelledDialogues(text: string): LabelledDialogue[] {
  const out: LabelledDialogue[] = [];
  text.split('\n').forEach((line, i) => {
    if (line.trim() === '') return;
    const v = JSON.parse(line) as Partial<LabelledDialogue>;
    if (typeof v.id !== 'string' || !Array.isArray(v.turns)) {
      throw new TypeError(`line ${i + 1}: needs "id" and "turns"`);
    }
    out.push({ id: v.id, turns: v.turns, held_out: Array.isArray(v.held_out) ? v.held_out : [] });
  });
  return out;
}

/** The number of a turn id ("h4c-01#2" → 2; an id without "#" is turn 1). */
export function turnNumber(id: string): number {
  const m = /#(\d+)$/.exec(id);
  return m ? Number(m[1]) : 1;
}

/** What a conversational system answers for one turn. */
export interface TurnOutcome {
  behavior: SearchBehavior;
  focus: string | null;
  results: SearchHit[];
  reply: string;
}

export interface DialogueQuality {
  turns: number;
  firstTurns: number;
  /** First turns with expected codes: any of them first / in the first three results. */
  firstHit1: number;
  firstHit3: number;
  followUps: number;
  /** Follow-up turns with expected codes whose focus (or best result, for a stateless system) is one of them. */
  followUpFocus: number;
  /** Share of all turns whose behaviour matches the label. */
  behavior: number;
  /** Follow-ups asking fee / time whose reply states the catalog's figure. */
  feeTimeAsked: number;
  feeTimeStated: number;
  /** Per-turn latency in ms. */
  latencies: number[];
  /** `label->predicted` → count. */
  confusion: Record<string, number>;
}

export interface Scorer {
  /** A new session for a conversation. */
  session(): (q: string) => TurnOutcome;
  /** Whether `reply` states the fee or time the catalog gives for `code`. */
  statesFigure?(code: string, asked: 'fee' | 'time', reply: string): boolean;
  /** Which figure a question asks for, if any (fee or time). */
  asks?(q: string): 'fee' | 'time' | undefined;
}

/**
 * Feeds each conversation's turns in order to a fresh session; first turns are those numbered 1,
 * follow-ups the others. `include` picks the turns that count (all are still fed, so context
 * is the same whichever subset is scored).
 */
export function evaluateDialogues(
  dialogues: readonly LabelledDialogue[],
  scorer: Scorer,
  include: (d: LabelledDialogue, turn: number) => boolean = () => true,
): DialogueQuality {
  const q: DialogueQuality = {
    turns: 0,
    firstTurns: 0,
    firstHit1: 0,
    firstHit3: 0,
    followUps: 0,
    followUpFocus: 0,
    behavior: 0,
    feeTimeAsked: 0,
    feeTimeStated: 0,
    latencies: [],
    confusion: {},
  };
  let behaviorOk = 0;
  let firstRanked = 0;
  let followRanked = 0;
  for (const d of dialogues) {
    const ask = scorer.session();
    for (const t of d.turns) {
      const t0 = performance.now();
      const out = ask(t.q);
      const ms = performance.now() - t0;
      const n = turnNumber(t.id);
      if (!include(d, n)) continue;
      q.latencies.push(ms);
      q.turns++;
      const key = `${t.behavior}->${out.behavior}`;
      q.confusion[key] = (q.confusion[key] ?? 0) + 1;
      if (out.behavior === t.behavior) behaviorOk++;
      if (n === 1) {
        q.firstTurns++;
        if (t.expect_ids.length === 0) continue;
        firstRanked++;
        const pos = out.results.findIndex((r) => t.expect_ids.includes(r.code));
        if (pos === 0) q.firstHit1++;
        if (pos >= 0 && pos < 3) q.firstHit3++;
      } else {
        q.followUps++;
        if (t.expect_ids.length === 0) continue;
        followRanked++;
        const focus = out.focus ?? null;
        if (focus !== null && t.expect_ids.includes(focus)) q.followUpFocus++;
        const asked = scorer.asks?.(t.q);
        if (asked) {
          q.feeTimeAsked++;
          const code = t.expect_ids.find((c) => scorer.statesFigure?.(c, asked, out.reply));
          if (code) q.feeTimeStated++;
        }
      }
    }
  }
  const share = (n: number, of: number): number => (of > 0 ? n / of : 0);
  q.firstHit1 = share(q.firstHit1, firstRanked);
  q.firstHit3 = share(q.firstHit3, firstRanked);
  q.followUpFocus = share(q.followUpFocus, followRanked);
  q.behavior = share(behaviorOk, q.turns);
  return q;
}
