import { describe, expect, it } from 'vitest';
import { headlessKioskForSuite } from '../../helpers/headless-kiosk.js';
import { formFields } from '../../../domain/forms/form-template.js';
import { currentFilling } from '../../../flows/form-flow.js';
import type { MockTouch } from '../../../hardware-mocks/touch.js';

/**
 * An address field asks for "house, commune, province" separated by commas, but the form's
 * keyboard had no comma: a citizen without a card (the mother's residence, the child's birth
 * place) could not type an address the form accepts. The address keyboard has a ',' key.
 */
describe('Form fields: an address can be typed on the kiosk keyboard (#15)', () => {
  const headless = headlessKioskForSuite();
  const ui = () => headless().kiosk.ui;
  const tap = async (id: string): Promise<void> => {
    const t = ui().visibleTargets.find((x) => x.id === id);
    if (!t)
      throw new Error(
        `no key ${id}: ${ui()
          .visibleTargets.map((x) => x.id)
          .join(' ')}`,
      );
    (headless().kiosk.drivers.touch as unknown as MockTouch).tap(
      t.rect.x + t.rect.width / 2,
      t.rect.y + t.rect.height / 2,
    );
    await ui().settle();
  };

  it('khai sinh: the mother’s residence typed by touch, commas included, is accepted', async () => {
    ui().open('form', { form: 'khai-sinh' });
    await ui().settle();
    const f = currentFilling(headless().kiosk.deps as Parameters<typeof currentFilling>[0]);
    if (!f) throw new Error('khai sinh did not open');
    const address = formFields(f.template).find((x) => x.id === 'meNoiCuTru');
    expect(address?.type).toBe('address');
    f.goTo('meNoiCuTru');
    ui().refresh();
    await ui().settle();
    for (const ch of 'xom 3, xa hai haaju, tinhr ninh binhf')
      await tap(ch === ' ' ? 'key:space' : `key:${ch}`);
    await tap('key:done');
    const details = ui().current?.describe?.() as { dialog: string | null; field: string };
    expect(details.dialog).toBeNull();
    expect(f.value('meNoiCuTru')).toBe('xom 3, xa hai hậu, tỉnh ninh bình');
    // Only the address keyboard has it: a name is letters and spaces.
    expect(details.field).not.toBe('meNoiCuTru');
    f.goTo('meHoTen');
    ui().refresh();
    await ui().settle();
    expect(ui().visibleTargets.some((t) => t.id === 'key:,')).toBe(false);
  });
});
