import { createAssistant, type Assistant } from '../domain/assistant/create-assistant.js';
import type { CatalogService } from '../domain/catalog/catalog-service.js';
import type { Procedure } from '../domain/catalog/procedure.js';
import {
  documentLine,
  feePhrase,
  inPersonMethod,
  orderedDocuments,
  timePhrase,
} from '../domain/catalog/procedure-facts.js';
import { EscPos, toMonoImage } from '../drivers/printer/escpos.js';
import { ticketTimestamp } from '../runtime/time.js';
import { renderChecklistImage, type ChecklistContent } from '../ui-framebuffer/receipts/checklist-receipt.js';
import type { AssistantPort } from '../ui-framebuffer/screens/assistant.js';
import type { Navigator } from '../ui-framebuffer/screen.js';
import { promptText } from '../voice/prompts/index.js';
import type { Lang } from '../ui-framebuffer/localize.js';
import type { FlowDeps } from './flow-deps.js';
import { groupForField, takeNumber } from './take-number.js';

/** Questions offered as buttons before the first one: the commonest reasons to come. */
const EXAMPLES = [
  { label: { vi: 'Nhà mới sinh cháu', en: 'A new baby' }, question: 'Nhà mới sinh cháu, làm giấy tờ gì?' },
  {
    label: { vi: 'Người nhà mới mất', en: 'A death in the family' },
    question: 'Người nhà mới mất thì làm thủ tục gì?',
  },
  { label: { vi: 'Đăng ký kết hôn', en: 'Getting married' }, question: 'Đăng ký kết hôn cần giấy tờ gì?' },
  {
    label: { vi: 'Đăng ký tạm trú', en: 'Temporary residence' },
    question: 'Đăng ký tạm trú cần giấy tờ gì?',
  },
];

/**
 * Conversations the docs gallery shows on the assistant screen (and its frame test reads): the
 * questions asked in turn, in the catalog's language, then the frame as it stands.
 */
export const ASSISTANT_SAMPLES: readonly { name: string; questions: readonly string[] }[] = [
  // A follow-up about the fee of the procedure in focus: the answer and what to do with it.
  { name: 'fee', questions: ['Đăng ký tạm trú cần giấy tờ gì?', 'Lệ phí bao nhiêu?'] },
  // A long answer: the documents, read a page at a time.
  { name: 'documents', questions: ['Đăng ký kết hôn cần giấy tờ gì?'] },
  // Several procedures fit: numbered choices.
  { name: 'clarify', questions: ['Xin giấy phép xây dựng'] },
  // Not a commune centre's business: said kindly.
  { name: 'apology', questions: ['Tôi muốn mua vé máy bay'] },
];

/** One assistant per loaded catalog (its index is the catalog search's own). */
const built = new WeakMap<CatalogService, Assistant>();

function assistantOf(catalog: CatalogService): Assistant {
  let a = built.get(catalog);
  if (!a) {
    a = createAssistant(catalog.catalog.procedures, catalog.search);
    built.set(catalog, a);
  }
  return a;
}

const clip = (text: string, max: number): string => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/** The printed checklist's content for `p`, from its catalog fields only, in `lang`. */
export function checklistContent(
  p: Procedure,
  centre: string,
  at: number,
  timeZone: string,
  lang: Lang,
): ChecklistContent {
  const { always, conditional } = orderedDocuments(p);
  const m = inPersonMethod(p);
  const vi = lang === 'vi';
  const ask = vi ? 'chưa có thông tin, xin hỏi tại quầy' : 'not stated, please ask at the counter';
  const where = (p.where || p.agency).trim();
  return {
    centre,
    procedureName: p.name,
    code: p.code,
    always: always.map((d) => clip(documentLine(d, lang), 240)),
    conditional: conditional.map((d) => clip(documentLine(d, lang), 240)),
    fee: (m && feePhrase(m, lang)) || ask,
    time: (m && timePhrase(m, lang)) || ask,
    where: clip(
      where || (vi ? 'Trung tâm phục vụ hành chính công của xã' : "the commune's public service centre"),
      200,
    ),
    url: p.url,
    printedAt: ticketTimestamp(at, timeZone),
    lang,
  };
}

/** The ESC/POS job of a checklist: the rendered list as raster, feed, cut. */
export function checklistJob(content: ChecklistContent, widthDots: number): Uint8Array {
  const image = renderChecklistImage(content, widthDots);
  return new EscPos()
    .init()
    .raster(toMonoImage(image.rgba, image.width, image.height))
    .feed(3)
    .cut()
    .bytes();
}

/**
 * The assistant screen's flow: one dialogue per visit of the screen (dropped when the citizen
 * leaves it or the session ends), the checklist print and the ticket for the procedure in focus.
 */
export function assistantPort(nav: Navigator, deps: FlowDeps): AssistantPort | undefined {
  const catalog = deps.catalog();
  if (!catalog) return undefined;
  const dialogue = assistantOf(catalog).dialogue();
  const focused = (): Procedure | undefined => dialogue.focused;
  return {
    examples: EXAMPLES,
    intro: (lang) => promptText('assistant.intro', lang),
    ask: (text) => dialogue.ask(text, nav.lang),
    choose: (index) => dialogue.choose(index, nav.lang),
    reset: () => dialogue.reset(),
    openDetail: () => {
      const p = focused();
      if (p) nav.open('procedure', { code: p.code });
    },
    canFillForm: () => {
      const p = focused();
      return p !== undefined && deps.forms?.library.forProcedure(p.code) !== undefined;
    },
    fillForm: () => {
      const p = focused();
      const template = p && deps.forms?.library.forProcedure(p.code);
      if (p && template) nav.open('form', { form: template.id, procedure: p.code });
    },
    takeNumber: () => {
      const p = focused();
      return takeNumber(
        nav,
        deps,
        p ? groupForField(deps.queue, p.field) : (deps.queue.groups()[0]?.id ?? ''),
      );
    },
    printChecklist: async () => {
      const p = focused();
      const vi = nav.lang === 'vi';
      if (!p)
        return { ok: false, message: vi ? 'Hãy hỏi về một thủ tục trước.' : 'Ask about a procedure first.' };
      if (!deps.printing) {
        return {
          ok: false,
          message: vi
            ? 'Máy này không có máy in. Xin hỏi cán bộ tại quầy.'
            : 'This kiosk has no printer. Please ask at the counter.',
        };
      }
      const content = checklistContent(
        p,
        deps.config.device.centre,
        deps.clock.now(),
        deps.config.device.timeZone,
        nav.lang,
      );
      const outcome = await deps.printing.print(checklistJob(content, deps.printing.widthDots), 'checklist');
      return outcome.ok
        ? {
            ok: true,
            message: vi
              ? 'Đã in danh sách giấy tờ. Mời bạn lấy phiếu.'
              : 'The document list is printed. Please take it.',
          }
        : {
            ok: false,
            message: vi
              ? 'Chưa in được danh sách. Xin hỏi cán bộ tại quầy.'
              : 'The list could not be printed. Please ask at the counter.',
          };
    },
  };
}

/** Question words citizens say around a procedure's name (with diacritics, as the model spells them). */
const QUESTION_WORDS =
  'phí lệ bao nhiêu tiền mất mấy ngày lâu thời gian ở đâu nộp giấy tờ gì cần những hồ sơ cái thứ nhất hai ba bốn năm số đầu cuối còn thì sao làm thế nào như có được không tôi em nhà mới sinh cháu con mất qua đời vợ chồng đăng ký xin cấp lại trực tuyến điều kiện kết quả căn cứ';

const vocabularies = new WeakMap<CatalogService, readonly string[]>();

/**
 * The words push-to-talk may hear as a question on the assistant screen: every syllable of the
 * catalog's procedure names plus the question words (a Vosk grammar is a word list).
 */
export function dictationWords(catalog: CatalogService | undefined): readonly string[] {
  if (!catalog) return QUESTION_WORDS.split(' ');
  let words = vocabularies.get(catalog);
  if (!words) {
    const set = new Set(QUESTION_WORDS.split(' '));
    for (const p of catalog.catalog.procedures) {
      for (const w of p.name
        .normalize('NFC')
        .toLocaleLowerCase('vi')
        .split(/[^\p{L}]+/u))
        if (w) set.add(w);
    }
    words = [...set];
    vocabularies.set(catalog, words);
  }
  return words;
}
