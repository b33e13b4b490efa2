import { z } from 'zod';

/**
 * An e-form (tờ khai) as data: shipped in data/forms/*.yaml and updatable with the signed catalog
 * rollout (a catalog file may carry `forms`). Field values are strings as the citizen typed them:
 * dates "dd/mm/yyyy", choices the option's text, numbers digits.
 */
export const FIELD_TYPES = [
  'text',
  'name',
  'date',
  'id-number',
  'phone',
  'choice',
  'address',
  'number',
] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

/** What a field is filled with from the scanned CCCD of the requester. */
export const PREFILL_KEYS = ['fullName', 'dateOfBirth', 'gender', 'address', 'idNumber'] as const;
export type PrefillKey = (typeof PREFILL_KEYS)[number];

const id = z.string().regex(/^[a-z][a-zA-Z0-9]{0,39}$/, 'must be a camelCase id of letters and digits');

const condition = z.strictObject({
  /** The choice field this one depends on. */
  field: id,
  /** Shown only when that field's value is one of these. */
  in: z.array(z.string().min(1)).min(1),
});

/**
 * What an English-speaking citizen reads on screen and hears (the printed A4 form stays the
 * official Vietnamese): the label, the hint, and each option in the order of `options` (the value
 * stored and printed stays the Vietnamese option). Without it the Vietnamese is shown.
 */
const fieldEnglish = z.strictObject({
  label: z.string().min(1).max(120),
  hint: z.string().max(160).optional(),
  options: z.array(z.string().min(1).max(60)).optional(),
});

const field = z.strictObject({
  id,
  label: z.string().min(1).max(120),
  en: fieldEnglish.optional(),
  type: z.enum(FIELD_TYPES),
  required: z.boolean().default(false),
  /** Choices (type choice only). */
  options: z.array(z.string().min(1).max(60)).min(2).max(9).optional(),
  /** Longest value accepted, in characters (defaults by type). */
  maxLength: z.number().int().min(1).max(500).optional(),
  /** Smallest and largest value (type number). */
  min: z.number().int().optional(),
  max: z.number().int().optional(),
  /** Shown (and validated) only when another field has one of the given values. */
  showIf: condition.optional(),
  /** Filled from the requester's scanned card. */
  prefill: z.enum(PREFILL_KEYS).optional(),
  /** id-number: the birth date and gender fields of the same person, checked against digits 4-6. */
  birthDateField: id.optional(),
  genderField: id.optional(),
  /** id-number: the holder's gender when the form fixes it (the mother, the bride). */
  holderGender: z.enum(['Nam', 'Nữ']).optional(),
  /** date: must not be before these date fields (a child's birth after the parents'). */
  notBefore: z.array(id).optional(),
  /** A short hint shown and spoken with the label. */
  hint: z.string().max(160).optional(),
  /** A realistic made-up value for `--sample` and previews (never a real person's data). */
  sample: z.string().max(500).optional(),
});

const section = z.strictObject({
  title: z.string().min(1).max(120),
  /** The title in English (screens only). */
  en: z.strictObject({ title: z.string().min(1).max(120) }).optional(),
  /** Prefill this section from the card only when the card holder has this gender (bên nữ / bên nam). */
  prefillGender: z.enum(['Nam', 'Nữ']).optional(),
  fields: z.array(field).min(1),
});

export const formTemplateSchema = z.strictObject({
  format: z.literal('smart-kiosk-form'),
  /** Stable id, e.g. "khai-sinh". */
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{1,39}$/, 'must be lower-case letters, digits and dashes'),
  /** Increases with every change; the handoff QR carries it. */
  version: z.number().int().min(1),
  /** Printed title, e.g. "TỜ KHAI ĐĂNG KÝ KHAI SINH". */
  title: z.string().min(1).max(120),
  /** Short name for menus ("Tờ khai đăng ký khai sinh"). */
  shortTitle: z.string().min(1).max(60),
  /**
   * Place on the kiosk's form list, lower first (the commonest at a commune centre: birth and
   * death registration); templates without one come after, by id. Not part of the form itself:
   * changing it needs no new version.
   */
  listOrder: z.number().int().min(0).optional(),
  /** The short name in English (screens only; the printed title stays Vietnamese). */
  en: z.strictObject({ shortTitle: z.string().min(1).max(60) }).optional(),
  /** Portal codes of the procedures this form serves. */
  procedures: z.array(z.string().regex(/^\d\.\d{6}$/, 'must be a portal code like "1.001193"')).min(1),
  /** The official model it follows, e.g. "Mẫu ban hành kèm theo Thông tư 04/2020/TT-BTP". */
  model: z.string().max(200),
  /** "Kính gửi: ..." line. */
  addressee: z.string().max(200),
  sections: z.array(section).min(1),
  /** Commitment printed above the signature ("Tôi cam đoan ..."). */
  declaration: z.string().max(600),
  /** Signature block caption and note. */
  signature: z.strictObject({
    title: z.string().min(1).max(60),
    note: z.string().max(120),
    /**
     * Who signs, side by side under the date (kết hôn: bên nữ and bên nam), each with the name
     * field printed under the signature; without it, one signer: the card holder's name.
     */
    signers: z
      .array(z.strictObject({ title: z.string().min(1).max(40), field: z.string() }))
      .min(2)
      .max(3)
      .optional(),
  }),
  /** Where the template departs from, or is unsure of, the official form. */
  notes: z.string().max(2000).optional(),
});

export type FormTemplate = z.infer<typeof formTemplateSchema>;
export type FormTemplateInput = z.input<typeof formTemplateSchema>;
export type FormSection = FormTemplate['sections'][number];
export type FormField = FormSection['fields'][number];

/** The values of a form being filled: field id → text. */
export type FormValues = Record<string, string>;

/** All fields of a template in order. */
export function formFields(template: FormTemplate): FormField[] {
  return template.sections.flatMap((s) => s.fields);
}

/** Validates one template; returns every problem as "path: message" (empty when it is good). */
export function checkTemplate(raw: unknown): { template?: FormTemplate; problems: string[] } {
  const parsed = formTemplateSchema.safeParse(raw);
  if (!parsed.success)
    return { problems: parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`) };
  const template = parsed.data;
  const problems: string[] = [];
  const fields = formFields(template);
  const byId = new Map<string, FormField>();
  for (const f of fields) {
    if (byId.has(f.id)) problems.push(`fields: duplicate id "${f.id}"`);
    byId.set(f.id, f);
  }
  const ref = (from: FormField, to: string | undefined, type: FieldType | FieldType[], what: string) => {
    if (to === undefined) return;
    const target = byId.get(to);
    const types = Array.isArray(type) ? type : [type];
    if (!target || !types.includes(target.type))
      problems.push(`${from.id}.${what}: "${to}" is not a ${types.join(' or ')} field of this form`);
  };
  for (const f of fields) {
    if (f.type === 'choice' && !f.options) problems.push(`${f.id}: a choice field needs options`);
    if (f.type !== 'choice' && f.options) problems.push(`${f.id}: only choice fields have options`);
    const en = f.en?.options;
    if (en && (en.length !== (f.options?.length ?? 0) || new Set(en).size !== en.length))
      problems.push(
        `${f.id}.en.options: one distinct English option for each of its ${f.options?.length ?? 0} options`,
      );
    if (f.en?.hint && !f.hint) problems.push(`${f.id}.en.hint: the field has no hint to translate`);
    if (f.showIf) {
      ref(f, f.showIf.field, 'choice', 'showIf.field');
      const options = byId.get(f.showIf.field)?.options ?? [];
      for (const v of f.showIf.in)
        if (options.length && !options.includes(v))
          problems.push(`${f.id}.showIf.in: "${v}" is not an option of ${f.showIf.field}`);
    }
    ref(f, f.birthDateField, 'date', 'birthDateField');
    ref(f, f.genderField, 'choice', 'genderField');
    for (const other of f.notBefore ?? []) ref(f, other, 'date', 'notBefore');
    if ((f.birthDateField || f.genderField || f.holderGender) && f.type !== 'id-number')
      problems.push(`${f.id}: birthDateField/genderField belong on id-number fields`);
    if (f.notBefore && f.type !== 'date') problems.push(`${f.id}: notBefore belongs on date fields`);
    if (f.sample !== undefined && f.type === 'choice' && !f.options?.includes(f.sample))
      problems.push(`${f.id}.sample: "${f.sample}" is not one of its options`);
  }
  for (const signer of template.signature.signers ?? [])
    if (byId.get(signer.field)?.type !== 'name')
      problems.push(`signature.signers: "${signer.field}" is not a name field of this form`);
  return problems.length ? { problems } : { template, problems };
}
