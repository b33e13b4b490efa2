import type { DossierLookup } from '../../domain/dossier/dossier-service.js';
import type { DossierParse } from '../../domain/identity/dossier-slip.js';
import { ticketTimestamp } from '../../runtime/time.js';
import { gridCells } from '../draw.js';
import { font } from '../../runtime/fonts.js';
import type { Lang } from '../localize.js';
import type { Navigator, Screen, Target } from '../screen.js';
import { createMessageScreen } from '../templates/message.js';
import { button, header, OnScreenKeyboard, PagedText, textField } from '../widgets/index.js';

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
  const keyboard = new OnScreenKeyboard({ id: 'key', layout: 'code', maxLength: 40, onDone: submit });
  return {
    name: 'dossier',
    speech: (lang) => deps.speech(lang, problem !== undefined),
    describe: () => ({ typed: keyboard.text, keyboard: keyboard.mode, problem: problem ?? null }),
    // A CCCD or a slip goes to the scan router first; anything else is read as a typed number.
    routesScans: true,
    onUnroutedScan: (data) => submit(data),
    render(rc) {
      const { g, theme, scale, lang } = rc;
      const vi = lang === 'vi';
      const area = header(
        rc,
        vi ? 'Tra cứu hồ sơ' : 'Dossier status',
        vi ? 'Quét giấy hẹn hoặc gõ số hồ sơ' : 'Scan the slip, or type the number',
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
    return `${vi ? 'Cập nhật lúc' : 'Updated at'} ${ticketTimestamp(lookup.fetchedAt, timeZone)}.`;
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

/** A line of the status as shown, and as read aloud when that differs (dates). */
export interface StatusLine {
  shown: string;
  spoken: string;
}

export interface DossierStatusView {
  lookup: DossierLookup;
  /** The state in words (the centre's own wording when it sent one); only with a status. */
  stateText(lang: Lang): string;
  /** The due date as shown ("16:00 thứ Ba, 25/11/2026") and said; only when the centre sent one. */
  due(lang: Lang): StatusLine | undefined;
  /** IANA time zone for "updated at". */
  timeZone: string;
  /**
   * How speech in `lang` says a text the centre wrote in Vietnamese (the procedure's name, its
   * note): in English, with the Vietnamese voice.
   */
  sayVietnamese(text: string, lang: Lang): string;
  /**
   * Takes a number for the counter that handles the dossier; offered when the citizen must go
   * there (documents to supplement, a result to collect) or ask there (not found, no connection).
   */
  takeNumber?: () => void | Promise<void>;
  /** Reads the screen aloud: the number, the headline, the lines, then the choices shown. */
  speech(
    lang: Lang,
    shown: { dossierNumber: string; headline: string; lines: string[]; choices: DossierChoice[] },
  ): string;
}

/** What the status screen offers (besides OK, home). */
export type DossierChoice = 'rate' | 'another' | 'take-number';

const CHOICE_BUTTON: Record<DossierChoice, '1' | '2' | '3'> = { rate: '1', another: '2', 'take-number': '3' };

export function createDossierStatusScreen(nav: Navigator, view: DossierStatusView): Screen {
  const { lookup } = view;
  const tz = view.timeZone;
  const status = lookup.kind === 'live' || lookup.kind === 'cached' ? lookup.status : undefined;
  const number =
    status?.dossierNumber ??
    (lookup.kind === 'not-found' || lookup.kind === 'unavailable' ? lookup.dossierNumber : '');
  const text = new PagedText('status');
  let laidOutFor: Lang | undefined;
  // Rating needs a dossier the centre knows; a number is offered where the counter must be seen.
  const needsCounter =
    status?.state === 'supplement' ||
    status?.state === 'ready' ||
    lookup.kind === 'not-found' ||
    lookup.kind === 'unavailable';
  const choices: DossierChoice[] = [
    ...(status ? (['rate'] as const) : []),
    'another',
    ...(needsCounter && view.takeNumber ? (['take-number'] as const) : []),
  ];
  const headline = (lang: Lang): string => {
    const vi = lang === 'vi';
    if (status) return view.stateText(lang);
    if (lookup.kind === 'not-found') return vi ? 'Không tìm thấy hồ sơ này' : 'No dossier with this number';
    return vi
      ? 'Chưa tra cứu được: đang mất kết nối với trung tâm'
      : 'Cannot check now: no connection to the centre';
  };
  const lines = (lang: Lang): StatusLine[] => {
    const vi = lang === 'vi';
    const out: StatusLine[] = [];
    const add = (line: string): void => void out.push({ shown: line, spoken: line });
    // In English the centre's Vietnamese is labelled on screen as in speech (said by the
    // Vietnamese voice), so a citizen knows what the Vietnamese line is.
    if (status?.procedureName)
      out.push({
        shown: vi ? status.procedureName : `Procedure: ${status.procedureName}`,
        spoken: vi ? status.procedureName : `Procedure: ${view.sayVietnamese(status.procedureName, lang)}`,
      });
    const due = view.due(lang);
    if (due)
      out.push({
        shown: `${vi ? 'Hẹn trả kết quả' : 'Result due'}:\n${due.shown}`,
        spoken: `${vi ? 'Hẹn trả kết quả lúc' : 'The result is due at'} ${due.spoken}`,
      });
    if (status?.counter)
      add(
        status.state === 'supplement'
          ? `${vi ? 'Bổ sung hồ sơ tại quầy số' : 'Bring the documents to counter'} ${status.counter}`
          : `${vi ? 'Nhận tại quầy số' : 'Collect at counter'} ${status.counter}`,
      );
    if (status?.note)
      out.push({
        shown: vi ? status.note : `Note from the centre: ${status.note}`,
        spoken: vi ? status.note : `Note from the centre: ${view.sayVietnamese(status.note, lang)}`,
      });
    const fetched = fetchedLine(lookup, lang, tz);
    if (fetched) add(fetched);
    if (lookup.kind === 'unavailable')
      add(
        vi
          ? 'Máy chưa có thông tin lưu trước về hồ sơ này. Vui lòng thử lại sau hoặc hỏi cán bộ tại quầy trả kết quả.'
          : 'No earlier status is stored for it. Please try again later or ask at the results counter.',
      );
    if (lookup.kind === 'not-found')
      add(vi ? 'Vui lòng kiểm tra lại số trên giấy hẹn.' : 'Please check the number on your slip.');
    return out;
  };
  const layout = (lang: Lang): void => {
    if (laidOutFor === lang) return;
    laidOutFor = lang;
    // The headline first, then one line each (a date on its own line, never split in two).
    text.setContent([
      {
        heading: headline(lang),
        text: lines(lang)
          .map((l) => l.shown)
          .join('\n'),
      },
    ]);
  };
  return {
    name: 'dossier-status',
    speech: (lang) =>
      view.speech(lang, {
        dossierNumber: number,
        headline: headline(lang),
        lines: lines(lang).map((l) => l.spoken),
        choices,
      }),
    describe: () => ({
      dossier: number,
      kind: lookup.kind,
      state: status?.state ?? null,
      fetchedAt: lookup.kind === 'live' || lookup.kind === 'cached' ? lookup.fetchedAt : null,
      reason: lookup.kind === 'cached' || lookup.kind === 'unavailable' ? lookup.reason : null,
      due: view.due('vi')?.shown ?? null,
      message: lines('vi')
        .map((l) => l.shown.replace('\n', ' '))
        .join(' '),
      page: text.page + 1,
      pages: text.pages,
      lines: text.lines,
    }),
    routesScans: true,
    onButton: (event) => text.onButton(event),
    render(rc) {
      const { theme, scale, lang } = rc;
      const vi = lang === 'vi';
      layout(lang);
      const area = header(
        rc,
        vi ? 'Tình trạng hồ sơ' : 'Dossier status',
        `${vi ? 'Số hồ sơ' : 'Dossier'}: ${number}`,
      );
      const gap = theme.spacing * scale;
      const specs: Record<DossierChoice | 'home', { label: string; activate: () => void | Promise<void> }> = {
        home: { label: vi ? 'Về trang chủ' : 'Home', activate: () => nav.home() },
        rate: {
          label: vi ? 'Đánh giá' : 'Rate the service',
          activate: () =>
            nav.open('rating', {
              ...(number ? { dossierNumber: number } : {}),
              ...(status?.counter ? { counter: status.counter } : {}),
            }),
        },
        another: {
          label: vi ? 'Hồ sơ khác' : 'Another dossier',
          activate: () => nav.open('dossier', undefined, { replace: true }),
        },
        'take-number': {
          label: vi ? 'Lấy số thứ tự' : 'Take a number',
          activate: () => view.takeNumber?.(),
        },
      };
      // Two buttons a row, so every label stays on one line in the large theme.
      const shown: (DossierChoice | 'home')[] = [...choices, 'home'];
      const rowHeight = Math.round(60 * scale);
      const rows = Math.ceil(shown.length / 2);
      const buttonsHeight = rows * rowHeight + (rows - 1) * gap * 0.75;
      const body = { ...area, height: area.height - buttonsHeight - gap };
      const targets: Target[] = [];
      const cells = gridCells(
        { ...area, y: area.y + area.height - buttonsHeight, height: buttonsHeight },
        shown.length,
        2,
        gap * 0.75,
      );
      shown.forEach((id, i) => {
        const spec = specs[id];
        const t = button(rc, {
          id,
          label: spec.label,
          button: id === 'home' ? 'ok' : CHOICE_BUTTON[id],
          rect: cells[i] ?? area,
          activate: spec.activate,
        });
        if (t && id === 'home') targets.unshift(t);
        else if (t) targets.push(t);
      });
      return [...targets, ...text.render(rc, body)];
    },
  };
}
