import type { DossierLookup } from '../../domain/dossier/dossier-service.js';
import type { DossierParse } from '../../domain/identity/dossier-slip.js';
import { ticketTimestamp } from '../../runtime/time.js';
import { wrapText } from '../draw.js';
import { font } from '../../runtime/fonts.js';
import type { Lang } from '../localize.js';
import type { Navigator, Screen, Target } from '../screen.js';
import { createMessageScreen } from '../templates/message.js';
import { button, columns, header, OnScreenKeyboard, textField } from '../widgets/index.js';

export interface DossierScreenDeps {
  /** Reads a typed or scanned text as a dossier number (slip barcode, URL or the number itself). */
  parse(text: string): DossierParse;
  /** How to look a dossier up, or (problem) that the number is not valid. */
  speech(lang: Lang, problem: boolean): string;
}

/** Dossier lookup: scan the appointment slip, or type the dossier number. */
export function createDossierScreen(nav: Navigator, deps: DossierScreenDeps): Screen {
  let problem: string | undefined;
  const submit = (text: string): void => {
    const slip = deps.parse(text);
    if (!slip.ok) {
      problem = slip.reason;
      nav.repeatSpeech();
      return;
    }
    problem = undefined;
    nav.open('dossier-status', { dossierNumber: slip.dossierNumber });
  };
  const keyboard = new OnScreenKeyboard({ id: 'key', scheme: 'off', maxLength: 40, onDone: submit });
  return {
    name: 'dossier',
    speech: (lang) => deps.speech(lang, problem !== undefined),
    describe: () => ({ typed: keyboard.text, problem: problem ?? null }),
    // A CCCD or a slip goes to the scan router first; anything else is read as a typed number.
    routesScans: true,
    onUnroutedScan: (data) => submit(data),
    render(rc) {
      const { g, theme, scale, lang } = rc;
      const vi = lang === 'vi';
      const area = header(
        rc,
        vi ? 'Tra cứu hồ sơ' : 'Dossier status',
        vi ? 'Quét mã vạch trên giấy hẹn, hoặc gõ số hồ sơ' : 'Scan the slip barcode, or type the number',
      );
      const gap = theme.spacing * scale;
      const fieldHeight = Math.round(54 * scale);
      textField(
        rc,
        { ...area, height: fieldHeight },
        keyboard.text,
        vi ? 'Ví dụ: H26.22.12-251125-0003' : 'e.g. H26.22.12-251125-0003',
      );
      let top = area.y + fieldHeight + gap * 0.5;
      if (problem) {
        g.font = font(theme.size.small * scale, 700);
        g.fillStyle = theme.danger;
        g.textAlign = 'left';
        g.textBaseline = 'top';
        g.fillText(
          vi ? 'Số hồ sơ chưa đúng, vui lòng kiểm tra lại.' : 'Not a valid dossier number.',
          area.x,
          top,
          area.width,
        );
        top += theme.size.small * scale * 1.3;
      }
      return keyboard.render(rc, { ...area, y: top, height: area.y + area.height - top });
    },
  };
}

function fetchedLine(lookup: DossierLookup, lang: Lang, timeZone: string): string | undefined {
  const vi = lang === 'vi';
  if (lookup.kind === 'live')
    return `${vi ? 'Cập nhật lúc' : 'Updated at'} ${ticketTimestamp(lookup.fetchedAt, timeZone)}`;
  if (lookup.kind === 'cached')
    return vi
      ? `Đang mất kết nối với trung tâm. Đây là trạng thái biết được lần cuối lúc ${ticketTimestamp(lookup.fetchedAt, timeZone)}, có thể đã thay đổi.`
      : `No connection to the centre. Last known status at ${ticketTimestamp(lookup.fetchedAt, timeZone)}; it may have changed.`;
  return undefined;
}

/** While the centre is asked about `dossierNumber`; `onLeave` when the citizen leaves it. */
export function createDossierCheckingScreen(
  nav: Navigator,
  dossierNumber: string,
  speech: (lang: Lang) => string,
  onLeave: () => void,
): Screen {
  const message = createMessageScreen(nav, {
    name: 'dossier-checking',
    title: { vi: 'Đang tra cứu hồ sơ', en: 'Checking your dossier' },
    lines: (lang) => [
      lang === 'vi'
        ? `Đang hỏi trung tâm về hồ sơ số ${dossierNumber}...`
        : `Asking the centre about ${dossierNumber}...`,
    ],
    speech,
    actions: [],
  });
  return { ...message, leave: onLeave };
}

export interface DossierStatusView {
  lookup: DossierLookup;
  /** The state in words (the centre's own wording when it sent one); only with a status. */
  stateText(lang: Lang): string;
  /** IANA time zone for "updated at". */
  timeZone: string;
  /** Reads the screen aloud: the number, the headline, the lines, then the choices. */
  speech(lang: Lang, shown: { dossierNumber: string; headline: string; lines: string[] }): string;
}

export function createDossierStatusScreen(nav: Navigator, view: DossierStatusView): Screen {
  const { lookup } = view;
  const tz = view.timeZone;
  const status = lookup.kind === 'live' || lookup.kind === 'cached' ? lookup.status : undefined;
  const number =
    status?.dossierNumber ??
    (lookup.kind === 'not-found' || lookup.kind === 'unavailable' ? lookup.dossierNumber : '');
  const headline = (lang: Lang): string => {
    const vi = lang === 'vi';
    if (status) return view.stateText(lang);
    if (lookup.kind === 'not-found') return vi ? 'Không tìm thấy hồ sơ này' : 'No dossier with this number';
    return vi
      ? 'Chưa tra cứu được: đang mất kết nối với trung tâm'
      : 'Cannot check now: no connection to the centre';
  };
  const lines = (lang: Lang): string[] => {
    const vi = lang === 'vi';
    const out: string[] = [];
    if (status?.procedureName) out.push(status.procedureName);
    if (status?.dueAt) out.push(`${vi ? 'Hẹn trả kết quả' : 'Due'}: ${status.dueAt}`);
    if (status?.counter) out.push(`${vi ? 'Nhận tại quầy số' : 'Collect at counter'} ${status.counter}`);
    if (status?.note) out.push(status.note);
    const fetched = fetchedLine(lookup, lang, tz);
    if (fetched) out.push(fetched);
    if (lookup.kind === 'unavailable')
      out.push(
        vi
          ? 'Máy chưa có thông tin lưu trước về hồ sơ này. Vui lòng thử lại sau hoặc hỏi cán bộ tại quầy trả kết quả.'
          : 'No earlier status is stored for it. Please try again later or ask at the results counter.',
      );
    if (lookup.kind === 'not-found')
      out.push(vi ? 'Vui lòng kiểm tra lại số trên giấy hẹn.' : 'Please check the number on your slip.');
    return out;
  };
  return {
    name: 'dossier-status',
    speech: (lang) =>
      view.speech(lang, { dossierNumber: number, headline: headline(lang), lines: lines(lang) }),
    describe: () => ({
      dossier: number,
      kind: lookup.kind,
      state: status?.state ?? null,
      fetchedAt: lookup.kind === 'live' || lookup.kind === 'cached' ? lookup.fetchedAt : null,
      reason: lookup.kind === 'cached' || lookup.kind === 'unavailable' ? lookup.reason : null,
      message: lines('vi').join(' '),
    }),
    routesScans: true,
    render(rc) {
      const { g, theme, scale, lang } = rc;
      const vi = lang === 'vi';
      const area = header(
        rc,
        vi ? 'Tình trạng hồ sơ' : 'Dossier status',
        `${vi ? 'Số hồ sơ' : 'Dossier'}: ${number}`,
      );
      const buttonHeight = Math.round(68 * scale);
      const bottom = area.y + area.height - buttonHeight - theme.spacing * scale;
      let y = area.y;
      g.textAlign = 'left';
      g.textBaseline = 'top';
      g.font = font(theme.size.title * scale, 800);
      g.fillStyle = lookup.kind === 'live' || lookup.kind === 'cached' ? theme.text : theme.danger;
      for (const line of wrapText(g, headline(lang), area.width).slice(0, 2)) {
        g.fillText(line, area.x, y, area.width);
        y += theme.size.title * scale * 1.2;
      }
      y += theme.spacing * scale * 0.5;
      lines(lang).forEach((paragraph) => {
        const warn = paragraph.startsWith('Đang mất') || paragraph.startsWith('No connection');
        g.font = font(theme.size.small * scale, warn ? 700 : 400);
        g.fillStyle = warn ? theme.danger : theme.mutedText;
        for (const line of wrapText(g, paragraph, area.width)) {
          if (y + theme.size.small * scale * 1.25 > bottom) return;
          g.fillText(line, area.x, y, area.width);
          y += theme.size.small * scale * 1.25;
        }
      });
      const row = { ...area, y: area.y + area.height - buttonHeight, height: buttonHeight };
      const cells = columns(row, [1, 1, 1], theme.spacing * scale);
      const specs = [
        {
          id: 'home',
          label: vi ? 'Về trang chủ' : 'Home',
          button: 'ok' as const,
          activate: () => nav.home(),
        },
        {
          id: 'rate',
          label: vi ? 'Đánh giá' : 'Rate',
          button: '1' as const,
          activate: () =>
            nav.open('rating', {
              ...(number ? { dossierNumber: number } : {}),
              ...(status?.counter ? { counter: status.counter } : {}),
            }),
        },
        {
          id: 'another',
          label: vi ? 'Hồ sơ khác' : 'Another',
          button: '2' as const,
          activate: () => nav.open('dossier', undefined, { replace: true }),
        },
      ];
      const targets: Target[] = [];
      [specs[1], specs[2], specs[0]].forEach((s, i) => {
        if (!s) return;
        const t = button(rc, { ...s, rect: cells[i] ?? row });
        if (t && s.id === 'home') targets.unshift(t);
        else if (t) targets.push(t);
      });
      return targets;
    },
  };
}
