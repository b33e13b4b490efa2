import { font } from '../../runtime/fonts.js';
import { wrapText } from '../draw.js';
import { tr, type Lang, type Localized } from '../localize.js';
import type { Navigator, Screen, Target } from '../screen.js';
import { button, columns, header, ListView } from '../widgets/index.js';
import { pageColumn, pageColumnWidth } from '../widgets/page-column.js';

/** A form offered on the pick screen. */
export interface FormChoice {
  id: string;
  /** Its short name; the English one on an English screen (the printed form stays Vietnamese). */
  title: Localized;
  /** How many items it has. */
  items: number;
  /** The procedures' codes it serves ("1.001193"). */
  procedures: readonly string[];
}

export interface FormPickDeps {
  forms: readonly FormChoice[];
  /** Opens the form (prefill offered first when a card was scanned). */
  start(formId: string): void;
  /**
   * Reads the forms on the page, numbered as their buttons (`more`: a next page holds more), or,
   * before the first frame (pages unknown), every form by name.
   */
  speech(lang: Lang, forms: readonly FormChoice[], shown: { more: boolean } | undefined): string;
}

/**
 * "Điền tờ khai": the forms the kiosk has, numbered; one press opens it. In the normal theme each
 * row tells how long the form is ("14 mục"); in the large one the rows hold the name alone, 64 px
 * high, so four forms fit a page instead of two (the eight shipped forms on 2 pages, not 4). The
 * rows are never lower than their text needs (ListView), so the normal theme keeps its 70 px.
 */
export function createFormPickScreen(nav: Navigator, deps: FormPickDeps): Screen {
  const list = new ListView({ id: 'form', numberButtons: 9, rowHeight: 64 });
  return {
    name: 'form-pick',
    // The forms on the page as drawn, by their number buttons (page 2 numbers its rows from 1
    // again): "5: Birth registration" was said where page 1 showed four forms.
    speech: (lang) => {
      if (!list.shownIds.length) return deps.speech(lang, deps.forms, undefined);
      const shown = list.shownIds.flatMap((id) => deps.forms.filter((f) => f.id === id));
      return deps.speech(lang, shown, { more: list.page < list.pages - 1 });
    },
    describe: () => ({ forms: deps.forms.map((f) => f.id), page: list.page + 1 }),
    routesScans: true,
    render(rc) {
      const vi = rc.lang === 'vi';
      const area = header(
        rc,
        vi ? 'Điền tờ khai' : 'Fill in a form',
        vi
          ? 'Chọn tờ khai cần điền, máy in ra để nộp tại quầy'
          : 'Choose a form; the kiosk prints it for the counter',
      );
      return list.render(
        rc,
        area,
        deps.forms.map((f) => ({
          id: f.id,
          label: tr(f.title, rc.lang),
          // How long it is; the procedures' codes ("1.004222, 1.004194, …") told a citizen nothing.
          ...(rc.theme.name === 'large'
            ? {}
            : { detail: `${f.items} ${vi ? 'mục' : f.items === 1 ? 'item' : 'items'}` }),
          activate: () => deps.start(f.id),
        })),
      );
    },
  };
}

/** One value the card would fill, as shown (ID number masked). */
export interface PrefillRow {
  label: string;
  section: string;
  shown: string;
}

export interface FormPrefillDeps {
  form: string;
  /** What the card fills; undefined once the session ended. */
  rows(): readonly PrefillRow[] | undefined;
  /** The scan may have lost the diacritics: the citizen must check. */
  warning: boolean;
  accept(): void;
  refuse(): void;
  speech(lang: Lang, count: number, warning: boolean): string;
}

/**
 * After a CCCD scan, before the form: what the card would fill in, for the citizen to see and
 * confirm ("1 Đúng, điền vào") or refuse ("2 Không dùng"); nothing is filled until they say so.
 */
export function createFormPrefillScreen(nav: Navigator, deps: FormPrefillDeps): Screen {
  // Rows that do not fit one page go on the next ones (▲ "Trang 1/2" ▼ on the right): the
  // citizen confirms what they have seen, so every row must be on some page.
  let page = 0;
  let pages = 1;
  return {
    name: 'form-prefill',
    // A CCCD here is the next citizen: the scan router ends this session first.
    routesScans: true,
    speech: (lang) => deps.speech(lang, deps.rows()?.length ?? 0, deps.warning),
    describe: () => ({
      prefill: (deps.rows() ?? []).map((r) => ({ label: r.label, shown: r.shown })),
      warning: deps.warning,
      page: page + 1,
      pages,
    }),
    render(rc) {
      const { g, theme, scale, lang } = rc;
      const vi = lang === 'vi';
      const area = header(rc, vi ? 'Điền sẵn từ thẻ căn cước' : 'Fill in from your ID card', deps.form);
      const buttonHeight = Math.round(68 * scale);
      const gap = theme.spacing * scale;
      const body = { ...area, height: area.height - buttonHeight - gap };
      const rows = deps.rows() ?? [];
      const size = theme.size.small * scale;
      let y = body.y;
      g.textBaseline = 'top';
      g.textAlign = 'left';
      g.font = font(size, 600);
      g.fillStyle = deps.warning ? theme.danger : theme.text;
      const lead = deps.warning
        ? vi
          ? 'Máy quét có thể đã làm mất dấu. Kiểm tra kỹ trước khi dùng:'
          : 'The scan may have lost the accents. Check before using them:'
        : vi
          ? 'Máy sẽ điền các mục sau. Đúng không?'
          : 'The kiosk will fill in these items. Are they right?';
      g.fillText(lead, body.x, y, body.width);
      y += size * 1.35;
      const top = y;
      const lineH = theme.size.body * scale * 1.15;
      // Each row's lines at a width; rows packed into pages of the body's height.
      const laid = (width: number) =>
        rows.map((r) => {
          const labelWidth = Math.round(width * 0.4);
          g.font = font(size, 400);
          const labels = wrapText(g, r.label, labelWidth - 10 * scale).slice(0, 3);
          g.font = font(theme.size.body * scale, 700);
          const values = wrapText(g, r.shown, width - labelWidth).slice(0, 3);
          const h = Math.max(labels.length * size * 1.15, values.length * lineH);
          return { labelWidth, labels, values, h };
        });
      const paged = (items: ReturnType<typeof laid>) => {
        const out: ReturnType<typeof laid>[] = [[]];
        let at = top;
        for (const item of items) {
          const current = out[out.length - 1] as ReturnType<typeof laid>;
          if (current.length > 0 && at + item.h > body.y + body.height) {
            out.push([item]);
            at = top + item.h + 4 * scale;
          } else {
            current.push(item);
            at += item.h + 4 * scale;
          }
        }
        return out;
      };
      let width = body.width;
      let sheet = paged(laid(width));
      let column: { x: number; y: number; width: number; height: number } | undefined;
      if (sheet.length > 1) {
        const columnW = pageColumnWidth(rc);
        width = body.width - columnW - gap;
        column = {
          x: body.x + body.width - columnW,
          y: top,
          width: columnW,
          height: body.y + body.height - top,
        };
        sheet = paged(laid(width));
      }
      pages = sheet.length;
      page = Math.min(page, pages - 1);
      for (const r of sheet[page] ?? []) {
        g.font = font(size, 400);
        g.fillStyle = theme.mutedText;
        r.labels.forEach((line, i) =>
          g.fillText(line, body.x, y + i * size * 1.15 + 3 * scale, r.labelWidth - 10 * scale),
        );
        g.font = font(theme.size.body * scale, 700);
        g.fillStyle = theme.text;
        r.values.forEach((line, i) =>
          g.fillText(line, body.x + r.labelWidth, y + i * lineH, width - r.labelWidth),
        );
        y += r.h + 4 * scale;
      }
      const row = { ...area, y: area.y + area.height - buttonHeight, height: buttonHeight };
      const cells = columns(row, [1.3, 1], gap);
      const targets: Target[] = [];
      const yes = button(rc, {
        id: 'accept',
        label: vi ? 'Đúng, điền vào' : 'Yes, fill in',
        button: '1',
        variant: 'primary',
        rect: cells[0] ?? row,
        activate: () => deps.accept(),
      });
      const no = button(rc, {
        id: 'refuse',
        label: vi ? 'Không dùng' : 'Do not use',
        button: '2',
        rect: cells[1] ?? row,
        activate: () => deps.refuse(),
      });
      if (yes) targets.push(yes);
      if (no) targets.push(no);
      if (column) targets.push(...pageColumn(rc, column, page, pages, (p) => (page = p)));
      return targets;
    },
  };
}
