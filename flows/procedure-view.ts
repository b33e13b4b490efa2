import type { Procedure } from '../domain/catalog/procedure.js';
import {
  documentLine,
  feeText,
  inPersonMethod,
  orderedDocuments,
  timeText,
} from '../domain/catalog/procedure-facts.js';
import type { ProcedureView } from '../ui-framebuffer/screens/procedure.js';
import { documentsSpeech, procedureSummary } from './speech/search.js';

/** A catalog procedure as the detail screen shows and reads it; `groupId` takes its numbers. */
export function procedureView(procedure: Procedure, groupId: string): ProcedureView {
  return {
    procedure,
    groupId,
    documentLines: (lang) => {
      const docs = orderedDocuments(procedure);
      return [...docs.always, ...docs.conditional].map((d) => documentLine(d, lang));
    },
    feeLines: (lang) =>
      procedure.methods.length
        ? procedure.methods.map((x) => `${x.method}: ${feeText(x, lang)} · ${timeText(x, lang)}`)
        : [`${feeText(inPersonMethod(procedure), lang)} · ${timeText(inPersonMethod(procedure), lang)}`],
    summary: (lang) => procedureSummary(procedure, lang),
    documentsSpeech: (lang) => documentsSpeech(procedure, lang),
  };
}
