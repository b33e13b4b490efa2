import type { Procedure } from '../domain/catalog/procedure.js';
import {
  canSubmitOnline,
  documentLine,
  feeText,
  inPersonMethod,
  methodName,
  orderedDocuments,
  timeText,
} from '../domain/catalog/procedure-facts.js';
import { documentKind, legalDocumentLine } from '../domain/catalog/legal-basis.js';
import { tr, type Localized } from '../ui-framebuffer/localize.js';
import type { ProcedureView } from '../ui-framebuffer/screens/procedure.js';
import { documentSpeech, procedureSummary } from './speech/search.js';

/**
 * A catalog procedure as the detail screen shows and reads it; `groupId` takes its numbers and
 * `groupName` names its counters ("where" when the catalog gives no place).
 */
export function procedureView(procedure: Procedure, groupId: string, groupName?: Localized): ProcedureView {
  const docs = orderedDocuments(procedure);
  const m = inPersonMethod(procedure);
  return {
    procedure,
    groupId,
    documents: (lang) => ({
      always: docs.always.map((d) => documentLine(d, lang)),
      conditional: docs.conditional.map((d) => documentLine(d, lang)),
    }),
    summaryLines: (lang) => {
      const vi = lang === 'vi';
      const where = procedure.where.trim().replace(/[.;]+$/, '');
      const counter = groupName ? tr(groupName, lang) : '';
      const required = docs.always.length;
      const more = docs.conditional.length;
      return [
        `${vi ? 'Lệ phí' : 'Fee'}: ${feeText(m, lang)}`,
        `${vi ? 'Thời gian' : 'Time'}: ${timeText(m, lang)}`,
        vi
          ? `Giấy tờ: ${required} loại${more ? ` (+${more} tùy trường hợp)` : ''}`
          : `Documents: ${required}${more ? ` (+${more} depending on your case)` : ''}`,
        ...(where
          ? [`${vi ? 'Nộp tại' : 'Submit at'}: ${where}`]
          : counter
            ? [vi ? `Nộp tại: quầy ${counter}` : `Submit at: the ${counter} counter`]
            : []),
        vi
          ? `Nộp trực tuyến: ${canSubmitOnline(procedure) ? 'có' : 'không'}`
          : `Online: ${canSubmitOnline(procedure) ? 'yes' : 'no'}`,
      ];
    },
    feeLines: (lang) =>
      procedure.methods.length
        ? procedure.methods.map((x) => `${methodName(x, lang)}: ${feeText(x, lang)} · ${timeText(x, lang)}`)
        : [`${feeText(m, lang)} · ${timeText(m, lang)}`],
    legalBasis: (lang) =>
      procedure.legalBasis.map((d) => {
        const line = d.number
          ? legalDocumentLine(d, lang)
          : lang === 'vi'
            ? 'Không rõ số hiệu'
            : 'Number not given';
        // A title that is only the type ("Luật") goes in front of the number: "Luật, số 60/2014/QH13".
        if (d.title === documentKind(d.number))
          return { line: `${d.title}, ${line.replace(/^Số/u, 'số')}`, title: '' };
        return { line, title: d.title };
      }),
    summary: (lang) => procedureSummary(procedure, lang),
    documentSpeech: (lang, index) => documentSpeech(procedure, lang, index),
  };
}
