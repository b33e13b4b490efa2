import { createReadStream, existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Command } from 'commander';
import { createAssistant, type Assistant } from '../../domain/assistant/create-assistant.js';
import type { ReplyLang } from '../../domain/assistant/answers.js';
import type { AssistantTurn } from '../../domain/assistant/dialogue.js';
import { CatalogError } from '../../domain/catalog/catalog-file.js';
import { DEFAULT_CATALOG_PATH, loadCatalog } from '../../domain/catalog/catalog-service.js';
import { configureLogging } from '../../runtime/logger.js';
import { addIndexOptions, indexOptions } from './catalog-index-option.js';

/**
 * `kiosk assistant --catalog C [--dialogs F.jsonl]`: the virtual assistant in the terminal. With
 * --dialogs, each line `{"id","turns":[{"id","q"},...]}` is one conversation fed turn by turn to
 * a fresh session; stdout gets one JSON line per turn and nothing else (problems go to stderr).
 */
export function registerAssistantCommand(program: Command): void {
  const command = program
    .command('assistant')
    .description('ask the virtual assistant: interactive, or --dialogs FILE.jsonl → one JSON line per turn')
    .option('--catalog <file>', 'catalog file (.json or .json.gz)', DEFAULT_CATALOG_PATH);
  addIndexOptions(command)
    .option('--dialogs <file>', 'JSONL of {"id","turns":[{"id","q"}]}; prints one result line per turn')
    .option('--lang <lang>', 'the kiosk language the replies are framed in: vi or en', 'vi')
    .action(async (opts: { catalog: string; dialogs?: string; lang: string; index?: string | boolean }) => {
      configureLogging({ level: 'warn', destination: process.stderr });
      if (opts.lang !== 'vi' && opts.lang !== 'en') {
        process.stderr.write(`--lang: must be vi or en, got ${JSON.stringify(opts.lang)}\n`);
        process.exitCode = 2;
        return;
      }
      const lang: ReplyLang = opts.lang;
      if (opts.dialogs !== undefined && !existsSync(opts.dialogs)) {
        process.stderr.write(`--dialogs: ${opts.dialogs} does not exist\n`);
        process.exitCode = 2;
        return;
      }
      let assistant: Assistant;
      try {
        const service = await loadCatalog(opts.catalog, indexOptions(opts.catalog, opts.index));
        assistant = createAssistant(service.catalog.procedures, service.search);
      } catch (err) {
        if (!(err instanceof CatalogError)) throw err;
        process.stderr.write(`${err.message}\n`);
        process.exitCode = 1;
        return;
      }
      process.exitCode = opts.dialogs
        ? await runDialogs(opts.dialogs, assistant, lang)
        : await interactive(assistant, lang);
    });
}

/** The output line of one turn (the measured interface). */
function turnLine(id: unknown, turn: AssistantTurn): string {
  return `${JSON.stringify({
    id,
    behavior: turn.behavior,
    focus: turn.focus,
    results: turn.results,
    slot: turn.slot,
    reply: turn.reply,
  })}\n`;
}

async function runDialogs(file: string, assistant: Assistant, lang: ReplyLang): Promise<number> {
  const rl = createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity });
  let lineNo = 0;
  let bad = 0;
  for await (const line of rl) {
    lineNo++;
    if (line.trim() === '') continue;
    let rec: unknown;
    try {
      rec = JSON.parse(line);
    } catch {
      process.stderr.write(`${file}:${lineNo}: not valid JSON, skipped\n`);
      bad++;
      continue;
    }
    const turns = (
      typeof rec === 'object' && rec !== null ? (rec as { turns?: unknown }).turns : undefined
    ) as unknown;
    if (!Array.isArray(turns)) {
      process.stderr.write(`${file}:${lineNo}: needs "turns" (a list of {"id","q"}), skipped\n`);
      bad++;
      continue;
    }
    const dialogue = assistant.dialogue();
    turns.forEach((t: unknown, i) => {
      const { id, q } = (typeof t === 'object' && t !== null ? t : {}) as { id?: unknown; q?: unknown };
      if (typeof q !== 'string' || (typeof id !== 'string' && typeof id !== 'number')) {
        process.stderr.write(`${file}:${lineNo}: turn ${i + 1} needs "id" and "q" (text), skipped\n`);
        bad++;
        return;
      }
      process.stdout.write(turnLine(id, dialogue.ask(q, lang)));
    });
  }
  return bad > 0 ? 1 : 0;
}

/** One session at a terminal prompt; an empty line or Ctrl-D ends it. */
async function interactive(assistant: Assistant, lang: ReplyLang): Promise<number> {
  const dialogue = assistant.dialogue();
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: process.stdin.isTTY });
  process.stdout.write(
    lang === 'vi'
      ? 'Hỏi trợ lý (dòng trống hoặc Ctrl-D để kết thúc).\n'
      : 'Ask the assistant (an empty line or Ctrl-D ends).\n',
  );
  rl.setPrompt('> ');
  rl.prompt();
  for await (const line of rl) {
    if (line.trim() === '') break;
    const turn = dialogue.ask(line, lang);
    process.stdout.write(`${turn.reply}\n`);
    turn.choices.forEach((c, i) => process.stdout.write(`  ${i + 1}. ${c.label}  (${c.code})\n`));
    if (turn.focus)
      process.stdout.write(`  [${turn.behavior}, ${turn.focus}${turn.slot ? `, ${turn.slot}` : ''}]\n`);
    rl.prompt();
  }
  rl.close();
  dialogue.reset();
  return 0;
}
