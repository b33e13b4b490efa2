import type { CccdCard } from '../identity/cccd.js';
import { maskIdNumber } from '../identity/cccd.js';
import {
  formFields,
  type FormField,
  type FormTemplate,
  type FormValues,
  type PrefillKey,
} from './form-template.js';
import { isVisible, validateForm, type FormCheck } from './form-validation.js';
import { maxLengthOf, normalizeValue, todayIn } from './field-rules.js';
import { fieldIn, optionShown, optionValue, sectionTitle, type FormLang } from './form-text.js';

/**
 * A field as the citizen fills it, in the language they read: its template entry (label, hint and
 * options in that language; id, type and rules as the template has them), what was typed, and
 * its problem.
 */
export interface FieldState {
  field: FormField;
  /** Section title ("Người yêu cầu", "Bên nữ"; "Requester", "Bride"). */
  section: string;
  /** What was typed; a choice as its option reads in this language ("Nữ", "Female"). */
  value: string;
  /** The value as shown to anyone looking at the screen (ID numbers masked). */
  shown: string;
  error?: string;
  /** Filled from the scanned card. */
  prefilled: boolean;
}

/** What the card gives a form: field id → value, for the citizen to see and confirm. */
export interface Prefill {
  values: FormValues;
  /** Field ids in form order. */
  fields: string[];
}

/**
 * One form being filled at the kiosk, in memory only: the values typed or prefilled, which field
 * the citizen is on, and the problems found. Lives in the citizen's session (the session end drops
 * it). The screens show it; the flows (flows/form-flow.ts) create, print and forget it.
 */
export class FormFilling {
  private values: FormValues = {};
  private readonly prefilled = new Set<string>();
  /** Index into the visible fields. */
  private index = 0;
  /** Problems shown: only for fields the citizen has left (or all, once they asked to print). */
  private checked = new Set<string>();
  /** Offered from the card and not yet accepted or refused. */
  pending: Prefill | undefined;
  /**
   * The last whole-form check and the values and day it was made for. Every frame of the field
   * screen, its speech and the simulator's state ask for the check while the citizen types (the
   * keyboard holds the text until "Xong"), so the form is checked again only when a value or the
   * day changed. wipe() drops it with the values.
   */
  private lastCheck: { revision: number; today: number; lang: FormLang; result: FormCheck } | undefined;
  /** Bumped on every change of `values`. */
  private revision = 0;

  constructor(
    readonly template: FormTemplate,
    /** Procedure code the form is for (the handoff QR and the ticket's group). */
    readonly procedure: string,
    private readonly now: () => number,
    private readonly timeZone: string,
  ) {}

  /** The visible fields, in order (conditions follow the current choices). */
  visible(): FormField[] {
    return formFields(this.template).filter((f) => isVisible(f, this.values));
  }

  /**
   * The whole check of the form as it stands, its messages in `lang` (read-only: shared until a
   * value, the day or the language changes).
   */
  check(lang: FormLang = 'vi'): FormCheck {
    const now = this.now();
    const today = todayIn(now, this.timeZone);
    const last = this.lastCheck;
    if (last && last.revision === this.revision && last.today === today && last.lang === lang)
      return last.result;
    const result = validateForm(this.template, this.values, now, this.timeZone, lang);
    Object.freeze(result.values);
    Object.freeze(result.errors);
    Object.freeze(result.visible);
    this.lastCheck = { revision: this.revision, today, lang, result: Object.freeze(result) };
    return result;
  }

  get position(): { index: number; count: number } {
    const count = this.visible().length;
    return { index: Math.min(this.index, Math.max(0, count - 1)), count };
  }

  /** The field the citizen is on, as read in `lang`. */
  current(lang: FormLang = 'vi'): FieldState {
    return this.state(this.currentField(), this.check(lang), lang);
  }

  /** Every visible field's state, as read in `lang`, for the review page. */
  all(lang: FormLang = 'vi'): FieldState[] {
    const check = this.check(lang);
    return this.visible().map((f) => this.state(f, check, lang));
  }

  /** Errors of the fields the citizen has been through. */
  errors(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [id, message] of Object.entries(this.check().errors))
      if (this.checked.has(id)) out[id] = message;
    return out;
  }

  value(id: string): string {
    return this.values[id] ?? '';
  }

  /**
   * Sets the current field's value (tidied as the form's rules do; a choice as read in `lang` is
   * stored as the template's option) and reports its problem in `lang`.
   */
  set(text: string, lang: FormLang = 'vi'): string | undefined {
    const field = this.currentField();
    const value = normalizeValue(field, optionValue(field, text, lang));
    if (value === '') delete this.values[field.id];
    else this.values[field.id] = value;
    this.revision++;
    this.prefilled.delete(field.id);
    this.checked.add(field.id);
    return this.check(lang).errors[field.id];
  }

  /** Loads values as typed (a preview's samples), every field checked. */
  load(values: FormValues): void {
    for (const f of formFields(this.template)) {
      const v = values[f.id];
      if (v !== undefined && v !== '') this.values[f.id] = normalizeValue(f, v);
      this.checked.add(f.id);
    }
    this.revision++;
  }

  /** Goes to the next field; false on the last one. */
  next(): boolean {
    const { index, count } = this.position;
    this.checked.add(this.currentField().id);
    if (index + 1 >= count) return false;
    this.index = index + 1;
    return true;
  }

  /** Goes to the previous field; false on the first one. */
  previous(): boolean {
    const { index } = this.position;
    if (index === 0) return false;
    this.index = index - 1;
    return true;
  }

  /** Goes to a field by id (from the review page); false when it is not shown. */
  goTo(id: string): boolean {
    const i = this.visible().findIndex((f) => f.id === id);
    if (i < 0) return false;
    this.index = i;
    return true;
  }

  /** Marks every field checked (the citizen asked to print): all problems show. */
  checkAll(): FormCheck {
    for (const f of this.visible()) this.checked.add(f.id);
    return this.check();
  }

  /** The first field with a problem, if any. */
  firstError(): string | undefined {
    return Object.keys(this.checkAll().errors)[0];
  }

  /**
   * What the card would fill: the fields marked `prefill` in sections for anyone or for the card
   * holder's gender (bên nữ / bên nam), and only where nothing was typed yet.
   */
  offerPrefill(card: CccdCard): Prefill | undefined {
    const fromCard: Record<PrefillKey, string> = {
      fullName: card.fullName,
      dateOfBirth: `${card.dateOfBirth.slice(8, 10)}/${card.dateOfBirth.slice(5, 7)}/${card.dateOfBirth.slice(0, 4)}`,
      gender: card.gender,
      address: card.address,
      idNumber: card.idNumber,
    };
    const values: FormValues = {};
    for (const section of this.template.sections) {
      if (section.prefillGender && section.prefillGender !== card.gender) continue;
      for (const f of section.fields) {
        if (!f.prefill || this.values[f.id]) continue;
        const v = normalizeValue(f, fromCard[f.prefill]);
        if (v && (f.type !== 'choice' || f.options?.includes(v))) values[f.id] = v;
      }
    }
    const fields = Object.keys(values);
    this.pending = fields.length ? { values, fields } : undefined;
    return this.pending;
  }

  /** The citizen confirmed what the card gives. */
  acceptPrefill(): void {
    const p = this.pending;
    this.pending = undefined;
    if (!p) return;
    for (const id of p.fields) {
      const v = p.values[id];
      if (v === undefined) continue;
      this.values[id] = v;
      this.prefilled.add(id);
    }
    this.revision++;
  }

  refusePrefill(): void {
    this.pending = undefined;
  }

  /** The field with this id as shown (for the prefill confirmation). */
  field(id: string): FormField | undefined {
    return formFields(this.template).find((f) => f.id === id);
  }

  /** A value as shown on screen and in the simulator's state: ID numbers masked. */
  shown(field: FormField, value: string): string {
    return field.type === 'id-number' && value ? maskIdNumber(value) : value;
  }

  /** The longest text the current field takes (the keyboard stops there). */
  maxLength(): number {
    return maxLengthOf(this.currentField());
  }

  /** What the simulator's /api/state shows: id, the field, errors and values (ID numbers masked). */
  describe(): { id: string; field: string; errors: Record<string, string>; values: FormValues } {
    const values: FormValues = {};
    for (const f of formFields(this.template)) {
      const v = this.values[f.id];
      if (v !== undefined) values[f.id] = this.shown(f, v);
    }
    return { id: this.template.id, field: this.currentField().id, errors: this.errors(), values };
  }

  /** Forgets everything typed (session end). */
  wipe(): void {
    this.values = {};
    this.revision++;
    this.lastCheck = undefined;
    this.prefilled.clear();
    this.checked = new Set();
    this.pending = undefined;
    this.index = 0;
  }

  private currentField(): FormField {
    const fields = this.visible();
    return fields[this.position.index] ?? (fields[0] as FormField);
  }

  private state(field: FormField, check: FormCheck, lang: FormLang): FieldState {
    const value = optionShown(field, this.values[field.id] ?? '', lang);
    const section = this.template.sections.find((s) => s.fields.includes(field));
    const error = this.checked.has(field.id) ? check.errors[field.id] : undefined;
    return {
      field: fieldIn(field, lang),
      section: section ? sectionTitle(section, lang) : '',
      value,
      shown: this.shown(field, value),
      ...(error ? { error } : {}),
      prefilled: this.prefilled.has(field.id),
    };
  }
}
