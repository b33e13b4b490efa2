import type { ButtonId } from '../drivers/buttons/types.js';
import type { Target } from './screen.js';

/**
 * The focus over the targets of the screen shown (as LVGL's lv_group over its objects): which one
 * has it, ▲/▼ moving it round, a touch or a number button finding a target. The targets come from
 * each frame, in focus order; the focus stays on the same place in that order while it exists.
 */
export class FocusController {
  private targets: readonly Target[] = [];
  private index = 0;

  /** The target with the focus; undefined while the screen has none. */
  get focused(): Target | undefined {
    return this.targets[this.index];
  }

  /** The targets of the last frame, in focus order. */
  get all(): readonly Target[] {
    return this.targets;
  }

  /** A new screen: the focus goes to its first target. */
  reset(): void {
    this.index = 0;
  }

  /** The targets a frame drew; when the focused place is gone, the focus goes to the first. */
  setTargets(targets: readonly Target[]): void {
    this.targets = targets;
    if (this.index >= targets.length) this.index = 0;
  }

  /** Moves the focus one target on (1) or back (-1), round the ends; the newly focused target. */
  move(step: 1 | -1): Target | undefined {
    if (this.targets.length === 0) return undefined;
    this.index = (this.index + step + this.targets.length) % this.targets.length;
    return this.focused;
  }

  /** The target under a point (screen coordinates), which takes the focus; undefined off every target. */
  focusAt(x: number, y: number): Target | undefined {
    const index = this.targets.findIndex(
      (t) => x >= t.rect.x && x < t.rect.x + t.rect.width && y >= t.rect.y && y < t.rect.y + t.rect.height,
    );
    if (index < 0) return undefined;
    this.index = index;
    return this.focused;
  }

  /** The target a physical button activates directly (its number badge or page arrow). */
  forButton(id: ButtonId): Target | undefined {
    return this.targets.find((t) => t.button === id);
  }
}
