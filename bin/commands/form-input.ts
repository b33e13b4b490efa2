import { readFile } from 'node:fs/promises';
import type { KioskConfig } from '../../runtime/config/schema.js';
import { renderFormPdf } from '../../domain/forms/form-pdf.js';
import { formFields, type FormTemplate } from '../../domain/forms/form-template.js';
import { sampleValues, validateForm, type FormCheck } from '../../domain/forms/form-validation.js';
import type { FormLibrary } from '../../domain/forms/form-library.js';

/** What `kiosk form render|print` were given: the form and `--data FILE.json` or `--sample`. */
export interface DocumentArgs {
  form: string;
  data?: string;
  sample?: boolean;
}

export type PreparedDocument =
  | { ok: true; template: FormTemplate; check: FormCheck; pdf: Buffer }
  | { ok: false; code: number; message: string };

/**
 * Loads and checks the values exactly as the form screen does; the PDF only when every field is
 * good. A refusal lists every field error ("fieldId (label): message").
 */
export async function prepareDocument(
  library: FormLibrary,
  args: DocumentArgs,
  config: KioskConfig,
  now = Date.now(),
): Promise<PreparedDocument> {
  const template = library.get(args.form);
  if (!template)
    return {
      ok: false,
      code: 2,
      message: `--form: no form "${args.form}" (kiosk form list shows them: ${library
        .list()
        .map((t) => t.id)
        .join(', ')})`,
    };
  if (Boolean(args.data) === Boolean(args.sample))
    return { ok: false, code: 2, message: 'give --data FILE.json or --sample (one of them)' };
  let input: Record<string, unknown> = sampleValues(template);
  if (args.data) {
    let raw: unknown;
    try {
      raw = JSON.parse(await readFile(args.data, 'utf8'));
    } catch (err) {
      return {
        ok: false,
        code: 1,
        message: `--data: ${args.data}: ${err instanceof Error ? err.message : String(err)}`,
      };
    }
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
      return { ok: false, code: 1, message: `--data: ${args.data} must hold a JSON object {fieldId: value}` };
    input = raw as Record<string, unknown>;
    const known = new Set(formFields(template).map((f) => f.id));
    const unknown = Object.keys(input).filter((k) => !known.has(k));
    if (unknown.length)
      return {
        ok: false,
        code: 1,
        message: `--data: fields not on form ${template.id}: ${unknown.slice(0, 10).join(', ')}`,
      };
  }
  const check = validateForm(template, input, now, config.device.timeZone);
  const errors = Object.entries(check.errors);
  if (errors.length) {
    const label = (id: string) => formFields(template).find((f) => f.id === id)?.label ?? id;
    return {
      ok: false,
      code: 1,
      message: `${errors.length} field(s) to fix on ${template.id}:\n${errors
        .map(([id, m]) => `  ${id} (${label(id)}): ${m}`)
        .join('\n')}`,
    };
  }
  const pdf = await renderFormPdf(template, check, {
    agency: config.device.agency,
    now,
    timeZone: config.device.timeZone,
  });
  return { ok: true, template, check, pdf };
}
