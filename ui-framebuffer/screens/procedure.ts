import type { Procedure } from '../../domain/catalog/procedure.js';
import type { SearchHit } from '../../domain/catalog/search-types.js';
import { wrapText } from '../draw.js';
import { font } from '../../runtime/fonts.js';
import type { Lang } from '../localize.js';
import type { Navigator, Screen, Target } from '../screen.js';
import { button, columns, compactButton, header, ScrollText, type TextBlock } from '../widgets/index.js';

/** A procedure as the detail screen shows it; the flows format the catalog's facts. */
export interface ProcedureView {
  procedure: Procedure;
  /** The group that serves the procedure's field (where "take a number" goes). */
  groupId: string;
  /** Documents to bring, everyday ones first, one line each ("Giấy chứng sinh (1 bản chính)"). */
  documentLines(lang: Lang): string[];
  /** "method: fee · time" per submission method (one "fee · time" line when none is listed). */
  feeLines(lang: Lang): string[];
  /** Read on arrival: name, fee, time, place, how many documents, which buttons. */
  summary(lang: Lang): string;
  /** The documents one by one (button 2). */
  documentsSpeech(lang: Lang): string;
}

export interface ProcedureScreenDeps {
  /** Takes a number for `groupId`. */
  takeNumber(groupId: string): void | Promise<void>;
}

function blocks(view: ProcedureView, lang: Lang): TextBlock[] {
  const vi = lang === 'vi';
  const p = view.procedure;
  const out: TextBlock[] = [
    {
      heading: vi ? 'Giấy tờ cần mang' : 'Documents to bring',
      text: p.documents.length
        ? view
            .documentLines(lang)
            .map((d, i) => `${i + 1}. ${d}`)
            .join('\n')
        : vi
          ? 'Chưa có thông tin, vui lòng hỏi cán bộ.'
          : 'Not listed; please ask the staff.',
    },
    { heading: vi ? 'Lệ phí và thời gian' : 'Fee and time', text: view.feeLines(lang).join('\n') },
  ];
  if (p.where) out.push({ heading: vi ? 'Nơi nộp hồ sơ' : 'Where to submit', text: p.where });
  if (p.agency) out.push({ heading: vi ? 'Cơ quan thực hiện' : 'Handled by', text: p.agency });
  if (p.steps.length) out.push({ heading: vi ? 'Các bước' : 'Steps', text: p.steps.join('\n') });
  if (p.conditions) out.push({ heading: vi ? 'Điều kiện' : 'Conditions', text: p.conditions });
  if (p.result) out.push({ heading: vi ? 'Kết quả' : 'Result', text: p.result });
  return out;
}

/**
 * Procedure detail: documents, fees, time and place, scrolled with up/down. The voice reads a
 * short summary on arrival; button 2 reads the documents one by one; 3 takes a number for the
 * group that serves this procedure's field.
 */
export function createProcedureScreen(
  nav: Navigator,
  deps: ProcedureScreenDeps,
  view: ProcedureView,
  context: { query?: string; alternatives?: readonly SearchHit[] } = {},
): Screen {
  const procedure = view.procedure;
  const text = new ScrollText([], 'detail');
  let textLang: Lang | undefined;
  let pending: 'documents' | undefined;
  const alternatives = context.alternatives ?? [];
  return {
    name: 'procedure',
    speech(lang) {
      if (pending === 'documents') {
        pending = undefined;
        return view.documentsSpeech(lang);
      }
      return view.summary(lang);
    },
    describe: () => ({
      code: procedure.code,
      name: procedure.name,
      field: procedure.field,
      documents: procedure.documents.length,
      group: view.groupId,
      query: context.query ?? null,
    }),
    routesScans: true,
    onButton: (event) => text.onButton(event),
    render(rc) {
      const { g, theme, scale, lang } = rc;
      const vi = lang === 'vi';
      if (textLang !== lang) {
        text.setContent(blocks(view, lang));
        textLang = lang;
      }
      const area = header(rc, vi ? 'Thông tin thủ tục' : 'Procedure', procedure.field || undefined);
      const gap = theme.spacing * scale;
      g.font = font(theme.size.body * scale, 700);
      g.fillStyle = theme.text;
      g.textAlign = 'left';
      g.textBaseline = 'top';
      const nameWidth = alternatives.length ? area.width - 266 * scale : area.width;
      const nameLines = wrapText(g, procedure.name, nameWidth).slice(0, 2);
      nameLines.forEach((line, i) =>
        g.fillText(line, area.x, area.y + i * theme.size.body * scale * 1.15, nameWidth),
      );
      const nameHeight =
        Math.max(nameLines.length * theme.size.body * scale * 1.15, alternatives.length ? 48 * scale : 0) +
        gap * 0.5;
      const buttonHeight = Math.round(64 * scale);
      const body = {
        ...area,
        y: area.y + nameHeight,
        height: area.height - nameHeight - buttonHeight - gap,
      };
      const row = { ...area, y: area.y + area.height - buttonHeight, height: buttonHeight };
      const specs = [
        {
          id: 'listen',
          label: vi ? 'Nghe lại' : 'Listen',
          button: '1' as const,
          activate: () => nav.repeatSpeech(),
        },
        {
          id: 'documents',
          label: vi ? 'Giấy tờ' : 'Documents',
          button: '2' as const,
          activate: () => {
            pending = 'documents';
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
      const cells = columns(row, [1, 1, 1], gap);
      const targets: Target[] = [];
      specs.forEach((s, i) => {
        const t = button(rc, { ...s, rect: cells[i] ?? row });
        if (t) targets.push(t);
      });
      if (alternatives.length) {
        const h = Math.round(48 * scale);
        targets.push(
          compactButton(rc, {
            id: 'others',
            rect: { x: area.x + area.width - 256 * scale, y: area.y, width: 256 * scale, height: h },
            label: vi ? 'Thủ tục khác' : 'Other matches',
            button: '9',
            activate: () =>
              nav.open('results', { query: context.query ?? procedure.name, hits: alternatives }),
          }),
        );
      }
      targets.push(...text.render(rc, body));
      return targets;
    },
  };
}
