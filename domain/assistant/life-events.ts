import type { Procedure } from '../catalog/procedure.js';
import { foldTokens } from '../search/normalize.js';
import { expandAbbreviations } from '../search/search-index.js';
import { findPhrase } from './question-text.js';

/**
 * Life events: what happened to a family ("ông nhà tôi mới qua đời", "nhà mới sinh cháu") →
 * the procedures it calls for, in the order a commune officer would list them. The events'
 * words come from how citizens say it; their procedures are official phrases resolved against
 * the catalog's names, plus the catalog's own "Liên thông ..." procedures, whose names list the
 * procedures done together ("Liên thông ... đăng ký khai sinh, đăng ký thường trú, cấp thẻ bảo
 * hiểm y tế cho trẻ em dưới 6 tuổi").
 */
export interface LifeEvent {
  name: string;
  /** How citizens say it (folded word sequences). */
  triggers: readonly string[];
  /** Official phrases of the procedures it calls for, the commonest first (folded). */
  procedures: readonly string[];
  /** Words that, in a question, mean the citizen already named one of them (folded). */
  cores: readonly string[];
}

export const LIFE_EVENTS: readonly LifeEvent[] = [
  {
    name: 'death',
    triggers: [
      'qua doi',
      'mat roi',
      'vua mat',
      'moi mat',
      'da mat',
      'nguoi mat',
      'tu tran',
      'ta the',
      'chet',
      'bi chet',
      'tu vong',
      'khuat nui',
      'mat nam',
      'dam ma',
      'dam tang',
    ],
    procedures: ['dang ky khai tu', 'xoa dang ky thuong tru', 'tro cap mai tang', 'che do tu tuat'],
    cores: ['khai tu', 'mai tang', 'tu tuat', 'thuong tru', 'di san', 'thua ke', 'sang ten', 'dat'],
  },
  {
    name: 'birth',
    triggers: [
      'moi sinh',
      'vua sinh',
      'sinh con',
      'sinh chau',
      'sinh be',
      'em be',
      'tre so sinh',
      'moi de',
      'vua de',
      'de con',
      'sinh em be',
      'chau moi sinh',
      'con moi sinh',
    ],
    procedures: ['dang ky khai sinh', 'lien thong khai sinh', 'dang ky thuong tru', 'the bao hiem y te'],
    cores: ['khai sinh', 'thuong tru', 'bao hiem', 'bhyt', 'thai san', 'tien', 'nhan cha'],
  },
];

export interface ResolvedLifeEvent {
  event: LifeEvent;
  /** Catalog indexes of its procedures, in the event's order (each found once). */
  docs: number[];
}

function contains(words: readonly string[], phrase: string): boolean {
  return findPhrase(words, phrase.split(' ')) >= 0;
}

/**
 * The procedure an official phrase names: among names containing every word of the phrase in
 * order, the shortest one accepted by `eligible` (the general case, not "… lưu động" or "… có
 * yếu tố nước ngoài").
 */
function resolvePhrase(
  phrase: string,
  names: readonly string[][],
  eligible: (doc: number) => boolean,
): number | undefined {
  const words = phrase.split(' ');
  const pick = (matches: (name: readonly string[]) => boolean): number | undefined => {
    let best: number | undefined;
    names.forEach((name, doc) => {
      if (!eligible(doc) || !matches(name)) return;
      if (best === undefined || name.length < (names[best] ?? []).length) best = doc;
    });
    return best;
  };
  const inOrder = (name: readonly string[]): boolean => {
    let at = 0;
    for (const w of name) if (w === words[at]) at++;
    return at >= words.length;
  };
  // The phrase itself first; its words in order (with others between) only when no name has it.
  return pick((name) => findPhrase(name, words) >= 0) ?? pick(inOrder);
}

/** Resolves each event's phrases (and the catalog's "Liên thông" procedures) to catalog entries. */
export function resolveLifeEvents(
  procedures: readonly Procedure[],
  eligible: (doc: number) => boolean,
  events: readonly LifeEvent[] = LIFE_EVENTS,
  /** The folded words of each name, "Thủ tục" dropped, when the caller has them already. */
  folded?: readonly (readonly string[])[],
): ResolvedLifeEvent[] {
  const names = folded
    ? folded.map((words) => expandAbbreviations(words))
    : procedures.map((p) => expandAbbreviations(foldTokens(p.name.replace(/^thủ tục\s+/iu, ''))));
  return events.map((event) => {
    const docs: number[] = [];
    for (const phrase of event.procedures) {
      const doc = resolvePhrase(phrase, names, eligible);
      if (doc !== undefined && !docs.includes(doc)) docs.push(doc);
    }
    return { event, docs };
  });
}

export interface LifeEventReading {
  event: ResolvedLifeEvent;
  /** Question word positions that say the event (not a topic of their own). */
  mask: boolean[];
  /** True when the question also names one of the event's procedures ("… khai tử …"). */
  named: boolean;
}

/** The life event a question tells about, if any. */
export function readLifeEvent(
  words: readonly string[],
  events: readonly ResolvedLifeEvent[],
): LifeEventReading | undefined {
  for (const resolved of events) {
    const mask = words.map(() => false);
    let found = false;
    for (const trigger of resolved.event.triggers) {
      const phrase = trigger.split(' ');
      const at = findPhrase(words, phrase);
      if (at < 0) continue;
      found = true;
      for (let k = 0; k < phrase.length; k++) mask[at + k] = true;
    }
    if (!found || resolved.docs.length === 0) continue;
    const named = resolved.event.cores.some((c) => contains(words, c));
    return { event: resolved, mask, named };
  }
  return undefined;
}
