import type { Procedure } from '../../domain/catalog/procedure.js';
import type { SearchHit } from '../../domain/catalog/search-types.js';
import { wrapText } from '../draw.js';
import { font } from '../../runtime/fonts.js';
import type { Lang } from '../localize.js';
import type { Navigator, RenderContext, Screen, Target } from '../screen.js';
import type { Rect } from '../../drivers/display/types.js';
import {
  buttonRow,
  compactButton,
  compactButtonWidth,
  header,
  PagedText,
  type TextBlock,
} from '../widgets/index.js';
import { ellipsize } from '../widgets/list.js';

/** A procedure as the detail screen shows it; the flows format the catalog's facts. */
export interface ProcedureView {
  procedure: Procedure;
  /** The group that serves the procedure's field (where "take a number" goes). */
  groupId: string;
  /** The first page under the name: fee, time, how many documents, where, online or not. */
  summaryLines(lang: Lang): string[];
  /**
   * Documents, one line each ("Giấy chứng sinh (1 bản chính)"): what everyone brings, in a
   * citizen's order, and what is needed only in some cases.
   */
  documents(lang: Lang): { always: string[]; conditional: string[] };
  /** "method: fee · time" per submission method (one "fee · time" line when none is listed). */
  feeLines(lang: Lang): string[];
  /** The legal basis, one entry per document: "Số 123/2015/NĐ-CP, ngày 15/11/2015" + its title ("" when the line names it). */
  legalBasis(lang: Lang): { line: string; title: string }[];
  /** Read on arrival: name, fee, time, place, how many documents, which buttons. */
  summary(lang: Lang): string;
  /** Document `index` (common ones first, then the case-by-case ones); past the end: the list is over. */
  documentSpeech(lang: Lang, index: number): string;
}

export interface ProcedureScreenDeps {
  /** Takes a number for `groupId`. */
  takeNumber(groupId: string): void | Promise<void>;
  /** Opens the procedure's form ("Điền tờ khai", button 4); absent when it has none. */
  fillForm?: () => void;
  /** A scan on this screen (a CCCD opens the form with the card's details); true when taken. */
  scan?: (data: string) => boolean;
}

/** The name on the first page: whole when it fits two lines, else cut with "…" (page 2 has it whole). */
function titleLines(
  rc: RenderContext,
  name: string,
  width: number,
  size: number,
): { text: string; cut: boolean } {
  const { g } = rc;
  g.font = font(size, 700);
  const lines = wrapText(g, name, width);
  if (lines.length <= 2) return { text: lines.join('\n'), cut: false };
  return { text: `${lines[0] ?? ''}\n${ellipsize(g, `${lines[1] ?? ''}…`, width)}`, cut: true };
}

function blocks(view: ProcedureView, lang: Lang, title: { text: string; cut: boolean }): TextBlock[] {
  const vi = lang === 'vi';
  const p = view.procedure;
  const docs = view.documents(lang);
  const out: TextBlock[] = [
    { heading: title.text, text: view.summaryLines(lang).join('\n'), key: 'summary' },
  ];
  if (title.cut)
    out.push({ heading: vi ? 'Tên đầy đủ của thủ tục' : 'Full name', text: p.name, newPage: true });
  if (docs.always.length + docs.conditional.length === 0)
    out.push({
      heading: vi ? 'Giấy tờ cần mang' : 'Documents to bring',
      text: vi ? 'Chưa có thông tin, vui lòng hỏi cán bộ.' : 'Not listed; please ask the staff.',
      newPage: true,
    });
  docs.always.forEach((d, i) =>
    out.push({
      ...(i === 0 ? { heading: vi ? 'Giấy tờ cần mang' : 'Documents to bring', newPage: true } : {}),
      text: `${i + 1}. ${d}`,
      key: `document:${i}`,
    }),
  );
  docs.conditional.forEach((d, i) =>
    out.push({
      ...(i === 0 ? { heading: vi ? 'Tùy trường hợp' : 'Depending on your case' } : {}),
      text: `• ${d}`,
      key: `document:${docs.always.length + i}`,
    }),
  );
  out.push({
    heading: vi ? 'Lệ phí và thời gian' : 'Fee and time',
    text: view.feeLines(lang).join('\n'),
    newPage: true,
  });
  if (p.where) out.push({ heading: vi ? 'Nơi nộp hồ sơ' : 'Where to submit', text: p.where });
  if (p.agency) out.push({ heading: vi ? 'Cơ quan thực hiện' : 'Handled by', text: p.agency });
  if (p.result) out.push({ heading: vi ? 'Kết quả' : 'Result', text: p.result });
  if (p.conditions) out.push({ heading: vi ? 'Điều kiện' : 'Conditions', text: p.conditions, newPage: true });
  if (p.steps.length)
    out.push({ heading: vi ? 'Các bước' : 'Steps', text: p.steps.join('\n'), newPage: true });
  view.legalBasis(lang).forEach((d, i) =>
    out.push({
      ...(i === 0 ? { heading: vi ? 'Căn cứ pháp lý' : 'Legal basis', newPage: true } : {}),
      text: d.title ? `${i + 1}. ${d.line}\n${d.title}` : `${i + 1}. ${d.line}`,
      key: `legal:${i}`,
      entry: true,
    }),
  );
  return out;
}

/**
 * Procedure detail, a page at a time: the first page is the summary a citizen needs (fee, time,
 * how many documents, where, online or not) under the procedure's name; ▼/▲ turn the pages
 * ("trang 2/7"); 1–3 (and 9) stay for actions. The voice reads the short summary on arrival;
 * button 2 reads the documents one at a time ("Tiếp"), 1 repeats, 3 takes a number for the group
 * that serves this procedure's field.
 */
export function createProcedureScreen(
  nav: Navigator,
  deps: ProcedureScreenDeps,
  view: ProcedureView,
  context: { query?: string; alternatives?: readonly SearchHit[] } = {},
): Screen {
  const procedure = view.procedure;
  // Read a page at a time: 32 px in the large theme at 1.2 (8 lines a page, was 7 at 34 px and
  // 1.3), half a line between entries, and an entry (a document, a step, a legal document) whole.
  const text = new PagedText('detail', {
    size: 'reading',
    lineSpacing: 1.2,
    blockGap: 0.5,
    keepEntries: true,
  });
  let laidOut: string | undefined;
  /** The document being read aloud (button 2), or undefined for the summary. */
  let reading: number | undefined;
  const alternatives = context.alternatives ?? [];
  const counts = (): { required: number; conditional: number } => {
    const d = view.documents('vi');
    return { required: d.always.length, conditional: d.conditional.length };
  };
  const total = (): number => counts().required + counts().conditional;
  return {
    name: 'procedure',
    speech: (lang) => (reading === undefined ? view.summary(lang) : view.documentSpeech(lang, reading)),
    describe: () => ({
      code: procedure.code,
      name: procedure.name,
      field: procedure.field,
      documents: counts(),
      page: text.page + 1,
      pages: text.pages,
      text: text.lines,
      reading: reading === undefined ? null : { document: reading + 1, of: total() },
      group: view.groupId,
      query: context.query ?? null,
      form: deps.fillForm !== undefined,
    }),
    routesScans: true,
    ...(deps.scan ? { onScan: deps.scan } : {}),
    onButton: (event) => text.onButton(event),
    render(rc) {
      const { theme, scale, lang } = rc;
      const vi = lang === 'vi';
      // The title bar's buttons (the form on 4, other matches on 9) are as wide as their labels,
      // right to left from the clock; the title "Thủ tục" gives way when they need its room (the
      // page starts with the procedure's name).
      const bar = headerButtons(rc, {
        form: deps.fillForm ? (vi ? 'Điền tờ khai' : 'Fill in form') : undefined,
        others: alternatives.length ? (vi ? 'Thủ tục khác' : 'Other matches') : undefined,
      });
      const title = vi ? 'Thủ tục' : 'Procedure';
      rc.g.font = font(theme.size.title * scale, 700);
      const titleEnd = theme.spacing * scale + rc.g.measureText(title).width + theme.spacing * scale;
      const area = header(rc, titleEnd <= bar.left ? title : '');
      const gap = theme.spacing * scale;
      const buttonHeight = Math.round(64 * scale);
      const body: Rect = { ...area, height: area.height - buttonHeight - gap };
      const width = text.textWidth(rc, body);
      const key = `${lang}|${width}|${text.textSize(rc)}`;
      if (laidOut !== key) {
        text.setContent(blocks(view, lang, titleLines(rc, procedure.name, width, text.textSize(rc))));
        if (reading !== undefined && reading < total()) text.show(`document:${reading}`);
        laidOut = key;
      }
      text.marked = reading === undefined ? undefined : `document:${reading}`;
      const row = { ...area, y: area.y + area.height - buttonHeight, height: buttonHeight };
      const readingNow = reading !== undefined && reading < total();
      const specs = [
        {
          id: 'listen',
          label: readingNow ? (vi ? 'Nhắc lại' : 'Repeat') : vi ? 'Nghe lại' : 'Listen',
          button: '1' as const,
          activate: () => nav.repeatSpeech(),
        },
        {
          id: 'documents',
          label: readingNow ? (vi ? 'Tiếp' : 'Next') : vi ? 'Giấy tờ' : 'Documents',
          button: '2' as const,
          activate: () => {
            reading = reading === undefined || reading >= total() ? 0 : reading + 1;
            if (reading < total()) text.show(`document:${reading}`);
            nav.repeatSpeech();
          },
        },
        {
          id: 'take-number',
          label: vi ? 'Lấy số' : 'Take number',
          button: '3' as const,
          variant: 'primary' as const,
          activate: () => deps.takeNumber(view.groupId),
        },
      ];
      const targets: Target[] = buttonRow(rc, row, specs);
      targets.push(...text.render(rc, body));
      if (deps.fillForm && bar.form)
        targets.push(
          compactButton(rc, {
            id: 'fill-form',
            rect: bar.form.rect,
            label: bar.form.label,
            button: '4',
            activate: deps.fillForm,
          }),
        );
      if (alternatives.length && bar.others)
        targets.push(
          compactButton(rc, {
            id: 'others',
            rect: bar.others.rect,
            label: bar.others.label,
            button: '9',
            activate: () =>
              nav.open('results', { query: context.query ?? procedure.name, hits: alternatives }),
          }),
        );
      return targets;
    },
  };
}

/** Where the title bar's buttons go: each as wide as its label, right to left from the clock. */
function headerButtons(
  rc: RenderContext,
  labels: { form: string | undefined; others: string | undefined },
): { left: number; form?: { rect: Rect; label: string }; others?: { rect: Rect; label: string } } {
  const { scale } = rc;
  // as tall as a key (60 px large), centred in the 64 px title bar
  const h = Math.round(Math.max(48, rc.theme.minKey) * scale);
  const y = Math.round((64 * scale - h) / 2);
  const gap = Math.round(8 * scale);
  let right = rc.width - Math.round(120 * scale);
  const place = (label: string | undefined): { rect: Rect; label: string } | undefined => {
    if (label === undefined) return undefined;
    const width = compactButtonWidth(rc, label, h);
    right -= width;
    const rect = { x: right, y, width, height: h };
    right -= gap;
    return { rect, label };
  };
  const others = place(labels.others);
  const form = place(labels.form);
  return { left: right, ...(form ? { form } : {}), ...(others ? { others } : {}) };
}
