import type { Command } from 'commander';
import { writeFile } from 'node:fs/promises';
import { loadConfigOrExit } from '../boot.js';
import { prepareDocument } from './form-input.js';
import { IppPrinter } from '../../drivers/document-printer/ipp-printer.js';
import { DriverError } from '../../runtime/errors.js';
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

  form
    .command('render')
    .description('the form as an A4 PDF (validated like the screen: exit 1 listing every field error)')
    .requiredOption('--form <id>', 'form id (kiosk form list)')
    .option('--data <file>', 'JSON {fieldId: value}')
    .option('--sample', "the template's made-up sample values")
    .requiredOption('--out <file>', 'PDF to write')
    .option('--config <file>', 'kiosk config (device.agency, device.timeZone)')
    .option('--catalog <file>', 'also the forms a fleet catalog file carries')
    .action(
      async (opts: {
        form: string;
        data?: string;
        sample?: boolean;
        out: string;
        config?: string;
        catalog?: string;
      }) => {
        const config = await loadConfigOrExit(opts.config, {});
        const prepared = await prepareDocument(await loadFormLibrary(opts.catalog), opts, config);
        if (!prepared.ok) {
          process.stderr.write(`kiosk form render: ${prepared.message}\n`);
          process.exitCode = prepared.code;
          return;
        }
        await writeFile(opts.out, prepared.pdf);
        process.stdout.write(`${opts.out}: ${prepared.template.title}, ${prepared.pdf.length} bytes\n`);
      },
    );

  form
    .command('print')
    .description('send the form as an IPP job to an A4 printer (technicians: test the printer)')
    .requiredOption('--form <id>', 'form id (kiosk form list)')
    .option('--data <file>', 'JSON {fieldId: value}')
    .option('--sample', "the template's made-up sample values")
    .option('--printer <uri>', 'ipp://HOST:PORT/PATH (default: documentPrinter.uri of the config)')
    .option('--config <file>', 'kiosk config (documentPrinter, device.agency)')
    .option('--catalog <file>', 'also the forms a fleet catalog file carries')
    .action(
      async (opts: {
        form: string;
        data?: string;
        sample?: boolean;
        printer?: string;
        config?: string;
        catalog?: string;
      }) => {
        const config = await loadConfigOrExit(opts.config, {});
        const prepared = await prepareDocument(await loadFormLibrary(opts.catalog), opts, config);
        if (!prepared.ok) {
          process.stderr.write(`kiosk form print: ${prepared.message}\n`);
          process.exitCode = prepared.code;
          return;
        }
        const uri = opts.printer ?? config.documentPrinter.uri;
        try {
          const printer = new IppPrinter(uri, { timeoutMs: config.documentPrinter.timeoutMs });
          const { jobId } = await printer.print(prepared.pdf, { name: prepared.template.shortTitle });
          process.stdout.write(
            `${uri}: job ${jobId} accepted (${prepared.template.title}, ${prepared.pdf.length} bytes)\n`,
          );
        } catch (err) {
          if (!(err instanceof DriverError) && !(err instanceof TypeError)) throw err;
          const hint = err instanceof DriverError && err.hint ? `\n  fix: ${err.hint}` : '';
          process.stderr.write(
            `kiosk form print: ${err.message}${err instanceof DriverError ? ` [${err.code}]` : ''}${hint}\n`,
          );
          process.exitCode = 1;
        }
      },
    );
}
