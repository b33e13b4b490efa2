import { readChoiceNamed, readChoiceReference } from './choice-reference.js';

/**
 * The numbered choices the citizen was shown last, kept after one is picked while the
 * conversation stays among them: "số 1 cần giấy tờ gì", then "còn số 2 thì sao" or "còn xóa
 * thường trú thì sao" goes back to the list (a death: "khai tử", "xóa thường trú"). Forgotten
 * when the focus leaves the list, when another list is shown, and at session end. Holds catalog
 * references only.
 */
export class ShownChoices {
  private docs: number[] = [];
  private labels: string[] = [];

  /** A list shown (clarify). */
  show(docs: readonly number[], labels: readonly string[]): void {
    this.docs = [...docs];
    this.labels = [...labels];
  }

  /** The focus is now `doc`: the list stays only when `doc` is one of its choices. */
  focusOn(doc: number): void {
    if (!this.docs.includes(doc)) this.forget();
  }

  forget(): void {
    this.docs = [];
    this.labels = [];
  }

  get size(): number {
    return this.docs.length;
  }

  /** The list without `doc` (the choices the citizen has not taken). */
  others(doc: number | undefined): number[] {
    return this.docs.filter((d) => d !== doc);
  }

  /**
   * The choice a question refers to: by its number ("còn số 2 thì sao", "cái cuối"), as the
   * other one of two ("cái kia") when `current` is one of them, or by the words that tell its
   * label from the others ("gia hạn thì sao" among "Cấp mới", "Gia hạn", "Cấp lại").
   */
  referred(words: readonly string[], current?: number): number | undefined {
    if (this.docs.length === 0) return undefined;
    const at = this.docs.indexOf(current ?? -1);
    const ref = readChoiceReference(words, this.docs.length, at >= 0 ? at : undefined);
    if (ref !== undefined) return this.docs[ref];
    return this.named(words);
  }

  /** The choice named by its label's own words (see readChoiceNamed). */
  named(words: readonly string[]): number | undefined {
    const at = readChoiceNamed(words, this.labels);
    return at === undefined ? undefined : this.docs[at];
  }
}
