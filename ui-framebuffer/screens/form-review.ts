import type { FieldState } from '../../domain/forms/form-filling.js';
import { font } from '../../runtime/fonts.js';
import { wrapText } from '../draw.js';
import { tr, type Lang, type Localized } from '../localize.js';
import type { Navigator, Screen, Target } from '../screen.js';
import { pageColumn, pageColumnWidth } from '../widgets/page-column.js';
import { button, columns, header, ModalHost, qrCode, Toast } from '../widgets/index.js';
import { drawSheetPage, layoutSheet, type SheetItem } from '../widgets/field-sheet.js';

/** What the review page asks of its flow (flows/form-flow.ts). */
export interface FormReviewPort {
  form: string;
  /** Every field shown, in order; undefined once the session ended. */
  fields(): readonly FieldState[] | undefined;
  /** Opens a field to change it (back to this page when done). */
  edit(fieldId: string): void;
  /** An A4 printer is fitted (documentPrinter driver is not none). */
  readonly canPrintA4: boolean;
  /**
   * Prints the A4 document. `fix`: the first field to correct (nothing printed); otherwise the
   * message to show and say (printed, or why not). `onWait` gets what to show and say meanwhile
   * (the printer is busy and the kiosk tries again).
   */
  printA4(onWait?: (message: string) => void): Promise<{ ok: boolean; message: string; fix?: string }>;
  /** Takes a number and prints the counter slip (handoff QR, fee); `fix` as above. */
  submit(): Promise<{ fix?: string; message?: string } | undefined>;
  /** "Kết thúc": forgets the form and goes home. */
  finish(): void;
  speech(lang: Lang, fields: readonly FieldState[], problems: number): string;
}

/**
 * The review page: every field with what was filled in ("—" when empty, problems in red), each
 * one a row to open and change; then print the A4 form (1), hand it in at the counter with a
 * queue number (2, the slip carries the form as a QR), or finish and erase (3).
 */
export function createFormReviewScreen(nav: Navigator, port: FormReviewPort): Screen {
  let page = 0;
  let pages = 1;
  const modals = new ModalHost(nav);
  const toast = new Toast(nav, 5000);
  let busy = false;
  /** Said once: what the printer is doing (alone) or did (before the page's own guidance). */
  let notice: { text: string; alone: boolean } | undefined;
  const announce = (text: string, alone = false): void => {
    notice = { text, alone };
    nav.repeatSpeech();
    notice = undefined;
  };
  const fix = (fieldId: string): void => {
    const f = port.fields()?.find((x) => x.field.id === fieldId);
    const vi = nav.lang === 'vi';
    modals.open({
      title: vi ? 'Còn mục cần sửa' : 'Something to correct',
      message: `${f?.field.label ?? fieldId}: ${f?.error ?? ''}`,
      icon: 'warning',
      actions: [
        {
          id: 'fix',
          label: vi ? 'Sửa mục này' : 'Correct it',
          button: 'ok',
          activate: () => port.edit(fieldId),
        },
      ],
    });
  };
  const run = async (what: () => Promise<void>): Promise<void> => {
    if (busy) return;
    busy = true;
    nav.refresh();
    try {
      await what();
    } finally {
      busy = false;
      nav.refresh();
    }
  };
  return {
    name: 'form-review',
    // A CCCD here is the next citizen: the scan router ends this session first.
    routesScans: true,
    speech: (lang) => {
      const fields = port.fields() ?? [];
      if (notice?.alone) return notice.text;
      const guidance = port.speech(lang, fields, fields.filter(needsAttention).length);
      return notice ? `${notice.text} ${guidance}` : guidance;
    },
    describe: () => ({
      rows: (port.fields() ?? []).map((f) => ({ id: f.field.id, shown: f.shown, error: f.error ?? null })),
      page: page + 1,
      pages,
      busy,
      toast: toast.text ?? null,
      dialog: modals.current?.message ?? null,
    }),
    onButton: (event) => modals.onButton(event),
    leave: () => toast.dispose(),
    render(rc) {
      const { theme, scale, lang } = rc;
      const vi = lang === 'vi';
      const fields = port.fields() ?? [];
      const problems = fields.filter(needsAttention).length;
      const title = vi ? 'Kiểm tra tờ khai' : 'Check the form';
      const subtitle = (continues: string | undefined): string =>
        `${continues ? `${continues} (${vi ? 'tiếp' : 'cont.'})` : port.form} · ${
          problems
            ? vi
              ? `còn ${problems} mục cần sửa`
              : `${problems} to correct`
            : vi
              ? 'chạm mục để sửa'
              : 'touch one to change it'
        }`;
      const area = header(rc, title, subtitle(undefined));
      const gap = theme.spacing * scale;
      const buttonHeight = Math.round(66 * scale);
      const body = { ...area, height: area.height - buttonHeight - gap };
      // Under their sections, two to a row where they fit; what is missing or wrong comes first.
      const { g } = rc;
      // The page column on the right (▲, "Trang 2/4", ▼), as long texts are read elsewhere.
      const columnW = pageColumnWidth(rc);
      const column = { x: body.x + body.width - columnW, y: body.y, width: columnW, height: body.height };
      const sheetArea = { ...body, width: body.width - columnW - gap };
      let sheet = layoutSheet(g, sheetItems(fields, vi), sheetArea, { theme, scale });
      // All on one page: the sheet takes the column's room too.
      if (sheet.length === 1) sheet = layoutSheet(g, sheetItems(fields, vi), body, { theme, scale });
      pages = sheet.length;
      page = Math.min(page, pages - 1);
      const shown = sheet[page] ?? { headings: [], cells: [] };
      // A page that begins inside a section says whose fields these are in the subtitle.
      if (shown.continues) header(rc, title, subtitle(shown.continues));
      const targets: Target[] = [];
      const row = { ...area, y: area.y + area.height - buttonHeight, height: buttonHeight };
      const specs = [
        ...(port.canPrintA4
          ? [
              {
                id: 'print-a4',
                label: busy ? (vi ? 'Đang in…' : 'Printing…') : vi ? 'In A4' : 'Print A4',
                button: '1' as const,
                activate: () =>
                  run(async () => {
                    const out = await port.printA4((message) => {
                      toast.show(message, 'info', 30_000);
                      announce(message, true);
                    });
                    if (out.fix) {
                      fix(out.fix);
                      nav.repeatSpeech();
                    } else {
                      toast.show(out.message, out.ok ? 'success' : 'error');
                      announce(out.message);
                    }
                  }),
              },
            ]
          : []),
        {
          id: 'submit',
          label: vi ? 'Nộp, lấy số' : 'Hand in',
          button: '2' as const,
          variant: 'primary' as const,
          activate: () =>
            run(async () => {
              const out = await port.submit();
              if (out?.fix) fix(out.fix);
              else if (out?.message) toast.show(out.message, 'error');
            }),
        },
        {
          id: 'finish',
          label: vi ? 'Kết thúc' : 'Finish',
          button: '3' as const,
          variant: 'danger' as const,
          activate: () =>
            modals.confirm({
              title: vi ? 'Kết thúc và xoá tờ khai?' : 'Finish and erase the form?',
              message: vi
                ? 'Mọi thông tin bạn đã điền sẽ bị xoá khỏi máy.'
                : 'Everything you filled in will be erased from the kiosk.',
              confirmLabel: vi ? 'Xoá, kết thúc' : 'Erase, finish',
              cancelLabel: vi ? 'Quay lại' : 'Go back',
              danger: true,
              onConfirm: () => port.finish(),
            }),
        },
      ];
      const cells = columns(
        row,
        // Each button as wide as its label asks (badge and padding included), so none is cut
        // ('Print A4' read 'Print…' in the large theme at fixed weights).
        specs.map((x) => {
          rc.g.font = font(theme.size.body * scale, 700);
          return rc.g.measureText(x.label).width + 90 * scale;
        }),
        gap,
      );
      specs.forEach((s, i) => {
        const t = button(rc, { ...s, rect: cells[i] ?? row, disabled: busy });
        if (t) targets.push(t);
      });
      drawSheetPage(g, shown, { theme, scale });
      for (const c of shown.cells) {
        const f = fields.find((x) => x.field.id === c.item.id);
        if (!f) continue;
        targets.push({
          id: `row:${f.field.id}`,
          rect: c.rect,
          label: `${f.field.label}: ${f.error ?? (f.shown || (vi ? 'để trống' : 'empty'))}`,
          activate: () => port.edit(f.field.id),
        });
      }
      if (pages > 1) targets.push(...pageColumn(rc, column, page, pages, (p) => (page = p)));
      toast.render(rc);
      return modals.render(rc, targets);
    },
  };
}

/** A field the citizen still has to fill in (required and empty) or correct. */
function needsAttention(f: FieldState): boolean {
  return Boolean(f.error) || (f.field.required && !f.value);
}

/**
 * The review sheet's items: first the fields still to fill in (required and empty) or to correct,
 * under "Cần điền hoặc sửa", then every other field under its section.
 */
export function sheetItems(fields: readonly FieldState[], vi: boolean): SheetItem[] {
  const missing = fields.filter(needsAttention);
  const heading = vi ? `Cần điền hoặc sửa (${missing.length})` : `To fill in or correct (${missing.length})`;
  return [
    ...missing.map((f) => ({
      id: f.field.id,
      group: heading,
      label: `${f.field.label} · ${f.section}`,
      value: `⚠ ${f.error ?? (vi ? 'chưa điền' : 'not filled in')}`,
      problem: true,
    })),
    ...fields
      .filter((f) => !needsAttention(f))
      .map((f) => ({ id: f.field.id, group: f.section, label: f.field.label, value: f.shown || '—' })),
  ];
}

/** What the citizen gets after handing the form in: the number, the slip, the fee. */
export interface FormDoneView {
  form: string;
  /** "A-012", or undefined when no number could be issued (the group is closed). */
  ticket?: string;
  /** The counters serving the number: [1, 2]. */
  counters?: readonly number[];
  /** The slip with the form's QR printed (false: show the ticket, ask at the counter). */
  slipPrinted: boolean;
  /**
   * The fee in words in both languages ("50.000 đồng", "50,000 dong") and its VietQR payload,
   * when the procedure has a fee.
   */
  fee?: { text: Localized; qr?: string; content: string };
  speech(lang: Lang): string;
}

/**
 * The form is handed in: the queue number, what was printed, and the fee with its VietQR code
 * to pay by a banking app (or at the counter). "Xong" ends the session and erases the form.
 */
export function createFormDoneScreen(nav: Navigator, view: FormDoneView): Screen {
  return {
    name: 'form-done',
    // A CCCD here is the next citizen: the scan router ends this session first.
    routesScans: true,
    speech: (lang) => view.speech(lang),
    describe: () => ({
      ticket: view.ticket ?? null,
      slipPrinted: view.slipPrinted,
      fee: view.fee ? { text: view.fee.text.vi, qr: view.fee.qr ?? null, content: view.fee.content } : null,
    }),
    render(rc) {
      const { g, theme, scale, lang } = rc;
      const vi = lang === 'vi';
      const area = header(rc, vi ? 'Đã nộp tờ khai' : 'Form handed in', view.form);
      const gap = theme.spacing * scale;
      const buttonHeight = Math.round(68 * scale);
      const body = { ...area, height: area.height - buttonHeight - gap };
      const qrSide = view.fee?.qr ? Math.min(body.height, Math.round(250 * scale)) : 0;
      const textWidth = body.width - (qrSide ? qrSide + gap : 0);
      let y = body.y;
      g.textAlign = 'left';
      g.textBaseline = 'top';
      const para = (text: string, size: number, weight: 400 | 700 | 800, color = theme.text): void => {
        g.font = font(size * scale, weight);
        g.fillStyle = color;
        for (const line of wrapText(g, text, textWidth)) {
          if (y + size * scale * 1.2 > body.y + body.height) return;
          g.fillText(line, body.x, y, textWidth);
          y += size * scale * 1.2;
        }
        y += size * scale * 0.25;
      };
      if (view.ticket) {
        para(`${vi ? 'Số của bạn' : 'Your number'}: ${view.ticket}`, theme.size.title, 800);
        if (view.counters?.length)
          para(
            vi
              ? `Mời đến quầy ${view.counters.join(', ')}`
              : `Please go to counter ${view.counters.join(', ')}`,
            theme.size.body,
            700,
          );
      } else
        para(
          vi ? 'Chưa lấy được số: mời hỏi cán bộ.' : 'No number issued: please ask the staff.',
          theme.size.body,
          700,
        );
      para(
        view.slipPrinted
          ? vi
            ? 'Mời lấy phiếu, đưa cán bộ quét mã trên phiếu.'
            : 'Take the slip; the officer scans its code.'
          : vi
            ? 'Chưa in được phiếu: mời báo cán bộ.'
            : 'The slip did not print: please tell the staff.',
        theme.size.small,
        400,
        view.slipPrinted ? theme.text : theme.danger,
      );
      if (view.fee) {
        para(`${vi ? 'Lệ phí' : 'Fee'}: ${tr(view.fee.text, lang)}`, theme.size.small, 700);
        if (view.fee.qr)
          para(
            vi
              ? 'Quét mã bằng ứng dụng ngân hàng để nộp, hoặc nộp tại quầy.'
              : 'Scan with a banking app, or pay at the counter.',
            theme.size.small,
            400,
          );
      }
      if (view.fee?.qr)
        qrCode(
          rc,
          { x: body.x + body.width - qrSide, y: body.y, width: qrSide, height: qrSide },
          view.fee.qr,
        );
      const row = { ...area, y: area.y + area.height - buttonHeight, height: buttonHeight };
      const done = button(rc, {
        id: 'done',
        label: vi ? 'Xong, xoá thông tin' : 'Done, erase my data',
        button: 'ok',
        variant: 'primary',
        rect: row,
        activate: () => nav.home(),
      });
      return done ? [done] : [];
    },
  };
}
