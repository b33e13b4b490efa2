import { inVietnamese, plainSpeech } from '../../runtime/text/speech-marks.js';
import type { Procedure } from '../catalog/procedure.js';
import type { SearchBehavior, SearchHit } from '../catalog/search-types.js';
import { answerReply, shortName, type ReplyLang } from './answers.js';
import { readRejection } from './rejection.js';
import { ShownChoices } from './shown-choices.js';
import { choiceLabels } from './choice-labels.js';
import { cleanQuestion, findPhrase, questionWords } from './question-text.js';
import type { AssistantSlot } from './slots.js';
import { readSlots } from './slots.js';
import { DIALOGUE_PHRASES } from './dialogue-phrases.js';
import { readSmallTalk, SMALL_TALK_WORDS } from './small-talk.js';
import type { AssistantUnderstanding, Candidate, Understanding } from './understanding.js';

/** At most this many numbered choices are offered. */
export const MAX_CHOICES = 5;

export interface AssistantChoice {
  code: string;
  name: string;
  /** The part of the name that tells it from the other choices. */
  label: string;
}

/** One turn of the conversation, as the CLI prints it and the screen shows it. */
export interface AssistantTurn {
  behavior: SearchBehavior;
  /** The procedure in focus after this turn. */
  focus: string | null;
  /** Best first, at most 10. */
  results: SearchHit[];
  /** What the question asked about the procedure (the first, when several). */
  slot: AssistantSlot | null;
  /** The text shown (and printed by the CLI). */
  reply: string;
  /** The text spoken: the reply with catalog content marked for the Vietnamese voice in English. */
  spoken: string;
  /** Numbered choices on screen (clarify), at most MAX_CHOICES. */
  choices: AssistantChoice[];
}

/** A reply as composed (catalog content marked in English) → what is shown and what is said. */
function replyAndSpoken(composed: string): { reply: string; spoken: string } {
  return { reply: plainSpeech(composed), spoken: composed };
}

/** A procedure explaining this much more of a question than the focus takes over. */
const SWITCH_COVERAGE = 0.25;
/** A procedure the citizen names takes over when it scores at least this share of the focus (unboosted). */
const SWITCH_SHARE = 0.5;

/**
 * The question names both the focus and another procedure ("tách xong mà sai thông tin cư trú
 * thì điều chỉnh thế nào"): the other one is asked about when it explains this much more.
 */
const SWITCH_NAMED = 0.1;

/** Raw words (NFC, lower case, with diacritics) that say the citizen changes topic. */
const SWITCH_WORDS = new Set(['còn', 'à']);
const SWITCH_PHRASES = [
  ['ngoai', 'ra'],
  ['hoi', 'them'],
  ['viec', 'khac'],
  ['thu', 'tuc', 'khac'],
];
/** Words that point back at the procedure in focus. */
const ANAPHORA_RAW = new Set(['thế', 'vậy', 'này', 'đó', 'ấy', 'nó']);
const ANAPHORA_PHRASES = [
  ['cai', 'do'],
  ['cai', 'nay'],
  ['thu', 'tuc', 'nay'],
  ['thu', 'tuc', 'do'],
  ['viec', 'nay'],
  ['viec', 'do'],
  ['cai', 'ay'],
];

function rawWords(question: string): string[] {
  return question
    .toLocaleLowerCase('vi')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w !== '');
}

/**
 * After an unaccented "con" these make it "child" ("con trai", "con tôi", "con nuôi"), not
 * "còn" (and …?).
 */
const CHILD_AFTER = new Set(['toi', 'trai', 'gai', 'minh', 'nuoi', 'cai', 'nho', 'be', 'em', 'dau']);

/**
 * "a con …" / "con …" typed without diacritics at the start of a question is "à, còn …"; in an
 * accented question "con" is a child ("con tôi mới sinh").
 */
function unaccentedSwitch(raw: readonly string[], words: readonly string[]): boolean {
  const at = raw[0] === 'a' || raw[0] === 'à' ? 1 : 0;
  if (raw[at] !== 'con' || CHILD_AFTER.has(words[at + 1] ?? '')) return false;
  return at === 1 || raw.every((w, i) => w === words[i]);
}

function switchesTopic(raw: readonly string[], words: readonly string[]): boolean {
  if (raw.slice(0, 3).some((w) => SWITCH_WORDS.has(w))) return true;
  if (unaccentedSwitch(raw, words)) return true;
  return SWITCH_PHRASES.some((p) => findPhrase(words, p) >= 0);
}

function pointsBack(raw: readonly string[], words: readonly string[]): boolean {
  return raw.some((w) => ANAPHORA_RAW.has(w)) || namesFocus(words);
}

/** "thủ tục này", "cái đó": the procedure in focus itself, no variant of it. */
function namesFocus(words: readonly string[]): boolean {
  return ANAPHORA_PHRASES.some((p) => findPhrase(words, p) >= 0);
}

/** What a turn that says no procedure understood (a rejection). */
const NOTHING_SAID: Understanding = {
  words: [],
  slots: [],
  whatAbout: false,
  topicWords: [],
  free: [],
  event: undefined,
  behavior: 'clarify',
  candidates: [],
};

/**
 * One citizen's conversation with the assistant: the procedure in focus, the choices on screen
 * and the last question's kind. Holds nothing but catalog references; `reset()` (session end)
 * forgets it all.
 */
export class AssistantDialogue {
  private focus: number | undefined;
  private choices: number[] = [];
  /** The last list shown, kept after a pick while the focus stays among its choices. */
  private readonly shown = new ShownChoices();
  /** The other close procedures of the question that set the focus (offered if it is rejected). */
  private others: number[] = [];
  private lastSlot: AssistantSlot | null = null;
  /** What the citizen asked before being asked which procedure: answered once one is named. */
  private waiting: AssistantSlot[] = [];
  /** The language of the turn being answered (the kiosk's, per question). */
  private lang: ReplyLang = 'vi';

  constructor(private readonly understanding: AssistantUnderstanding) {}

  /** Forgets the conversation (session end). */
  reset(): void {
    this.focus = undefined;
    this.choices = [];
    this.shown.forget();
    this.others = [];
    this.lastSlot = null;
    this.waiting = [];
  }

  /** The procedure in focus, if any. */
  get focused(): Procedure | undefined {
    return this.focus === undefined ? undefined : this.understanding.procedures[this.focus];
  }

  /** Sets the focus directly (a choice pressed by button or touch). */
  choose(index: number, lang: ReplyLang = 'vi'): AssistantTurn | undefined {
    this.lang = lang;
    const doc = this.choices[index];
    if (doc === undefined) return undefined;
    return this.focusOn(doc, this.lastSlot ? [this.lastSlot] : [], []);
  }

  /** One question, answered in `lang` (the kiosk's language; catalog content stays Vietnamese). */
  ask(text: string, lang: ReplyLang = 'vi'): AssistantTurn {
    const turn = this.answer(text, lang);
    // What waited for a procedure waits one turn only (askProcedure sets it anew).
    if (turn.behavior !== 'clarify' || turn.choices.length > 0) this.waiting = [];
    return turn;
  }

  private answer(text: string, lang: ReplyLang): AssistantTurn {
    this.lang = lang;
    const say = DIALOGUE_PHRASES[lang];
    const question = cleanQuestion(text);
    const words = questionWords(question);
    if (words.length === 0) return this.apologize(say.notHeard, []);
    const raw = rawWords(question);
    {
      // A choice by its number or its label, on screen or on the list shown before ("còn số 2
      // thì sao", "gia hạn thì sao" after picking "cấp mới" of five giấy phép xây dựng).
      const doc = this.shown.referred(words, this.focus);
      if (doc !== undefined) {
        const { slots } = readSlots(words);
        return this.focusOn(doc, slots.length ? slots : this.lastSlot ? [this.lastSlot] : [], []);
      }
    }
    // "không phải": the other procedures close to the question, to choose from.
    if (this.focus !== undefined && readRejection(words)) return this.rejected(this.focus);
    const switching = this.focus !== undefined && switchesTopic(raw, words);
    const u = this.understanding.understand(question, {
      ...(this.focus !== undefined ? { focus: this.focus } : {}),
      choices: this.choices,
      switching,
    });
    if (this.focus !== undefined && !namesFocus(words)) {
      // Another procedure named by its topic alone: the focus's qualifiers kept ("còn khai tử
      // thì sao" after "đăng ký lại khai sinh"), or its act ("còn tạm trú thì sao" after "đăng
      // ký thường trú").
      const other = this.understanding.topicSwitch(this.focus, u);
      if (other !== undefined) return this.focusOn(other, this.slotsOf(u), u.candidates);
      // Only qualifiers named ("còn nếu làm lại thì sao"): the variant of the procedure in focus.
      const variant = this.understanding.variantOf(this.focus, u);
      if (variant !== undefined) return this.focusOn(variant, this.slotsOf(u), u.candidates);
      // Qualified only by words a search ignores ("không phải", "mới", "lần đầu").
      const qualified = this.understanding.qualifiedFocus(this.focus, u, switching);
      if (qualified !== undefined) return this.focusOn(qualified, this.slotsOf(u), u.candidates);
      // Another act on the same topic ("gia hạn thì sao" after "cấp điều chỉnh giấy phép …").
      const act = this.understanding.actOf(this.focus, u);
      if (act !== undefined) return this.focusOn(act, this.slotsOf(u), u.candidates);
    }
    const talk = readSmallTalk(words);
    const topicWords = talk ? u.topicWords.filter((w) => !SMALL_TALK_WORDS.has(w)) : u.topicWords;
    if (topicWords.length === 0 && !u.event) {
      if (this.focus !== undefined && u.slots.length > 0)
        return this.focusOn(this.focus, this.slotsOf(u), u.candidates);
      if (this.choices.length > 0 && u.slots.length > 0) return this.clarify(this.choices, u, 'ask-which');
      if (talk) return this.apologize(say.smallTalk[talk], u.candidates, u.slots);
      if (this.focus !== undefined) return this.focusOn(this.focus, this.slotsOf(u), u.candidates);
      if (u.slots.length > 0) return this.askProcedure(u.slots);
    }
    if (this.focus !== undefined && !switching) {
      const focus = this.focus;
      // "vậy", "thế", "này" point back only when the question names no other procedure.
      const back =
        pointsBack(raw, words) &&
        this.understanding.namedOther(focus, u) === undefined &&
        this.understanding.namedByTopic(focus, u) === undefined;
      if (back || this.staysOnFocus(u, focus)) return this.focusOn(focus, this.slotsOf(u), u.candidates);
      // Another topic: read the question again without favouring the focus, which it is not about.
      const again = this.understanding.understand(question, {
        focus,
        choices: this.choices,
        switching: true,
      });
      return this.firstReading({ ...again, candidates: again.candidates.filter((c) => c.doc !== focus) });
    }
    return this.firstReading(u);
  }

  /**
   * Whether a question with topic words is still about the procedure in focus: it ranks first
   * with the focus boost and the question names no other procedure nor explains clearly more of
   * the question; or nothing
   * fits the words and the question asks something of the focus ("ra giấy mất bao lâu").
   */
  private staysOnFocus(u: Understanding, focus: number): boolean {
    const best = u.candidates[0];
    const mine = u.candidates.find((c) => c.doc === focus);
    if (best?.doc === focus) {
      const other = u.candidates.find(
        (c) =>
          c.doc !== focus &&
          this.understanding.offered(c.doc) &&
          // The citizen names another procedure (all of its head words) and not the focus.
          ((c.ranked.headCovered &&
            (!best.ranked.headCovered || c.ranked.coverage >= best.ranked.coverage + SWITCH_NAMED) &&
            c.ranked.score >= SWITCH_SHARE * best.ranked.score) ||
            (c.ranked.score > best.ranked.score &&
              c.ranked.coverage >= best.ranked.coverage + SWITCH_COVERAGE)),
      );
      return other === undefined;
    }
    if (u.behavior !== 'apologize' || u.slots.length === 0) return false;
    const strongElsewhere =
      best !== undefined && best.ranked.coverage >= 0.75 && (mine?.ranked.coverage ?? 0) < 0.5;
    return !strongElsewhere;
  }

  /**
   * What the question asks; "còn … thì sao?" asks again what the last question asked, and a
   * procedure named after "phí bao nhiêu?" → "which one?" gets the fee asked before.
   */
  private slotsOf(u: Understanding): readonly AssistantSlot[] {
    if (u.slots.length > 0) return u.slots;
    if (this.waiting.length > 0) return this.waiting;
    return u.whatAbout && this.lastSlot ? [this.lastSlot] : [];
  }

  /**
   * A question about a procedure that names none, with none in focus ("phí bao nhiêu?"): ask
   * which one kindly, and keep what was asked for the answer.
   */
  private askProcedure(slots: readonly AssistantSlot[]): AssistantTurn {
    const say = DIALOGUE_PHRASES[this.lang];
    const turn = this.apologize(say.whichProcedure(slots[0] as AssistantSlot), [], slots);
    this.waiting = [...slots];
    this.lastSlot = slots[0] ?? null;
    return { ...turn, behavior: 'clarify' };
  }

  /** A question read on its own (or a topic switch): answer, clarify or apologize. */
  private firstReading(u: Understanding): AssistantTurn {
    const best = u.candidates[0];
    if (u.behavior === 'answer' && best) return this.focusOn(best.doc, this.slotsOf(u), u.candidates);
    if (u.behavior === 'clarify') {
      const offered = this.pickChoices(u.candidates);
      if (offered.length === 1) return this.focusOn(offered[0] as number, this.slotsOf(u), u.candidates);
      if (offered.length > 1) return this.clarify(offered, u, 'choices');
    }
    this.lastSlot = u.slots[0] ?? null;
    const outOfScope =
      u.elsewhere !== undefined ||
      (best !== undefined && !this.understanding.offered(best.doc) && best.ranked.coverage >= 0.5);
    const say = DIALOGUE_PHRASES[this.lang];
    return this.apologize(outOfScope ? say.notDoneHere : say.notFound, u.candidates, u.slots);
  }

  /** Up to MAX_CHOICES offered procedures among the close candidates, best first. */
  private pickChoices(candidates: readonly Candidate[]): number[] {
    const best = candidates[0]?.score ?? 0;
    const out: number[] = [];
    for (const c of candidates) {
      if (out.length >= MAX_CHOICES) break;
      if (!this.understanding.offered(c.doc)) continue;
      if (out.length >= 2 && c.score < best * 0.35) break;
      out.push(c.doc);
    }
    return out;
  }

  private results(
    first: number | undefined,
    candidates: readonly { doc: number; score: number }[],
  ): SearchHit[] {
    const docs = [
      ...(first === undefined ? [] : [first]),
      ...candidates.map((c) => c.doc).filter((d) => d !== first),
    ].slice(0, 10);
    return docs.map((doc) => {
      const p = this.understanding.procedures[doc] as Procedure;
      const score = candidates.find((c) => c.doc === doc)?.score ?? 0;
      return { code: p.code, name: p.name, score: Math.round(score * 1e4) / 1e4 };
    });
  }

  private focusOn(
    doc: number,
    slots: readonly AssistantSlot[],
    candidates: readonly Candidate[],
  ): AssistantTurn {
    const p = this.understanding.procedures[doc] as Procedure;
    if (doc !== this.focus) this.others = this.pickChoices(candidates).filter((d) => d !== doc);
    this.focus = doc;
    this.choices = [];
    this.shown.focusOn(doc);
    this.lastSlot = slots[0] ?? null;
    return {
      behavior: 'answer',
      focus: p.code,
      results: this.results(doc, candidates),
      slot: this.lastSlot,
      ...replyAndSpoken(answerReply(p, slots, this.lang)),
      choices: [],
    };
  }

  private clarify(docs: readonly number[], u: Understanding, why: 'choices' | 'ask-which'): AssistantTurn {
    const procedures = docs.map((d) => this.understanding.procedures[d] as Procedure);
    const { labels, topic } = choiceLabels(procedures.map((p) => p.name));
    const choices = procedures.map((p, i) => ({ code: p.code, name: p.name, label: labels[i] ?? p.name }));
    this.choices = [...docs];
    this.shown.show(
      docs,
      choices.map((c) => c.label),
    );
    this.focus = undefined;
    this.lastSlot = u.slots[0] ?? this.lastSlot;
    const list = choices.map((c, i) => `${i + 1}. ${inVietnamese(c.label, this.lang)}`).join('; ');
    const say = DIALOGUE_PHRASES[this.lang];
    const intro =
      why === 'ask-which'
        ? say.askWhich
        : u.event && !u.event.named
          ? say.eventNeeds(choices.length)
          : topic
            ? say.sameTopic(choices.length, inVietnamese(topic, this.lang))
            : say.near(choices.length);
    return {
      behavior: 'clarify',
      focus: null,
      results: this.results(undefined, [
        ...docs.map((doc) => ({ doc, score: u.candidates.find((c) => c.doc === doc)?.score ?? 0 })),
        ...u.candidates.filter((c) => !docs.includes(c.doc)),
      ]),
      slot: this.lastSlot,
      ...replyAndSpoken(`${intro} ${list}. ${say.pickNumber}`),
      choices,
    };
  }

  /**
   * The citizen says the procedure in focus is not the one: the focus is released and the
   * choices not taken from the list shown, else the other close procedures of the question that
   * set it, are offered; one alone is answered; none: "say it another way".
   */
  private rejected(focus: number): AssistantTurn {
    const others = this.shown.size > 0 ? this.shown.others(focus) : this.others.filter((d) => d !== focus);
    this.focus = undefined;
    this.others = [];
    if (others.length === 1) return this.focusOn(others[0] as number, [], []);
    if (others.length > 1) return this.clarify(others.slice(0, MAX_CHOICES), NOTHING_SAID, 'choices');
    this.shown.forget();
    return this.apologize(DIALOGUE_PHRASES[this.lang].notFound, []);
  }

  private apologize(
    reply: string,
    candidates: readonly Candidate[],
    slots: readonly AssistantSlot[] = [],
  ): AssistantTurn {
    return {
      behavior: 'apologize',
      focus: null,
      results: this.results(undefined, candidates),
      slot: slots[0] ?? null,
      ...replyAndSpoken(reply),
      choices: [],
    };
  }

  /** A short line naming the procedure in focus, for the screen's header. */
  focusTitle(): string | undefined {
    const p = this.focused;
    return p ? shortName(p, 60) : undefined;
  }
}
