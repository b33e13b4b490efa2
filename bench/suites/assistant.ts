import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PerformanceObserver } from 'node:perf_hooks';
import { groupThousands } from '../../domain/catalog/procedure-facts.js';
import { createAssistant } from '../../domain/assistant/create-assistant.js';
import {
  evaluateDialogues,
  parseLabelledDialogues,
  type DialogueQuality,
  type LabelledDialogue,
  type Scorer,
} from '../../domain/assistant/evaluate-dialogues.js';
import { questionWords } from '../../domain/assistant/question-text.js';
import { readSlots } from '../../domain/assistant/slots.js';
import { importPortalFile } from '../../domain/catalog/portal-import.js';
import type { Procedure } from '../../domain/catalog/procedure.js';
import { stepsTime } from '../../domain/catalog/procedure-facts.js';
import type { ProcedureSearch } from '../../domain/catalog/search-types.js';
import { readIndexFile, writeIndexFile } from '../../domain/search/index-file.js';
import { createProcedureSearch, VietnameseProcedureSearch } from '../../domain/search/procedure-search.js';
import { buildSearchIndex, indexFromData } from '../../domain/search/search-index.js';
import { runNow } from '../../runtime/steps.js';
import { actProbe, listProbe, siblingProbe, stayProbe, variantProbe } from '../assistant-probes.js';
import { percentile, type BenchResult, type BenchSuite } from '../bench-types.js';
import { collectGarbage } from '../collect-garbage.js';
import { createFlexSearch, createFts5, createMiniSearch } from '../search/baselines.js';

/**
 * The virtual assistant (#13) on the dev conversations (../shared/data/queries/dev_dialogs.jsonl)
 * over the whole portal crawl (2,642 procedures): first-turn hit@1/hit@3, the focus of follow-ups,
 * behaviour agreement, fee/time stated, per-turn latency, memory and index build. The same
 * figures for stateless search engines fed turn by turn (the kiosk's own search, MiniSearch,
 * FlexSearch, SQLite FTS5) show what the dialogue adds.
 *
 * The held-out turns (each conversation's `held_out`) are not in the dev file, so conversations
 * starting at turn 2 here have lost their context; the figures are reported over all dev turns
 * and over the follow-ups whose previous turns are all present ("in context").
 */
const SHARED = join(process.cwd(), '..', 'shared', 'data');
const PORTAL = join(SHARED, 'tthc', 'portal_procedures.jsonl');
const DIALOGS = join(SHARED, 'queries', 'dev_dialogs.jsonl');

/**
 * A third of the dev conversations kept out while tuning (by a hash of the conversation id, so
 * the split is fixed and blind to content): figures on it estimate how the mechanisms generalise.
 */
function ownHeldOut(id: string): boolean {
  return (createHash('sha1').update(id).digest()[0] ?? 0) % 3 === 0;
}

/** Every turn before `n` is in the file (none held out). */
function inContext(d: LabelledDialogue, n: number): boolean {
  return !d.held_out.some((h) => h < n);
}

function asks(q: string): 'fee' | 'time' | undefined {
  const { slots } = readSlots(questionWords(q));
  return slots.includes('fee') ? 'fee' : slots.includes('time') ? 'time' : undefined;
}

/** Whether `reply` gives the catalog's fee or time figure for `p`. */
function statesFigure(p: Procedure | undefined, asked: 'fee' | 'time', reply: string): boolean {
  if (!p) return false;
  return (
    p.methods.some((m) => {
      if (asked === 'fee') {
        if (m.feeAmount === 0) return /miễn phí/iu.test(reply);
        return m.feeAmount !== undefined && reply.includes(groupThousands(m.feeAmount));
      }
      return (
        m.processingTimeValue !== undefined && reply.includes(String(m.processingTimeValue).replace('.', ','))
      );
    }) ||
    (asked === 'time' && statesStepsTime(p, reply))
  );
}

/** The method table has no time but the steps state one ("trong thời hạn 03 ngày làm việc"). */
function statesStepsTime(p: Procedure, reply: string): boolean {
  if (p.methods.some((m) => m.processingTimeValue !== undefined)) return false;
  const s = stepsTime(p);
  return s !== undefined && reply.includes(`${String(s.value).replace('.', ',')} ${s.unit}`);
}

/** A stateless engine fed turn by turn: its best result is the "focus" of an answer. */
function statelessScorer(search: ProcedureSearch): Scorer {
  return {
    session: () => (q) => {
      const o = search.search(q, { limit: 10 });
      return {
        behavior: o.behavior,
        focus: o.behavior === 'answer' ? (o.results[0]?.code ?? null) : null,
        results: o.results,
        reply: '',
      };
    },
    asks,
    statesFigure: () => false,
  };
}

function cpuMs(usage: NodeJS.CpuUsage): number {
  return (usage.user + usage.system) / 1000;
}

interface TimedTurn {
  wall: number;
  cpu: number;
  /** The process lost the CPU to another during the turn. */
  preempted: boolean;
  /** Garbage collection pauses overlapping the turn. */
  gcMs: number;
  gcs: number;
}

/** Feeds every conversation `passes` times, timing each turn (wall, CPU, preemption, GC). */
async function timedPasses(
  dialogues: readonly LabelledDialogue[],
  scorer: Scorer,
  passes: number,
): Promise<TimedTurn[]> {
  const pauses: [start: number, end: number][] = [];
  const observer = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) pauses.push([e.startTime, e.startTime + e.duration]);
  });
  observer.observe({ entryTypes: ['gc'] });
  const spans: [start: number, end: number, turn: TimedTurn][] = [];
  for (let pass = 0; pass < passes; pass++)
    for (const d of dialogues) {
      const ask = scorer.session();
      for (const t of d.turns) {
        const switches = process.resourceUsage().involuntaryContextSwitches;
        const c0 = process.cpuUsage();
        const t0 = performance.now();
        ask(t.q);
        const t1 = performance.now();
        const turn: TimedTurn = {
          wall: t1 - t0,
          cpu: cpuMs(process.cpuUsage(c0)),
          preempted: process.resourceUsage().involuntaryContextSwitches > switches,
          gcMs: 0,
          gcs: 0,
        };
        spans.push([t0, t1, turn]);
      }
    }
  // GC entries arrive asynchronously: let them in, then match them to the turns by time.
  await new Promise((resolve) => setTimeout(resolve, 50));
  for (const e of observer.takeRecords()) pauses.push([e.startTime, e.startTime + e.duration]);
  observer.disconnect();
  for (const [start, end] of pauses)
    for (const [t0, t1, turn] of spans)
      if (start < t1 && end > t0) {
        turn.gcMs += Math.min(end, t1) - Math.max(start, t0);
        turn.gcs++;
      }
  return spans.map(([, , turn]) => turn);
}

function rssMiB(): number {
  return process.memoryUsage().rss / 2 ** 20;
}

const suite: BenchSuite = {
  name: 'assistant',
  unavailable() {
    if (!existsSync(DIALOGS))
      return `shared data absent: ${DIALOGS} not found (dev conversations are not shipped)`;
    if (!existsSync(PORTAL)) return `shared data absent: ${PORTAL} not found`;
    return undefined;
  },
  async run(): Promise<BenchResult[]> {
    const { catalog } = await importPortalFile(PORTAL, { level: 'all' });
    const procedures = catalog.procedures;
    const byCode = new Map(procedures.map((p) => [p.code, p]));
    const dialogues = parseLabelledDialogues(readFileSync(DIALOGS, 'utf8'));
    const turns = dialogues.reduce((n, d) => n + d.turns.length, 0);
    const note = `${dialogues.length} dev conversations, ${turns} turns, ${procedures.length} procedures`;
    const out: BenchResult[] = [];
    const r = (
      name: string,
      value: number,
      unit: string,
      better: 'lower' | 'higher',
      extra?: string,
    ): void => {
      out.push({ suite: 'assistant', name, value, unit, better, note: extra ?? note });
    };
    const report = (label: string, q: DialogueQuality, ctx: DialogueQuality, stateful: boolean): void => {
      r(`${label} first-turn hit@1`, q.firstHit1, 'ratio', 'higher', `${note}; ${q.firstTurns} first turns`);
      r(`${label} first-turn hit@3`, q.firstHit3, 'ratio', 'higher', `${note}; ${q.firstTurns} first turns`);
      r(
        `${label} follow-up focus`,
        q.followUpFocus,
        'ratio',
        'higher',
        `${q.followUps} follow-ups (all dev)`,
      );
      r(
        `${label} follow-up focus (in context)`,
        ctx.followUpFocus,
        'ratio',
        'higher',
        `${ctx.followUps} follow-ups whose earlier turns are all in the dev file`,
      );
      r(`${label} behavior agreement`, q.behavior, 'ratio', 'higher', `${q.turns} turns`);
      if (stateful || q.feeTimeAsked > 0) {
        r(
          `${label} fee/time stated`,
          q.feeTimeAsked ? q.feeTimeStated / q.feeTimeAsked : 0,
          'ratio',
          'higher',
          `${q.feeTimeAsked} follow-ups asking fee or time`,
        );
        r(
          `${label} fee/time stated (in context)`,
          ctx.feeTimeAsked ? ctx.feeTimeStated / ctx.feeTimeAsked : 0,
          'ratio',
          'higher',
          `${ctx.feeTimeAsked} in-context follow-ups asking fee or time`,
        );
      }
    };

    // The assistant: build, quality, latency, memory.
    const gc = collectGarbage();
    gc();
    const heap0 = process.memoryUsage().heapUsed;
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const engine = new VietnameseProcedureSearch(procedures);
    const engineMs = performance.now() - t0;
    const engineCpu = cpuMs(process.cpuUsage(c0));
    const c1 = process.cpuUsage();
    const t1 = performance.now();
    const assistant = createAssistant(procedures, engine);
    const ownMs = performance.now() - t1;
    const ownCpu = cpuMs(process.cpuUsage(c1));
    gc();
    const heapMiB = (process.memoryUsage().heapUsed - heap0) / 2 ** 20;
    const scorer: Scorer = {
      session: () => {
        const d = assistant.dialogue();
        return (q) => d.ask(q);
      },
      asks,
      statesFigure: (code, asked, reply) => statesFigure(byCode.get(code), asked, reply),
    };
    const quality = evaluateDialogues(dialogues, scorer);
    const context = evaluateDialogues(dialogues, scorer, inContext);
    report('assistant', quality, context, true);
    // The dev set split by conversation: mechanisms were tuned looking at the "tune" part only.
    for (const [part, keep] of [
      ['tune', false],
      ['held', true],
    ] as const) {
      const q = evaluateDialogues(dialogues, scorer, (d) => ownHeldOut(d.id) === keep);
      const what = `${q.turns} turns of the dev conversations whose id hashes into the ${part} part (sha1 % 3 ${keep ? '=' : '≠'} 0)`;
      r(`assistant behavior agreement (${part} part)`, q.behavior, 'ratio', 'higher', what);
      r(`assistant first-turn hit@1 (${part} part)`, q.firstHit1, 'ratio', 'higher', what);
    }
    // Follow-ups generated from the catalog (bench/assistant-probes.ts): the dev file has too few.
    const variants = variantProbe(assistant, procedures);
    r(
      'assistant variant follow-up focus (catalog probe)',
      variants.asked ? variants.right / variants.asked : 0,
      'ratio',
      'higher',
      `${variants.asked} follow-ups naming only what a variant's name adds ("còn nếu lại thì sao" after "đăng ký khai sinh")`,
    );
    const sib = siblingProbe(assistant, procedures);
    r(
      'assistant sibling follow-up focus (catalog probe)',
      sib.siblings.asked ? sib.siblings.right / sib.siblings.asked : 0,
      'ratio',
      'higher',
      `${sib.siblings.asked} follow-ups naming another base by its topic after a variant ("còn khai tử thì sao" after "đăng ký lại khai sinh" → "đăng ký lại khai tử")`,
    );
    r(
      'assistant sibling follow-up focus after the general one (catalog probe)',
      sib.plain.asked ? sib.plain.right / sib.plain.asked : 0,
      'ratio',
      'higher',
      `the same ${sib.plain.asked} follow-ups after the general procedure ("còn khai tử thì sao" after "đăng ký khai sinh" → "đăng ký khai tử")`,
    );
    const stay = stayProbe(assistant, procedures);
    r(
      'assistant generic follow-up keeps focus (catalog probe)',
      stay.asked ? stay.right / stay.asked : 0,
      'ratio',
      'higher',
      `${stay.asked} generic follow-ups ("phí bao nhiêu", "thủ tục này mất mấy ngày") after a procedure named`,
    );
    const acts = actProbe(assistant, procedures);
    r(
      'assistant another-act follow-up focus (catalog probe)',
      acts.asked ? acts.right / acts.asked : 0,
      'ratio',
      'higher',
      `${acts.asked} follow-ups naming another act on the topic in focus ("còn gia hạn thì sao" after "cấp điều chỉnh giấy phép xây dựng …")`,
    );
    const lists = listProbe(assistant, procedures);
    for (const [key, what] of [
      ['onScreen', '"số 2" with the list on screen'],
      ['byNumber', '"còn số 1 thì sao" after a pick (the list shown before)'],
      ['byLabel', '"còn {label} thì sao" after a pick'],
      ['rejected', '"không phải" after a pick: focus released, the others offered'],
    ] as const) {
      const s = lists[key];
      r(
        `assistant list follow-up: ${key} (catalog probe)`,
        s.asked ? s.right / s.asked : 0,
        'ratio',
        'higher',
        `${s.asked} lists (a pair of rarer name words asked alone); ${what}`,
      );
    }
    // Per turn, 5 warm passes: wall clock, CPU, time slices lost to other processes
    // (involuntary context switches) and garbage collection pauses, to see where wall time
    // beyond CPU goes on this shared machine.
    const turnsTimed = await timedPasses(dialogues, scorer, 5);
    const times = turnsTimed.map((t) => t.wall);
    const cpu = turnsTimed.map((t) => t.cpu);
    const passes = `${times.length} turns (5 warm passes)`;
    for (const p of [50, 95, 99] as const) {
      r(`assistant per turn p${p}`, percentile(times, p), 'ms', 'lower', `${passes}, wall clock`);
      r(`assistant cpu per turn p${p}`, percentile(cpu, p), 'ms', 'lower', `${passes}, CPU time`);
    }
    r(
      'assistant per turn p95, first pass (cold)',
      percentile(quality.latencies, 95),
      'ms',
      'lower',
      `${quality.latencies.length} turns, the first of the process (code not yet optimised)`,
    );
    const gcMs = turnsTimed.reduce((n, t) => n + t.gcMs, 0);
    r(
      'assistant GC pause per 100 turns',
      (100 * gcMs) / times.length,
      'ms',
      'lower',
      `${turnsTimed.reduce((n, t) => n + t.gcs, 0)} collections in ${times.length} turns`,
    );
    const slow = turnsTimed.filter((t) => t.wall - t.cpu > 5);
    r(
      'assistant turns waiting > 5 ms beyond CPU',
      slow.length / times.length,
      'ratio',
      'lower',
      `${slow.length} of ${times.length}; ${slow.filter((t) => t.preempted).length} of them preempted (involuntary context switches), ${slow.filter((t) => t.gcMs > 1).length} with a GC pause over 1 ms`,
    );
    const rssWarm = rssMiB();
    for (let i = 0; i < 20; i++) evaluateDialogues(dialogues, scorer);
    const rssAfter = rssMiB();
    const long = scorer.session();
    const longTimes = [0, 1, 2, 3, 4].map(() => {
      const s = performance.now();
      long(`đăng ký khai sinh ${'và hỏi thêm '.repeat(2500)}`);
      return performance.now() - s;
    });
    r(
      'assistant 30,000-character question',
      Math.max(...longTimes),
      'ms',
      'lower',
      'worst of 5 (cut before analysis)',
    );
    r(
      'assistant index build',
      engineMs + ownMs,
      'ms',
      'lower',
      `${procedures.length} procedures, wall clock`,
    );
    r(
      'assistant index build cpu (search engine)',
      engineCpu,
      'ms',
      'lower',
      'the kiosk search index, shared with catalog search (the assistant reuses it)',
    );
    r(
      'assistant index build cpu (own part)',
      ownCpu,
      'ms',
      'lower',
      'scope, audiences, life events resolved',
    );
    r(
      'assistant index heap',
      Math.max(0, heapMiB),
      'MiB',
      'lower',
      'JS heap growth after GC (engine included)',
    );
    r(
      'assistant RSS growth over 2,060 turns',
      Math.max(0, rssAfter - rssWarm),
      'MiB',
      'lower',
      '20 passes over the dev conversations after warm-up',
    );

    // The assistant's start cold (index built) vs from the saved index file, interleaved rounds
    // in this one process (the machine is shared: only the ratio is comparable across runs).
    const dir = mkdtempSync(join(tmpdir(), 'assistant-index-'));
    try {
      const file = join(dir, 'catalog.search-index');
      const key = 'a'.repeat(64);
      await writeIndexFile(file, engine.index.data, key);
      const cold: number[] = [];
      const saved: number[] = [];
      const coldCpu: number[] = [];
      const savedCpu: number[] = [];
      for (let round = 0; round < 3; round++) {
        for (const from of round % 2 ? (['saved', 'cold'] as const) : (['cold', 'saved'] as const)) {
          gc();
          const c = process.cpuUsage();
          const t = performance.now();
          let index;
          if (from === 'cold') index = buildSearchIndex(procedures);
          else {
            const read = await readIndexFile(file, key);
            if (!read.ok) throw new Error(`saved index not read: ${read.reason}`);
            index = runNow(indexFromData(procedures, read.data));
          }
          createAssistant(procedures, new VietnameseProcedureSearch(index));
          (from === 'cold' ? cold : saved).push(performance.now() - t);
          (from === 'cold' ? coldCpu : savedCpu).push(cpuMs(process.cpuUsage(c)));
        }
      }
      const median = (xs: number[]): number => percentile(xs, 50);
      const what = `${procedures.length} procedures, median of 3 interleaved rounds, index + the assistant's own part`;
      r('assistant start, index built (cold)', median(cold), 'ms', 'lower', `${what}, wall clock`);
      r('assistant start, saved index read', median(saved), 'ms', 'lower', `${what}, wall clock`);
      r('assistant start cpu, index built (cold)', median(coldCpu), 'ms', 'lower', what);
      r('assistant start cpu, saved index read', median(savedCpu), 'ms', 'lower', what);
      r(
        'assistant start saved / cold',
        median(saved) / Math.max(median(cold), 1e-9),
        'ratio',
        'lower',
        `${what}, wall clock ratio in the same run`,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }

    // Stateless baselines, turn by turn.
    const baselines: {
      label: string;
      build: (p: readonly Procedure[]) => ProcedureSearch & { close?(): void };
    }[] = [
      { label: 'kiosk search (turn by turn)', build: createProcedureSearch },
      { label: 'minisearch (turn by turn)', build: createMiniSearch },
      { label: 'flexsearch (turn by turn)', build: createFlexSearch },
      { label: 'sqlite-fts5 (turn by turn)', build: createFts5 },
    ];
    for (const b of baselines) {
      const search = b.build(procedures);
      const s = statelessScorer(search);
      const q = evaluateDialogues(dialogues, s);
      report(b.label, q, evaluateDialogues(dialogues, s, inContext), false);
      r(`${b.label} per turn p95`, percentile(q.latencies, 95), 'ms', 'lower', `${q.turns} turns`);
      search.close?.();
    }
    return out;
  },
};

export default suite;
