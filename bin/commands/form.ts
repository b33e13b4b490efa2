import type { Command } from 'commander';
import { readFile, writeFile } from 'node:fs/promises';
import { decodeHandoff, encodeHandoff } from '../../domain/forms/handoff.js';
import { parsePrivateKey, parsePublicKeys } from '../../domain/fleet/signing.js';
import { loadConfigOrExit } from '../boot.js';
import { prepareDocument } from './form-input.js';
import { IppPrinter } from '../../drivers/document-printer/ipp-printer.js';
import { DriverError } from '../../runtime/errors.js';
import { systemClock } from '../../runtime/clock.js';
import { busyRetryDelays, sendDocumentJob } from '../../domain/printing/document-job.js';
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
    .option('--handoff <private.pem>', 'also print the counter-handoff QR text, signed with this kiosk key')
    .action(
      async (opts: {
        form: string;
        data?: string;
        sample?: boolean;
        handoff?: string;
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
        if (opts.handoff) {
          const key = parsePrivateKey(await readFile(opts.handoff, 'utf8'), '--handoff');
          const qr = encodeHandoff(
            {
              deviceId: config.device.id,
              formId: prepared.template.id,
              formVersion: prepared.template.version,
              procedure: prepared.template.procedures[0] ?? '',
              ticket: '',
              issuedAt: Math.floor(Date.now() / 1000),
              values: prepared.check.values,
            },
            key,
          );
          process.stdout.write(`${qr}\n`);
        }
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
          // A printer busy with another job is tried again as the kiosk does, saying so.
          const { jobId } = await sendDocumentJob(
            printer,
            prepared.pdf,
            { name: prepared.template.shortTitle },
            {
              clock: systemClock,
              delaysMs: busyRetryDelays(config.documentPrinter.busyRetrySeconds * 1000),
              onBusy: ({ waitMs, cause }) =>
                process.stderr.write(`kiosk form print: ${cause.message}; trying again in ${waitMs} ms\n`),
            },
          );
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

  form
    .command('decode')
    .description('verify a counter-handoff QR and print the form it carries (exit 1 with the reason)')
    .argument('<qr>', 'the scanned text (KF1....)')
    .requiredOption('--key <public.pem>', "the kiosks' public keys (PEM, one or more)")
    .option('--json', 'print {form, procedure, ticket, deviceId, issuedAt, values}')
    .option('--catalog <file>', 'also the forms a fleet catalog file carries')
    .action(async (qr: string, opts: { key: string; json?: boolean; catalog?: string }) => {
      let keys;
      try {
        keys = parsePublicKeys(await readFile(opts.key, 'utf8'), '--key');
      } catch (err) {
        process.stderr.write(`kiosk form decode: ${err instanceof Error ? err.message : String(err)}\n`);
        process.exitCode = 2;
        return;
      }
      const decoded = decodeHandoff(qr, keys);
      if (!decoded.ok) {
        process.stderr.write(`kiosk form decode: ${decoded.reason}\n`);
        process.exitCode = 1;
        return;
      }
      const h = decoded.handoff;
      const issuedAt = new Date(h.issuedAt * 1000).toISOString();
      if (opts.json) {
        process.stdout.write(
          `${JSON.stringify({ form: h.formId, formVersion: h.formVersion, procedure: h.procedure, ticket: h.ticket, deviceId: h.deviceId, keyId: h.keyId, issuedAt, values: h.values })}\n`,
        );
        return;
      }
      const template = (await loadFormLibrary(opts.catalog)).get(h.formId);
      const label = (id: string) =>
        template?.sections.flatMap((s) => s.fields).find((f) => f.id === id)?.label ?? id;
      const lines = [
        `${template?.title ?? h.formId} (mẫu ${h.formId} v${h.formVersion}), thủ tục ${h.procedure}${h.ticket ? `, số ${h.ticket}` : ''}`,
        `kiosk ${h.deviceId}, key ${h.keyId}, ${issuedAt}: signature verified`,
        ...Object.entries(h.values).map(([id, v]) => `  ${label(id)}: ${v}`),
      ];
      process.stdout.write(`${lines.join('\n')}\n`);
    });
}
