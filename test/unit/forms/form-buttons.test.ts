import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HeadlessKiosk } from '../../../app/headless-render.js';
import type { ButtonId } from '../../../drivers/buttons/types.js';
import { sampleValues } from '../../../domain/forms/form-validation.js';
import { formFields } from '../../../domain/forms/form-template.js';
import { currentFilling } from '../../../flows/form-flow.js';
import type { MockButtons } from '../../../hardware-mocks/buttons.js';
import type { MockTouch } from '../../../hardware-mocks/touch.js';

interface FieldDetails {
  field: string | null;
  entry: 'keyboard' | 'digits' | 'date' | 'choice' | null;
  position: { index: number; count: number } | null;
  dialog: string | null;
}

/**
 * Every field of every shipped form worked with the panel's buttons alone (and by touch): a
 * citizen who cannot use the touch screen must be able to confirm what is shown, pick an option,
 * and go forward and back. Run on a whole kiosk (mock panel) as the simulator runs it.
 */
describe('Form fields: a clear way forward and back by buttons and by touch (#15)', () => {
  let headless: HeadlessKiosk;
  let buttons: MockButtons;
  let touchPanel: MockTouch;
  beforeAll(async () => {
    headless = await HeadlessKiosk.open({
      width: 800,
      height: 480,
      rotation: 0,
      time: Date.UTC(2026, 10, 25, 2, 0),
    });
    buttons = headless.kiosk.drivers.buttons as unknown as MockButtons;
    touchPanel = headless.kiosk.drivers.touch as unknown as MockTouch;
  });
  afterAll(async () => {
    await headless?.close();
  });

  const ui = () => headless.kiosk.ui;
  const details = (): FieldDetails => (ui().current?.describe?.() ?? {}) as unknown as FieldDetails;
  const press = async (id: ButtonId): Promise<FieldDetails> => {
    buttons.press(id);
    await ui().settle();
    return details();
  };
  const touchTarget = async (id: string): Promise<FieldDetails> => {
    const t = ui().visibleTargets.find((x) => x.id === id);
    if (!t)
      throw new Error(
        `no target ${id}: ${ui()
          .visibleTargets.map((x) => x.id)
          .join(', ')}`,
      );
    const x = t.rect.x + t.rect.width / 2;
    const y = t.rect.y + t.rect.height / 2;
    touchPanel.tap(x, y);
    await ui().settle();
    return details();
  };
  /** OK until the field is of `type` (at most the form's length). */
  const forwardTo = async (type: string, filling: { current(): { field: { type: string } } }) => {
    for (let i = 0; filling.current().field.type !== type; i++) {
      if (i > 40) throw new Error(`no ${type} field reached; focus ${ui().focusedTarget?.id ?? 'none'}`);
      await press('ok');
    }
  };
  /** Opens a form with its sample values (every field valid), on its first field. */
  const open = async (formId: string) => {
    ui().home();
    ui().open('form', { form: formId });
    await ui().settle();
    const filling = currentFilling(headless.kiosk.deps as Parameters<typeof currentFilling>[0]);
    if (!filling) throw new Error(`form ${formId} did not open`);
    filling.load(sampleValues(filling.template));
    // The field screen again, showing the values loaded.
    ui().open('form-field', undefined, { replace: true });
    await ui().settle();
    expect(ui().current?.name).toBe('form-field');
    return filling;
  };

  it('OK confirms every field of every form (Xong has the focus), a number picks an option and stays', async () => {
    const library = headless.kiosk.deps.forms?.library;
    expect(library?.list().length).toBeGreaterThanOrEqual(8);
    for (const template of library?.list() ?? []) {
      const filling = await open(template.id);
      const seen: string[] = [];
      for (let guard = 0; ui().current?.name === 'form-field'; guard++) {
        expect(guard).toBeLessThan(formFields(template).length + 1);
        const d = details();
        const field = filling.current().field;
        expect(d.field).toBe(field.id);
        // The focus is on "Xong" on every field type: OK is the way forward.
        const done = { choice: 'choice:done', keyboard: 'key:done', digits: 'pad:done', date: 'pad:done' }[
          d.entry ?? 'keyboard'
        ];
        expect(ui().focusedTarget?.id, `${template.id}.${field.id}`).toBe(done);
        if (d.entry === 'choice') {
          // A number picks the option and stays on the field, marked and said back.
          const value = filling.value(field.id);
          const n = value ? (field.options ?? []).indexOf(value) + 1 : (field.options?.length ?? 0) + 1;
          const picked = await press(String(n) as ButtonId);
          expect(picked.field, `${template.id}.${field.id} stays after its number`).toBe(field.id);
          expect(filling.value(field.id)).toBe(value);
          expect(ui().current?.speech?.('vi')).toMatch(value ? `Đã chọn ${value}` : 'Để trống mục này');
        }
        seen.push(field.id);
        const after = await press('ok');
        expect(after.dialog, `${template.id}.${field.id}: ${after.dialog ?? ''}`).toBeNull();
        if (ui().current?.name === 'form-field') expect(after.field).not.toBe(field.id);
      }
      expect(ui().current?.name, template.id).toBe('form-review');
      expect(seen).toEqual(filling.visible().map((f) => f.id));
    }
  });

  it('BACK goes to the previous field on every field type, and OK comes back; the first BACK leaves', async () => {
    const filling = await open('khai-sinh');
    const ids = filling.visible().map((f) => f.id);
    // Forward to the end by OK, then back field by field with BACK, then out of the form.
    for (let i = 1; i < ids.length; i++) expect((await press('ok')).field).toBe(ids[i]);
    for (let i = ids.length - 2; i >= 0; i--) expect((await press('back')).field).toBe(ids[i]);
    await press('back');
    expect(ui().current?.name).toBe('home');
  });

  it('by touch: a choice button picks, Xong confirms, Quay lại goes back', async () => {
    const filling = await open('khai-sinh');
    await forwardTo('choice', filling);
    const field = filling.current().field;
    const other = (field.options ?? []).find((o) => o !== filling.value(field.id)) ?? '';
    const index = (field.options ?? []).indexOf(other) + 1;
    let d = await touchTarget(`option:${index}`);
    expect([d.field, filling.value(field.id)]).toEqual([field.id, other]);
    d = await touchTarget('choice:done');
    expect(d.field).not.toBe(field.id);
    d = await touchTarget('previous');
    expect(d.field).toBe(field.id);
  });

  it('the keypad: the 0 key is one ▼ from Xong (the panel has no 0 button)', async () => {
    const filling = await open('khai-sinh');
    await forwardTo('date', filling);
    expect(ui().focusedTarget?.id).toBe('pad:done');
    await press('down');
    expect(ui().focusedTarget?.id).toBe('pad:0');
    await press('up');
    expect(ui().focusedTarget?.id).toBe('pad:done');
  });
});
