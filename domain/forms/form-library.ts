import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { lazyRequire } from '../../runtime/lazy-require.js';
import { DEFAULT_CATALOG_PATH } from '../catalog/catalog-service.js';
import { checkTemplate, type FormTemplate } from './form-template.js';

const yaml = lazyRequire<typeof import('yaml')>('yaml');

/** The form templates shipped with the kiosk: data/forms/*.yaml, next to the shipped catalog. */
export const DEFAULT_FORMS_DIR = join(dirname(DEFAULT_CATALOG_PATH), 'forms');

/** A form template file that cannot be read or does not follow the schema. */
export class FormTemplateError extends Error {
  override readonly name = 'FormTemplateError';
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(
      `${file}: ${problems.slice(0, 8).join('; ')}${problems.length > 8 ? ` (+${problems.length - 8} more)` : ''}`,
    );
  }
}

/** Parses one template (YAML or JSON text); throws FormTemplateError listing every problem. */
export function parseFormTemplate(text: string, file = 'form'): FormTemplate {
  let raw: unknown;
  try {
    raw = yaml().parse(text, { maxAliasCount: 0 });
  } catch (err) {
    throw new FormTemplateError(file, [
      `not valid YAML/JSON (${err instanceof Error ? err.message : String(err)})`,
    ]);
  }
  const { template, problems } = checkTemplate(raw);
  if (!template) throw new FormTemplateError(file, problems);
  return template;
}

/** Reads every *.yaml / *.yml / *.json template of a folder, sorted by file name. */
export function readFormDir(dir: string = DEFAULT_FORMS_DIR): FormTemplate[] {
  const names = readdirSync(dir)
    .filter((n) => /\.(ya?ml|json)$/.test(n))
    .sort();
  return names.map((n) => parseFormTemplate(readFileSync(join(dir, n), 'utf8'), join(dir, n)));
}

/**
 * The forms the kiosk offers: the shipped ones, replaced by a newer version of the same id from
 * the fleet's signed catalog (a catalog file may carry `forms`).
 */
export class FormLibrary {
  private readonly byId = new Map<string, FormTemplate>();

  constructor(shipped: readonly FormTemplate[], fromCatalog: readonly FormTemplate[] = []) {
    for (const t of shipped) this.byId.set(t.id, t);
    for (const t of fromCatalog) {
      const current = this.byId.get(t.id);
      if (!current || t.version > current.version) this.byId.set(t.id, t);
    }
  }

  /** Every form in the list's order (`listOrder`, then id). */
  list(): FormTemplate[] {
    const place = (t: FormTemplate): number => t.listOrder ?? Number.MAX_SAFE_INTEGER;
    return [...this.byId.values()].sort((a, b) => place(a) - place(b) || a.id.localeCompare(b.id));
  }

  get(id: string): FormTemplate | undefined {
    return this.byId.get(id);
  }

  /** The form serving a procedure code, if any. */
  forProcedure(code: string): FormTemplate | undefined {
    return this.list().find((t) => t.procedures.includes(code));
  }
}
