import type { Procedure } from '../catalog/procedure.js';
import type { SearchBehavior } from '../catalog/search-types.js';
import { STOPWORDS } from '../search/lexicon.js';
import { VietnameseProcedureSearch, type Ranked } from '../search/procedure-search.js';
import { analyzeQuery } from '../search/query-analyzer.js';
import { asksForOrganisation, scopeOf, type ScopeFacts } from './citizen-scope.js';
import {
  readLifeEvent,
  resolveLifeEvents,
  type LifeEventReading,
  type ResolvedLifeEvent,
} from './life-events.js';
import { withImpliedWording } from './everyday-words.js';
import {
  focusVariant,
  keepsRareWords,
  nameWords,
  focusBase,
  rareWords,
  siblingVariant,
  stopwordVariant,
  swappedAct,
  type NameWords,
} from './focus-variants.js';
import { questionWords } from './question-text.js';
import { readSlots, type AssistantSlot } from './slots.js';

/** How context and scope reweigh the search's candidates (tuned on the dev conversations). */
export interface UnderstandingTuning {
  /** The procedure in focus, when the question does not switch topic. */
  focusBoost: number;
  /** Procedures of the same field as the one in focus. */
  fieldBoost: number;
  /** Procedures among the choices on screen. */
  choiceBoost: number;
  /** Procedures of the life event the question tells about. */
  eventBoost: number;
  /** Procedures addressed to organisations when the citizen does not ask for one. */
  organisationFactor: number;
  /** Procedures addressed to people (households, individuals). */
  peopleBoost: number;
  /** Procedures not offered to citizens (customs, treasury). */
  notForCitizensFactor: number;
  /**
   * Weight of the share of a name the question mentions: the general variant ("đăng ký khai
   * sinh") before the specific ones ("… lưu động", "… cho người đã có hồ sơ") unless asked.
   */
  nameShare: number;
  /**
   * Out of scope, read from the whole catalog's vocabulary: a procedure not offered here whose
   * title has a question word pair this much more specific (idf) than the best offered one's …
   */
  elsewherePair: number;
  /** … and that explains at least this share of what the best offered one does (any level). */
  elsewhereShare: number;
  /**
   * Unsure between two: neither named by the citizen (head words), the second scoring at least
   * this share of the first …
   */
  unsureRatio: number;
  /** … and the first explaining less than this share of the question: clarify, not answer. */
  unsureCoverage: number;
}

export const DEFAULT_UNDERSTANDING: UnderstandingTuning = {
  focusBoost: 1.6,
  fieldBoost: 1.15,
  choiceBoost: 1.35,
  eventBoost: 1.3,
  organisationFactor: 0.6,
  peopleBoost: 1.1,
  notForCitizensFactor: 0.3,
  nameShare: 0.6,
  elsewherePair: 1.5,
  elsewhereShare: 0.7,
  unsureRatio: 0.8,
  unsureCoverage: 0.8,
};

/** Words that say nothing about which procedure: family, papers in general, discourse. */
const GENERIC: ReadonlySet<string> = new Set(
  (
    'giay to thu tuc ho so lam nhung gi nguoi nha chau be con bo me vo chong ong ba cu ' +
    'oi a thi vay the con nua ak ah roi dang muon xin hoi cho biet giup kiem tra trong ngoai ' +
    'nay do kia ay xong nhe nha nhi sao bao nhieu may khong co duoc'
  ).split(' '),
);

/**
 * Stopwords that say nothing about which variant is meant: discourse, pronouns, particles, the
 * question's own frame. The other stopwords can qualify a procedure ("mới", "lần đầu", "trước").
 */
const DISCOURSE: ReadonlySet<string> = new Set(
  (
    'toi minh em anh chi ban oi a ah ak ha nha nhe nhi vay va voi thi la ma co khong gi nao the nhu ' +
    'bao nhieu lau o can phai muon hoi duoc cho cua den ve nay do day kia roi se da sao cai nhung cac ' +
    'mot ai khi neu ca cung rat lam thoi ad ong ba bac chu di dieu viec phi tien ngay mat gom nop xin ' +
    'biet giup hay luon con ngoai ra vao u uh ay'
  ).split(' '),
);

export interface Candidate {
  doc: number;
  score: number;
  ranked: Ranked;
}

/** What the assistant understood of one question in its context. */
export interface Understanding {
  /** Folded words, abbreviations spelled out. */
  words: string[];
  slots: AssistantSlot[];
  /** The question asks only "thì sao?" ("what about …?"): the last question's kind is meant. */
  whatAbout: boolean;
  /** Content words that are about a topic (not the slot, the life event or chatter). */
  topicWords: string[];
  /** Per word: not part of a slot or life-event phrase. */
  free: boolean[];
  event: LifeEventReading | undefined;
  behavior: SearchBehavior;
  /** Best first (at most 40). */
  candidates: Candidate[];
  /** A procedure not offered here that the question is about (out of scope: "not done here"). */
  elsewhere?: number;
}

export interface UnderstandingContext {
  focus?: number;
  choices?: readonly number[];
  /** The citizen says they change topic ("à, còn …"): the focus gets no boost. */
  switching?: boolean;
}

/** The assistant's reading of questions over one catalog (built once per catalog). */
export class AssistantUnderstanding {
  readonly procedures: readonly Procedure[];
  readonly scope: readonly ScopeFacts[];
  readonly events: readonly ResolvedLifeEvent[];
  private readonly byCode: Map<string, number>;
  /** The folded words of each name, "thủ tục" dropped (qualifiers such as "mới", "lại" kept). */
  private readonly names: NameWords;
  /** The words of each name's head as sets, made when first needed (`actOf`). */
  private headSets: readonly ReadonlySet<string>[] | undefined;
  /** Every folded syllable of each name (`names` as sets). */
  private readonly nameSyllables: readonly ReadonlySet<string>[];

  constructor(
    readonly engine: VietnameseProcedureSearch,
    private readonly tuning: UnderstandingTuning = DEFAULT_UNDERSTANDING,
  ) {
    this.procedures = engine.index.docs;
    this.scope = this.procedures.map((p) => scopeOf(p));
    const anyCommune = this.scope.some((s) => s.commune);
    if (!anyCommune) this.scope = this.scope.map((s) => ({ ...s, commune: true }));
    this.names = nameWords(this.procedures.map((p) => p.name));
    this.events = resolveLifeEvents(
      this.procedures,
      (doc) => this.offered(doc),
      undefined,
      this.names.tokens,
    );
    this.byCode = new Map(this.procedures.map((p, i) => [p.code, i]));
    this.nameSyllables = this.names.sets;
  }

  /**
   * The variant of the procedure in focus that a follow-up naming only qualifiers asks about
   * ("còn nếu làm lại thì sao" after "đăng ký khai sinh" → "đăng ký lại khai sinh"); undefined
   * when the question names another procedure that is no variant of the focus ("đăng ký khai
   * sinh" → "à, còn thường trú thì sao" is "đăng ký thường trú").
   */
  variantOf(focus: number, u: Understanding): number | undefined {
    const scores = new Map(u.candidates.map((c) => [c.doc, c.score]));
    const doc = focusVariant(this.names, {
      focus,
      topicWords: u.topicWords,
      offered: (d) => this.offered(d),
      rank: (d) => scores.get(d) ?? 0,
    });
    if (doc === undefined) return undefined;
    const base = this.names.tokens[focus] ?? [];
    const rare = rareWords(base, this.names.df);
    const other = this.namedOther(focus, u, (d) =>
      d === doc
        ? false
        : !keepsRareWords(base, rare, this.names.tokens[d] ?? [], this.nameSyllables[d] ?? new Set()),
    );
    return other === undefined ? doc : undefined;
  }

  /**
   * Another act on the focus's topic ("gia hạn thì sao" after "cấp điều chỉnh giấy phép xây
   * dựng …": see swappedAct); undefined when the question names another procedure by its own
   * words.
   */
  actOf(focus: number, u: Understanding): number | undefined {
    const scores = new Map(u.candidates.map((c) => [c.doc, c.score]));
    this.headSets ??= this.engine.index.nameHeads.map((h) => new Set(h));
    const doc = swappedAct({
      heads: this.headSets,
      focus,
      topicWords: u.topicWords,
      said: new Set(u.words),
      offered: (d) => this.offered(d),
      rank: (d) => scores.get(d) ?? 0,
    });
    if (doc === undefined) return undefined;
    return this.namedOther(focus, u, (d) => d !== doc) === undefined ? doc : undefined;
  }

  /**
   * A follow-up that names another procedure by its rarer words only, leaving out the act it
   * shares with the focus ("còn khai tử thì sao" after "đăng ký lại khai sinh": "khai tử", not
   * "đăng ký"), keeps the focus's qualifiers: the sibling "đăng ký lại khai tử". Undefined when
   * the question names the act too ("à, còn đăng ký kết hôn thì sao"), when the procedure's
   * unsaid words are not the focus's ("gia hạn tạm trú" for "tạm trú" after "xóa đăng ký
   * thường trú" is not meant), or no sibling exists.
   */
  siblingOf(focus: number, u: Understanding, named = this.namedByTopic(focus, u)): number | undefined {
    if (named === undefined) return undefined;
    const scores = new Map(u.candidates.map((c) => [c.doc, c.score]));
    return siblingVariant(this.names, {
      focus,
      named: named.doc,
      offered: (d) => this.offered(d),
      rank: (d) => scores.get(d) ?? 0,
    });
  }

  /**
   * The procedure a follow-up means when it names another by its topic alone, leaving out the
   * act it shares with the focus: the sibling that keeps the focus's qualifiers (`siblingOf`),
   * else the named procedure itself, the focus's act carried over ("còn tạm trú thì sao" after
   * "đăng ký thường trú" is "đăng ký tạm trú", not "gia hạn tạm trú"; "còn giám hộ thì sao"
   * after "đăng ký khai sinh" is "đăng ký giám hộ", not a combined procedure whose name holds
   * both). The named one must hold every topic word of the question ("còn khai sinh kết hợp
   * giám hộ thì sao" names the combined one; "còn gia hạn tạm trú" is not "đăng ký tạm trú").
   * Undefined when the question names no such procedure.
   */
  topicSwitch(focus: number, u: Understanding): number | undefined {
    const named = this.namedByTopic(focus, u);
    if (named === undefined) return undefined;
    const sibling = this.siblingOf(focus, u, named);
    if (sibling !== undefined) return sibling;
    const own = this.nameSyllables[named.doc] ?? new Set<string>();
    return u.topicWords.every((w) => own.has(w)) ? named.doc : undefined;
  }

  /**
   * The offered candidate (of the best ten) the question names by its rarer words, not all of
   * them the focus's, with no word of its act said again; its unsaid words are the focus's.
   */
  namedByTopic(focus: number, u: Understanding): Candidate | undefined {
    const said = new Set(u.words);
    const focusSet = this.nameSyllables[focus] ?? new Set<string>();
    return u.candidates.slice(0, 10).find((c) => {
      if (c.doc === focus || !this.offered(c.doc)) return false;
      const tokens = this.names.tokens[c.doc] ?? [];
      const rare = rareWords(tokens, this.names.df);
      if (![...rare].every((w) => said.has(w)) || [...rare].every((w) => focusSet.has(w))) return false;
      // The words not said are the act, the focus's own ("đăng ký"), and were not said again.
      return tokens.every((w) => (said.has(w) ? rare.has(w) || !focusSet.has(w) : focusSet.has(w)));
    });
  }

  /**
   * A follow-up with no topic of its own beyond the focus's words that qualifies it with words a
   * search ignores: the variant whose name adds them ("còn nếu không phải thì sao"), else, when
   * the citizen turns away from the focus ("còn lần đầu thì sao", "à còn đăng ký mới thì sao"
   * after "đăng ký lại khai sinh"), its general form ("đăng ký khai sinh"), or the focus itself
   * when it is the general one. Undefined when the question names something else.
   */
  qualifiedFocus(focus: number, u: Understanding, switching: boolean): number | undefined {
    const focusSet = this.nameSyllables[focus] ?? new Set<string>();
    // "khai tử" names another procedure though "tử" folds to the stopword "từ".
    if (!u.topicWords.every((w) => focusSet.has(w)) || this.namedByTopic(focus, u)) return undefined;
    const scores = new Map(u.candidates.map((c) => [c.doc, c.score]));
    const offered = (d: number): boolean => this.offered(d);
    const variant = stopwordVariant(this.names, {
      focus,
      words: u.words,
      free: u.free,
      isStopword: (w) => STOPWORDS.has(w),
      offered,
      rank: (d) => scores.get(d) ?? 0,
    });
    if (variant !== undefined) return variant;
    // A stopword that qualifies: not discourse, not the focus's, and not after one of the
    // focus's topic words ("khai tử": "tử" folds to "từ"; "đăng ký mới", "lần đầu" qualify).
    const rare = rareWords(this.names.tokens[focus] ?? [], this.names.df);
    const qualifies = u.words.some(
      (w, i) =>
        u.free[i] &&
        STOPWORDS.has(w) &&
        !DISCOURSE.has(w) &&
        !focusSet.has(w) &&
        !rare.has(u.words[i - 1] ?? ''),
    );
    if (!switching || !qualifies) return undefined;
    return focusBase(this.names, focus, offered) ?? focus;
  }

  /**
   * An offered procedure other than the focus that the question names by its own words: every
   * rarer word of its name, or every word of its name's head, not all of them the focus's
   * ("vậy còn đăng ký tạm trú thì sao" names "đăng ký tạm trú").
   */
  namedOther(
    focus: number,
    u: Understanding,
    also: (doc: number) => boolean = () => true,
  ): number | undefined {
    const said = new Set(u.topicWords);
    const baseSet = this.nameSyllables[focus] ?? new Set<string>();
    const heads = this.engine.index.nameHeads;
    const by = (words: readonly string[]): boolean =>
      words.length > 0 && words.every((w) => said.has(w)) && words.some((w) => !baseSet.has(w));
    return u.candidates.find(
      (c) =>
        c.doc !== focus &&
        this.offered(c.doc) &&
        (by([...rareWords(this.names.tokens[c.doc] ?? [], this.names.df)]) || by(heads[c.doc] ?? [])) &&
        also(c.doc),
    )?.doc;
  }

  /** Offered to a citizen at this kiosk: commune level and meant for citizens. */
  offered(doc: number): boolean {
    const s = this.scope[doc];
    return s !== undefined && s.commune && s.forCitizens;
  }

  docOf(code: string): number | undefined {
    return this.byCode.get(code);
  }

  understand(question: string, context: UnderstandingContext = {}): Understanding {
    const t = this.tuning;
    const words = questionWords(question);
    const { slots, mask, whatAbout } = readSlots(words);
    const event = readLifeEvent(words, this.events);
    const free = words.map((_, i) => !mask[i] && !event?.mask[i]);
    const topicWords = words.filter(
      (w, i) => free[i] && !STOPWORDS.has(w) && !GENERIC.has(w) && !/^\d+$/.test(w),
    );
    const analyzed = analyzeQuery(withImpliedWording(question, words), this.engine.index);
    const ranked = this.engine.rank(analyzed);
    const heads = this.engine.index.nameHeads;
    const organisation = asksForOrganisation(words);
    const focus = context.focus;
    const focusField = focus === undefined ? undefined : this.procedures[focus]?.field;
    const choices = new Set(context.choices ?? []);
    const eventDocs = new Set(event?.event.docs ?? []);
    const candidates: Candidate[] = ranked.map((r) => {
      const head = heads[r.doc] ?? [];
      const headShare = head.length ? head.filter((w) => analyzed.terms.has(w)).length / head.length : 0;
      const share = (headShare + 2 * r.namePrecision) / 3;
      let score = r.score * (1 - t.nameShare + t.nameShare * share);
      const s = this.scope[r.doc];
      if (s && !s.forCitizens) score *= t.notForCitizensFactor;
      if (s?.audience === 'organisations' && !organisation) score *= t.organisationFactor;
      if (s?.audience === 'people' && !organisation) score *= t.peopleBoost;
      if (r.doc === focus && !context.switching) score *= t.focusBoost;
      else if (focusField !== undefined && this.procedures[r.doc]?.field === focusField)
        score *= t.fieldBoost;
      if (choices.has(r.doc)) score *= t.choiceBoost;
      if (eventDocs.has(r.doc)) score *= t.eventBoost;
      return { doc: r.doc, score, ranked: r };
    });
    candidates.sort((a, b) => b.score - a.score);
    this.namedFirst(candidates);
    const top = candidates[0];
    // A question that also asks what it wants to know ("mất bao nhiêu ngày", "cần gì") is long
    // for its topic: when the best procedure explains that topic well (or is named), the share
    // of the whole question its score is does not make it out of scope.
    const lengthBlind =
      top !== undefined &&
      (top.ranked.headCovered || (slots.length > 0 && top.ranked.coverage >= t.unsureCoverage));
    let behavior: SearchBehavior =
      candidates.length === 0
        ? 'apologize'
        : this.engine.decide(
            candidates.map((c) => c.ranked),
            { lengthBlind },
          );
    const best = candidates[0];
    if (best && !this.offered(best.doc)) behavior = 'apologize';
    const elsewhere = this.elsewhere(candidates);
    if (elsewhere !== undefined && !eventDocs.has(candidates[0]?.doc ?? -1)) {
      return {
        words,
        slots,
        whatAbout,
        topicWords,
        free,
        event,
        behavior: 'apologize',
        candidates,
        elsewhere,
      };
    }
    if (behavior === 'clarify' && !event && best) {
      if (this.variantsOf(best, candidates, analyzed.terms)) behavior = 'answer';
      else {
        // A variant scores first, its general form close behind and every other close one a
        // variant of that ("còn kết hôn thì sao": "đăng ký lại kết hôn" 0.42, "đăng ký kết
        // hôn" 0.41): the general one is meant.
        const at = candidates
          .slice(1, 8)
          .findIndex(
            (c) =>
              this.offered(c.doc) &&
              c.score >= 0.7 * best.score &&
              this.isVariant(c.doc, best.doc, analyzed.terms) &&
              this.variantsOf(c, [c, ...candidates.filter((o) => o !== c)], analyzed.terms),
          );
        // Not over the focus the citizen stays on ("khai sinh" after "đăng ký lại khai sinh").
        if (at >= 0 && (best.doc !== focus || context.switching === true)) {
          const [general] = candidates.splice(at + 1, 1);
          if (general) candidates.unshift(general);
          behavior = 'answer';
        }
      }
    }
    if (behavior === 'answer' && !event && this.unsure(candidates, analyzed.terms)) behavior = 'clarify';
    // The citizen tells a life event and the best match is one of its procedures.
    if (best && behavior === 'apologize' && eventDocs.has(best.doc)) behavior = 'answer';
    // A life event told in everyday words, with no procedure named: offer what it calls for.
    if (event && !event.named && topicWords.length === 0) {
      const first = event.event.docs.map((doc) => ({
        doc,
        score: candidates.find((c) => c.doc === doc)?.score ?? 0,
        ranked: candidates.find((c) => c.doc === doc)?.ranked ?? emptyRanked(doc),
      }));
      const rest = candidates.filter((c) => !eventDocs.has(c.doc));
      return {
        words,
        slots,
        whatAbout,
        topicWords,
        free,
        event,
        behavior: 'clarify',
        candidates: [...first, ...rest],
      };
    }
    return { words, slots, whatAbout, topicWords, free, event, behavior, candidates };
  }

  /**
   * The citizen named a procedure (every word of its name's head) that scores about as well as
   * the best one, which they did not name, and it matches a more specific word pair of the
   * question in its title: the named one comes first.
   */
  private namedFirst(candidates: Candidate[]): void {
    const best = candidates[0];
    if (!best || best.ranked.headCovered) return;
    const at = candidates
      .slice(1, 4)
      .findIndex(
        (c) =>
          c.ranked.headCovered &&
          this.offered(c.doc) &&
          c.score >= this.tuning.unsureRatio * best.score &&
          c.ranked.titlePair > best.ranked.titlePair,
      );
    if (at < 0) return;
    const [named] = candidates.splice(at + 1, 1);
    if (named) candidates.unshift(named);
  }

  /**
   * The procedure not offered here that the question names more specifically than anything
   * offered ("thi bằng lái xe máy": driving licences are the province's, though vehicle
   * registration at the commune shares "đăng ký xe"). Uses the whole catalog's vocabulary.
   */
  private elsewhere(candidates: readonly Candidate[]): number | undefined {
    const t = this.tuning;
    const mine = candidates.find((c) => this.offered(c.doc));
    if (!mine) return undefined;
    let other: Candidate | undefined;
    // The most specific pair any offered procedure has: words also used here are not foreign.
    let pairHere = 0;
    for (const c of candidates) {
      if (this.offered(c.doc)) pairHere = Math.max(pairHere, c.ranked.titlePair);
      else if (!other || c.ranked.anyLevelScore > other.ranked.anyLevelScore) other = c;
    }
    if (!other) return undefined;
    const specific = other.ranked.titlePair >= pairHere + t.elsewherePair;
    const strong = other.ranked.anyLevelScore >= t.elsewhereShare * mine.ranked.anyLevelScore;
    return specific && strong ? other.doc : undefined;
  }

  /**
   * The close candidates are all variants of the best one (its name plus qualifiers: "đăng ký
   * lại khai tử", "… lưu động", "… có yếu tố nước ngoài") and the question uses none of their
   * qualifiers: the general procedure is meant, answer it rather than list its variants. So
   * too when, reweighed by the share of each name the question uses, none is close any more.
   */
  private variantsOf(
    best: Candidate,
    candidates: readonly Candidate[],
    terms: ReadonlyMap<string, number>,
  ): boolean {
    const close = candidates.slice(1, 8).filter((c) => this.offered(c.doc) && c.score >= 0.7 * best.score);
    return close.every((c) => this.isVariant(best.doc, c.doc, terms));
  }

  /** `doc`'s name is `base`'s plus qualifiers the question does not use. */
  private isVariant(base: number, doc: number, terms: ReadonlyMap<string, number>): boolean {
    const general = this.nameSyllables[base] ?? new Set<string>();
    const own = [...(this.nameSyllables[doc] ?? [])];
    const extra = own.filter((w) => !general.has(w));
    return (
      general.size > 0 &&
      [...general].every((w) => own.includes(w)) &&
      extra.length > 0 &&
      !extra.some((w) => terms.has(w))
    );
  }

  /** Two offered procedures, neither named, about as good, and the first explains little: unsure. */
  private unsure(candidates: readonly Candidate[], terms: ReadonlyMap<string, number>): boolean {
    const t = this.tuning;
    const [first, second] = candidates.filter((c) => this.offered(c.doc));
    if (!first || !second) return false;
    return (
      !this.isVariant(first.doc, second.doc, terms) &&
      !first.ranked.headCovered &&
      !second.ranked.headCovered &&
      second.score >= t.unsureRatio * first.score &&
      first.ranked.coverage < t.unsureCoverage
    );
  }
}

function emptyRanked(doc: number): Ranked {
  return {
    doc,
    score: 0,
    coverage: 0,
    namePrecision: 0,
    headCovered: false,
    titlePair: 0,
    titleTerms: new Set<string>(),
    anyLevelScore: 0,
  };
}
