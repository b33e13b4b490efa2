import { createInterface, type Interface } from 'node:readline';

/**
 * Line-by-line prompts that work the same on a terminal and on piped stdin (lines that arrive
 * before a question is asked are queued, not lost). At end of input `ask` rejects.
 */
export class Prompter {
  private readonly lines: string[] = [];
  private waiting: ((line: string | undefined) => void) | undefined;
  private ended = false;
  private readonly rl: Interface;
  private readonly isTTY: boolean;

  constructor(
    input: NodeJS.ReadableStream,
    private readonly output: NodeJS.WritableStream,
  ) {
    this.isTTY = Boolean((input as { isTTY?: boolean }).isTTY);
    this.rl = createInterface({ input, terminal: false });
    this.rl.on('line', (line) => {
      if (this.waiting) {
        const resolve = this.waiting;
        this.waiting = undefined;
        resolve(line);
      } else this.lines.push(line);
    });
    this.rl.on('close', () => {
      this.ended = true;
      this.waiting?.(undefined);
      this.waiting = undefined;
    });
  }

  private next(): Promise<string | undefined> {
    const queued = this.lines.shift();
    if (queued !== undefined) return Promise.resolve(queued);
    if (this.ended) return Promise.resolve(undefined);
    return new Promise((resolve) => {
      this.waiting = resolve;
    });
  }

  /** Asks once; an empty answer returns `fallback` (shown in brackets). */
  async ask(question: string, fallback = ''): Promise<string> {
    this.output.write(fallback ? `${question} [${fallback}]: ` : `${question}: `);
    const line = await this.next();
    if (line === undefined) {
      this.output.write('\n');
      throw new Error(`input ended before "${question}" was answered`);
    }
    // Piped answers are not echoed by a terminal: end the prompt line ourselves.
    if (!this.isTTY) this.output.write('\n');
    const answer = line.trim();
    return answer === '' ? fallback : answer;
  }

  close(): void {
    this.rl.close();
  }
}
