import { beforeAll, describe, expect, it } from 'vitest';
import { feeReply, timeReply } from '../../../domain/assistant/answers.js';
import { readCatalogFile } from '../../../domain/catalog/catalog-file.js';
import type { Procedure } from '../../../domain/catalog/procedure.js';
import { inPersonMethod } from '../../../domain/catalog/procedure-facts.js';
import { procedureView } from '../../../flows/procedure-view.js';

/**
 * Fee and time are worded in one place (domain/catalog/procedure-facts.ts): the procedure screen
 * said "8,000 Việt Nam Đồng" and "3 Ngày làm việc" where the assistant said "8.000 đồng" and
 * "3 ngày làm việc" for the same procedure.
 */
describe('fee and time: the screen and the assistant say the same', () => {
  let procedures: Procedure[];
  beforeAll(async () => {
    procedures = (await readCatalogFile('data/catalog-xa.json.gz')).procedures;
  });

  for (const lang of ['vi', 'en'] as const)
    it(`${lang}: every shipped procedure's summary fee and time are the assistant's words`, () => {
      const differ: string[] = [];
      let compared = 0;
      for (const p of procedures) {
        const m = inPersonMethod(p);
        // Where all methods agree the assistant names one value; compare those.
        if (!m || p.methods.some((x) => x.fee !== m.fee || x.processingTime !== m.processingTime)) continue;
        const [feeLine, timeLine] = procedureView(p, 'A').summaryLines(lang);
        const fee = feeLine?.replace(/^(?:Lệ phí|Fee): /u, '') ?? '';
        const time = timeLine?.replace(/^(?:Thời gian|Time): /u, '') ?? '';
        if (m.fee.trim()) {
          compared++;
          if (!feeReply(p, lang).includes(fee)) differ.push(`${p.code} fee: "${fee}" / ${feeReply(p, lang)}`);
        }
        if (/^\d/u.test(m.processingTime.trim()) && !timeReply(p, lang).includes(time))
          differ.push(`${p.code} time: "${time}" / ${timeReply(p, lang)}`);
        if (lang === 'en' && /đồng|ngày|miễn phí/iu.test(`${fee} ${time}`))
          differ.push(`${p.code} Vietnamese in English: ${fee} · ${time}`);
      }
      expect(compared).toBeGreaterThan(100);
      expect(differ.slice(0, 10)).toEqual([]);
    });
});
