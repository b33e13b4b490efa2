import { describe, expect, it } from 'vitest';
import { FocusController } from '../../../ui-framebuffer/focus-controller.js';
import type { Target } from '../../../ui-framebuffer/screen.js';

/** Targets in a row, 100 px wide each, 10 px apart: A at x 0-99, B at 110-209, … */
function row(...ids: string[]): Target[] {
  return ids.map((id, i) => ({
    id,
    label: `Nút ${id}`,
    rect: { x: i * 110, y: 50, width: 100, height: 40 },
    ...(i === 0 ? { button: '1' as const } : {}),
    activate: () => undefined,
  }));
}

describe('focus controller (the screen’s lv_group)', () => {
  it('moves round the ends both ways; nothing to move to gives no target', () => {
    const focus = new FocusController();
    expect(focus.move(1)).toBeUndefined();
    expect(focus.focused).toBeUndefined();
    focus.setTargets(row('A', 'B', 'C'));
    expect(focus.focused?.id).toBe('A');
    expect([focus.move(1), focus.move(1), focus.move(1)].map((t) => t?.id)).toEqual(['B', 'C', 'A']);
    expect(focus.move(-1)?.id).toBe('C');
  });

  it('keeps its place while the next frame still has it, else goes to the first; a new screen starts at the first', () => {
    const focus = new FocusController();
    focus.setTargets(row('A', 'B', 'C'));
    focus.move(1);
    focus.move(1);
    focus.setTargets(row('X', 'Y', 'Z'));
    expect(focus.focused?.id).toBe('Z');
    focus.setTargets(row('X', 'Y'));
    expect(focus.focused?.id).toBe('X');
    focus.move(1);
    focus.reset();
    expect(focus.focused?.id).toBe('X');
    expect(focus.all.map((t) => t.id)).toEqual(['X', 'Y']);
  });

  it('a point inside a target focuses it (left and top edges in, right and bottom out); a miss moves nothing', () => {
    const focus = new FocusController();
    focus.setTargets(row('A', 'B'));
    expect(focus.focusAt(110, 50)?.id).toBe('B');
    expect(focus.focused?.id).toBe('B');
    expect(focus.focusAt(100, 60)).toBeUndefined(); // the gap between A and B
    expect(focus.focusAt(50, 90)).toBeUndefined(); // just below A
    expect(focus.focused?.id).toBe('B');
    expect(focus.focusAt(99, 89)?.id).toBe('A');
  });

  it('finds the target a number button activates, without moving the focus', () => {
    const focus = new FocusController();
    focus.setTargets(row('A', 'B'));
    focus.move(1);
    expect(focus.forButton('1')?.id).toBe('A');
    expect(focus.forButton('2')).toBeUndefined();
    expect(focus.focused?.id).toBe('B');
  });
});
