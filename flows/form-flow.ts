import type { Procedure } from '../domain/catalog/procedure.js';
import { FormFilling } from '../domain/forms/form-filling.js';
import type { FormLibrary } from '../domain/forms/form-library.js';
import { formFields, type FormTemplate } from '../domain/forms/form-template.js';
import { fieldLabel, formShortTitle, optionShown, sectionTitle } from '../domain/forms/form-text.js';
import { encodeHandoff } from '../domain/forms/handoff.js';
import { procedureFee } from '../domain/payment/procedure-fee.js';
import { accountProblem, vietQrPayload, transferContent } from '../domain/payment/vietqr.js';
import { groupThousands } from '../domain/catalog/procedure-facts.js';
import { busyRetryDelays, sendDocumentJob } from '../domain/printing/document-job.js';
import { EscPos, toMonoImage } from '../drivers/printer/escpos.js';
import { DriverError, errorMessage } from '../runtime/errors.js';
import { ticketTimestamp } from '../runtime/time.js';
import { renderFormSlipImage, type FormSlipContent } from '../ui-framebuffer/receipts/form-slip.js';
import type { RouteParams } from '../ui-framebuffer/routes.js';
import type { Navigator } from '../ui-framebuffer/screen.js';
import type { FormFieldPort } from '../ui-framebuffer/screens/form-field.js';
import type { FormDoneView, FormReviewPort } from '../ui-framebuffer/screens/form-review.js';
import type { Lang } from '../ui-framebuffer/localize.js';
import type { FormChoice, FormPrefillDeps } from '../ui-framebuffer/screens/form-start.js';
import type { FlowDeps, FormDeps } from './flow-deps.js';
import { formFieldSpeech, formPrefillSpeech, formReviewSpeech } from './speech/form.js';
import { promptText } from '../voice/prompts/index.js';
import { groupForField } from './take-number.js';

/** Session key of the form being filled. */
const FILLING_KEY = 'form.filling';
/** The form's review page is open under the field screen (a field opened from it returns there). */
const EDITING_KEY = 'form.editing';

type Deps = FlowDeps & { forms: FormDeps };

/** The form in the citizen's session, if any. */
export function currentFilling(deps: Pick<Deps, 'forms'>): FormFilling | undefined {
  return deps.forms.session.get<FormFilling>(FILLING_KEY);
}

/** The form of a procedure (by its code), if the kiosk has one. */
export function formForProcedure(deps: Pick<FlowDeps, 'forms'>, code: string): FormTemplate | undefined {
  return deps.forms?.library.forProcedure(code);
}

/** The forms as the pick screen lists them. */
export function formChoices(library: FormLibrary): FormChoice[] {
  return library.list().map((t) => ({
    id: t.id,
    title: { vi: t.shortTitle, en: formShortTitle(t, 'en') },
    items: formFields(t).length,
    procedures: t.procedures,
  }));
}

/**
 * Opens form `formId` for the citizen: the one already in the session when it is the same form
 * (nothing typed is lost), else a new one. With a scanned card, what it fills is offered first.
 */
export function startForm(nav: Navigator, deps: Deps, params: RouteParams['form']): void {
  const template = deps.forms.library.get(params.form);
  if (!template) return;
  let filling = currentFilling(deps);
  if (!filling || filling.template.id !== template.id) {
    filling = new FormFilling(
      template,
      params.procedure && template.procedures.includes(params.procedure)
        ? params.procedure
        : (template.procedures[0] ?? ''),
      () => deps.clock.now(),
      deps.config.device.timeZone,
    );
    deps.forms.session.set(FILLING_KEY, filling, deps.clock.now());
    deps.forms.log.info({ form: template.id, procedure: filling.procedure }, 'form started');
  }
  if (deps.forms.documentPrinter) warmA4(deps, template);
  // Filled once already (the review page was reached): back to the review.
  if (deps.forms.session.get<boolean>(EDITING_KEY)) return nav.open('form-review');
  const card = deps.identity.current();
  if (card && filling.offerPrefill(card)) nav.open('form-prefill');
  else nav.open('form-field');
}

/**
 * The first A4 print after start is as fast as the later ones: the renderer's worker thread is
 * warmed while the citizen fills the form (domain/forms/pdf-renderer.ts, once per process), off
 * the citizen's thread, so nothing they press waits for it. Logged with each step's time; a
 * failure is logged and the print pays the rest.
 */
function warmA4(deps: Deps, template: FormTemplate): void {
  const pdf = deps.forms.pdf;
  if (pdf.warmed()) return;
  pdf
    .warm(template, {
      agency: deps.config.device.agency,
      now: deps.clock.now(),
      timeZone: deps.config.device.timeZone,
    })
    .then(
      (steps) =>
        deps.forms.log.info(
          { steps: steps.map((s) => `${s.step} ${s.ms.toFixed(0)} ms`).join(', ') },
          'A4 renderer warmed',
        ),
      (err: unknown) => deps.forms.log.warn({ err: errorMessage(err) }, 'A4 renderer warm-up failed'),
    );
}

/** The prefill confirmation: what the card gives, shown with ID numbers masked. */
export function formPrefillDeps(
  nav: Navigator,
  deps: Deps,
  get: () => FormFilling | undefined = () => currentFilling(deps),
): FormPrefillDeps {
  const filling = get();
  return {
    form: filling ? formShortTitle(filling.template, nav.lang) : '',
    warning: deps.identity.current()?.warning === 'diacritics-lost',
    rows: () => {
      const f = get();
      const p = f?.pending;
      if (!f || !p) return undefined;
      return p.fields.flatMap((id) => {
        const field = f.field(id);
        const section = f.template.sections.find((s) => s.fields.some((x) => x.id === id));
        if (!field) return [];
        const label = fieldLabel(field, nav.lang);
        const shown = f.shown(field, optionShown(field, p.values[id] ?? '', nav.lang));
        return [{ label, section: section ? sectionTitle(section, nav.lang) : '', shown }];
      });
    },
    accept: () => {
      get()?.acceptPrefill();
      nav.open('form-field', undefined, { replace: true });
    },
    refuse: () => {
      get()?.refusePrefill();
      nav.open('form-field', undefined, { replace: true });
    },
    speech: formPrefillSpeech,
  };
}

/** The field screen's flow: store, check, move on; the review page after the last field. */
export function formFieldPort(
  nav: Navigator,
  deps: Deps,
  get: () => FormFilling | undefined = () => currentFilling(deps),
): FormFieldPort {
  const view: FormFieldPort['view'] = () => {
    const f = get();
    if (!f) return undefined;
    const { index, count } = f.position;
    return {
      form: formShortTitle(f.template, nav.lang),
      state: f.current(nav.lang),
      index,
      count,
      maxLength: f.maxLength(),
    };
  };
  return {
    view,
    enter: (value) => {
      const f = get();
      if (!f) return undefined;
      const problem = f.set(value, nav.lang);
      if (problem) return problem;
      if (deps.forms.session.get<boolean>(EDITING_KEY)) {
        nav.back();
        return undefined;
      }
      if (!f.next()) {
        deps.forms.session.set(EDITING_KEY, true, deps.clock.now());
        nav.open('form-review', undefined, { replace: true });
      }
      return undefined;
    },
    choose: (value) => get()?.set(value, nav.lang),
    previous: () => {
      const f = get();
      if (!f || deps.forms.session.get<boolean>(EDITING_KEY)) return nav.back();
      if (f.previous()) {
        nav.refresh();
        nav.repeatSpeech();
      } else nav.back();
    },
    speech: formFieldSpeech,
  };
}

/** The review page's flow: edit a field, print the A4 form, hand it in with a number, finish. */
export function formReviewPort(
  nav: Navigator,
  deps: Deps,
  get: () => FormFilling | undefined = () => currentFilling(deps),
): FormReviewPort {
  const printer = deps.forms.documentPrinter;
  const filling = get();
  return {
    form: filling ? formShortTitle(filling.template, nav.lang) : '',
    fields: () => get()?.all(nav.lang),
    edit: (id) => {
      if (get()?.goTo(id)) nav.open('form-field');
    },
    canPrintA4: printer !== undefined,
    printA4: async (onWait) => {
      const f = get();
      if (!f) return { ok: false, message: 'Tờ khai đã được xoá.' };
      const fix = f.firstError();
      if (fix) return { ok: false, message: '', fix };
      return printFormDocument(deps, f, nav.lang, onWait);
    },
    submit: async () => {
      const f = get();
      if (!f) return { message: 'Tờ khai đã được xoá.' };
      const fix = f.firstError();
      if (fix) return { fix };
      nav.open(
        'form-done',
        { ...(await handIn(deps, f)), form: formShortTitle(f.template, nav.lang) },
        {
          replace: true,
        },
      );
      return undefined;
    },
    finish: () => nav.home(),
    speech: (lang, fields, problems) => formReviewSpeech(lang, fields, problems, printer !== undefined),
  };
}

/**
 * Renders the form as a PDF in memory and sends it to the A4 printer; the PDF is dropped with the
 * job. While the printer answers busy (another job) the job is tried again with backoff and
 * `onWait` gets the citizen's message; each busy answer is logged with the printer's words. The
 * citizen gets a plain message; the technician a log line with the printer's cause.
 */
export async function printFormDocument(
  deps: Deps,
  filling: FormFilling,
  lang: Lang = 'vi',
  onWait?: (message: string) => void,
): Promise<{ ok: boolean; message: string }> {
  const printer = deps.forms.documentPrinter;
  if (!printer) return { ok: false, message: promptText('form-review.no-a4-printer', lang) };
  const template = filling.template;
  const check = filling.check();
  const started = deps.clock.now();
  try {
    const pdf = await deps.forms.pdf.render(template, check, {
      agency: deps.config.device.agency,
      now: started,
      timeZone: deps.config.device.timeZone,
    });
    const job = await sendDocumentJob(
      printer,
      pdf,
      { name: template.shortTitle, user: 'smart-kiosk' },
      {
        clock: deps.clock,
        delaysMs: busyRetryDelays(deps.config.documentPrinter.busyRetrySeconds * 1000),
        onBusy: ({ attempt, waitMs, cause }) => {
          deps.forms.log.info(
            { form: template.id, attempt, waitMs, code: cause.code, target: printer.target },
            `A4 printer busy (${cause.message}): try ${attempt + 1} in ${waitMs} ms`,
          );
          if (attempt === 1) onWait?.(promptText('form-review.printer-busy', lang));
        },
      },
    );
    deps.forms.log.info(
      {
        form: template.id,
        jobId: job.jobId,
        attempts: job.attempts,
        bytes: pdf.length,
        ms: deps.clock.now() - started,
      },
      'form printed on the A4 printer',
    );
    deps.forms.recorder.event('events/form-printed', {
      form: template.id,
      procedure: filling.procedure,
      ok: true,
    });
    return { ok: true, message: promptText('form-review.printed', lang) };
  } catch (err) {
    const code = err instanceof DriverError ? err.code : 'error';
    deps.forms.log.warn(
      { form: template.id, code, target: printer.target, err: errorMessage(err) },
      `form not printed on the A4 printer (${code}): ${errorMessage(err)}; check documentPrinter.uri and the printer (kiosk doctor)`,
    );
    deps.forms.recorder.event('events/form-printed', {
      form: template.id,
      procedure: filling.procedure,
      ok: false,
      code,
    });
    return {
      ok: false,
      message: promptText(
        code === 'busy' ? 'form-review.printer-still-busy' : 'form-review.print-failed',
        lang,
      ),
    };
  }
}

/** "50.000 đồng": đồng grouped by dots, the Vietnamese way ("50,000 dong" in English). */
export function moneyText(amount: number, lang: Lang = 'vi'): string {
  return `${groupThousands(amount, lang)} ${lang === 'vi' ? 'đồng' : 'dong'}`;
}

/** A form's fee: as the slip prints it, and its amount in đồng. */
export type FormFee = NonNullable<FormSlipContent['fee']> & { amount: number };

/** The fee as the done screen shows it, in both languages. */
export function feeView({ amount, ...fee }: FormFee): NonNullable<FormDoneView['fee']> {
  return { ...fee, text: { vi: fee.text, en: moneyText(amount, 'en') } };
}

/** The fee of the form's procedure, in words, with its VietQR payload when the account is set. */
export function formFee(
  deps: Pick<FlowDeps, 'catalog' | 'config'>,
  procedureCode: string,
  ticket: string | undefined,
): FormFee | undefined {
  const p: Procedure | undefined = deps.catalog()?.get(procedureCode);
  const amount = p ? procedureFee(p) : undefined;
  if (!amount) return undefined;
  const content = transferContent([procedureCode, ticket].filter(Boolean).join(' '));
  const account = deps.config.payment;
  const qr = accountProblem(account)
    ? undefined
    : vietQrPayload(account as Parameters<typeof vietQrPayload>[0], amount, content);
  return { text: moneyText(amount), amount, ...(qr ? { qr } : {}), content };
}

/**
 * Hands the form in: a number for the group serving the procedure (the ticket prints as usual),
 * then the counter slip with the signed form QR and the fee. The form stays in the session until
 * the citizen finishes.
 */
async function handIn(deps: Deps, filling: FormFilling): Promise<RouteParams['form-done']> {
  const template = filling.template;
  const p = deps.catalog()?.get(filling.procedure);
  const groupId = groupForField(deps.queue, p?.field ?? '');
  let ticket: string | undefined;
  let counters: number[] = [];
  if (deps.queue.availability(groupId).open) {
    try {
      const issued = await deps.desk.issue(groupId);
      ticket = issued.ticket.number;
      counters = issued.ticket.counters;
    } catch (err) {
      deps.forms.log.warn({ err: errorMessage(err), group: groupId }, 'no number for the handed-in form');
    }
  }
  const fee = formFee(deps, filling.procedure, ticket);
  const key = deps.forms.handoffKey();
  let slipPrinted = false;
  if (key && deps.printing) {
    const handoff = encodeHandoff(
      {
        deviceId: deps.config.device.id,
        formId: template.id,
        formVersion: template.version,
        procedure: filling.procedure,
        ticket: ticket ?? '',
        issuedAt: Math.floor(deps.clock.now() / 1000),
        values: filling.check().values,
      },
      key,
    );
    const content: FormSlipContent = {
      centre: deps.config.device.centre,
      form: template.shortTitle,
      procedure: filling.procedure,
      ...(ticket ? { ticket } : {}),
      ...(counters.length ? { counters: `quầy ${counters.join(', ')}` } : {}),
      handoff,
      ...(fee ? { fee } : {}),
      printedAt: `In lúc ${ticketTimestamp(deps.clock.now(), deps.config.device.timeZone)}`,
    };
    const image = renderFormSlipImage(content, deps.printing.widthDots);
    const job = new EscPos()
      .init()
      .raster(toMonoImage(image.rgba, image.width, image.height))
      .feed(3)
      .cut()
      .bytes();
    slipPrinted = (await deps.printing.print(job, 'form-slip')).ok;
  } else if (!key)
    deps.forms.log.warn(
      'no handoff key: the counter slip is not printed (see the counter-handoff key error above and docs/forms.md)',
    );
  deps.forms.recorder.event('events/form-handed-in', {
    form: template.id,
    procedure: filling.procedure,
    ticket: ticket ?? null,
    slip: slipPrinted,
  });
  return {
    form: template.shortTitle,
    ...(ticket ? { ticket } : {}),
    ...(counters.length ? { counters } : {}),
    slipPrinted,
    ...(fee ? { fee: feeView(fee) } : {}),
  };
}
