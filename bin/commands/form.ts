import type { Command } from 'commander';
import { readCatalogFile } from '../../domain/catalog/catalog-file.js';
import { FormLibrary, readFormDir } from '../../domain/forms/form-library.js';
import { formFields, type FormTemplate } from '../../domain/forms/form-template.js';

/** The shipped forms, with those of `--catalog` (fleet-delivered) when given. */
export async function loadFormLibrary(catalog?: string): Promise<FormLibrary> {
  const shipped = readFormDir();
  const fromCatalog = catalog ? ((await readCatalogFile(catalog)).forms ?? []) : [];
  return new FormLibrary(shipped, fromCatalog);
}

/** A form as `kiosk form list --json` describes it. */
export function describeForm(t: FormTemplate): Record<string, unknown> {
  return {
    id: t.id,
    version: t.version,
    title: t.title,
    procedures: t.procedures,
    fields: formFields(t).map((f) => ({
      id: f.id,
      label: f.label,
      type: f.type,
      required: f.required,
      ...(f.options ? { options: f.options } : {}),
      ...(f.showIf ? { showIf: f.showIf } : {}),
    })),
  };
}

/** `kiosk form list|render|print|decode`: the e-forms (tờ khai) the kiosk fills, prints and hands over. */
export function registerFormCommands(program: Command): void {
  const form = program
    .command('form')
    .description('e-forms (tờ khai): list, render to PDF, print, decode a handoff QR');

  form
    .command('list')
    .description('the forms this kiosk offers, with their procedures and fields')
    .option('--json', 'print a JSON array of {id, title, procedures, fields}')
    .option('--catalog <file>', 'also the forms a fleet catalog file carries')
    .action(async (opts: { json?: boolean; catalog?: string }) => {
      const library = await loadFormLibrary(opts.catalog).catch((err: unknown) => {
        process.stderr.write(`kiosk form list: ${err instanceof Error ? err.message : String(err)}\n`);
        process.exit(1);
      });
      const forms = library.list();
      if (opts.json) {
        process.stdout.write(`${JSON.stringify(forms.map(describeForm), null, 2)}\n`);
        return;
      }
      const lines = forms.map(
        (t) =>
          `${t.id.padEnd(20)} v${t.version}  ${t.title}\n${' '.repeat(24)}procedures ${t.procedures.join(', ')}; ${formFields(t).length} fields`,
      );
      process.stdout.write(`${lines.join('\n')}\n`);
    });
}
