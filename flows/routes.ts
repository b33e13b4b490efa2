import type { CccdCard, CccdProblem } from '../domain/identity/cccd.js';
import {
  CCCD_PROBLEM_TEXT,
  genderName,
  honorific,
  looksLikeCccd,
  maskIdNumber,
  prefillForm,
} from '../domain/identity/cccd.js';
import { parseDossierSlip } from '../domain/identity/dossier-slip.js';
import { STATE_TEXT } from '../domain/dossier/dossier-status.js';
import type { DossierLookup } from '../domain/dossier/dossier-service.js';
import type { IssuedTicket } from '../domain/queue/issued-ticket.js';
import type { Procedure } from '../domain/catalog/procedure.js';
import type { SearchHit } from '../domain/catalog/search-types.js';
import { nextOpening, parseOpeningHours } from '../domain/queue/opening-hours.js';
import type { RouteName, RouteParams } from '../ui-framebuffer/routes.js';
import type { Navigator, RouteResolver, Screen } from '../ui-framebuffer/screen.js';
import {
  createCitizenScreen,
  createScanErrorScreen,
  createScanIdScreen,
} from '../ui-framebuffer/screens/citizen.js';
import type { CitizenCardView } from '../ui-framebuffer/screens/citizen.js';
import { createAssistantScreen } from '../ui-framebuffer/screens/assistant.js';
import { createActionFailedScreen } from '../ui-framebuffer/screens/action-failed.js';
import { createClosedScreen } from '../ui-framebuffer/screens/closed.js';
import { createUpdatingScreen } from '../ui-framebuffer/screens/updating.js';
import {
  createDossierCheckingScreen,
  createDossierScreen,
  createDossierStatusScreen,
} from '../ui-framebuffer/screens/dossier.js';
import { createGroupsScreen } from '../ui-framebuffer/screens/groups.js';
import { createHomeScreen, type HomeEntry } from '../ui-framebuffer/screens/home.js';
import { HOME_MENU, type HomeMenuId } from './home-menu.js';
import { createMaintenancePinScreen } from '../ui-framebuffer/screens/maintenance-pin.js';
import { createMaintenanceScreen, type MaintenancePort } from '../ui-framebuffer/screens/maintenance.js';
import { checkReport, type CheckResult, type CheckStatus } from '../runtime/check-result.js';
import { createProcedureScreen } from '../ui-framebuffer/screens/procedure.js';
import { createRatingScreen, createRatingThanksScreen } from '../ui-framebuffer/screens/rating.js';
import {
  createApologyScreen,
  createClarifyScreen,
  createSearchLoadingScreen,
  createSearchUnavailableScreen,
} from '../ui-framebuffer/screens/results.js';
import { createSearchScreen } from '../ui-framebuffer/screens/search.js';
import { createTicketScreen } from '../ui-framebuffer/screens/ticket.js';
import { createFormFieldScreen } from '../ui-framebuffer/screens/form-field.js';
import { createFormDoneScreen, createFormReviewScreen } from '../ui-framebuffer/screens/form-review.js';
import { createFormPickScreen, createFormPrefillScreen } from '../ui-framebuffer/screens/form-start.js';
import { FormFilling } from '../domain/forms/form-filling.js';
import { sampleValues } from '../domain/forms/form-validation.js';
import type { FormTemplate } from '../domain/forms/form-template.js';
import {
  formChoices,
  formFieldPort,
  formForProcedure,
  formPrefillDeps,
  formReviewPort,
  feeView,
  formFee,
  moneyText,
  startForm,
} from './form-flow.js';
import { formDoneSpeech, formPickSpeech } from './speech/form.js';
import { assistantPort } from './assistant.js';
import type { FlowDeps, FormDeps } from './flow-deps.js';
import { procedureView } from './procedure-view.js';
import type { ProcedureView } from '../ui-framebuffer/screens/procedure.js';
import { promptText } from '../voice/prompts/index.js';
import { inVietnamese } from '../runtime/text/speech-marks.js';
import { SEARCH_TOPICS } from './search-topics.js';
import { citizenSpeech, scanErrorSpeech, scanIdSpeech } from './speech/citizen.js';
import { actionFailedSpeech, updatingSpeech } from './speech/failure.js';
import { dossierCheckingSpeech, dossierSpeech, dossierStatusSpeech } from './speech/dossier.js';
import { homeSpeech } from './speech/home.js';
import { maintenancePinSpeech, maintenanceSpeech } from './speech/maintenance.js';
import { groupsSpeech, reprintSpeech, ticketSpeech } from './speech/queue.js';
import { ratingSpeech, ratingThanksSpeech } from './speech/rating.js';
import {
  apologySpeech,
  clarifySpeech,
  searchLoadingSpeech,
  searchSpeech,
  searchUnavailableSpeech,
} from './speech/search.js';
import { centreDateText } from './centre-date.js';
import { ticketNames } from './ticket-names.js';
import {
  closedView,
  defaultGroup,
  groupForCounter,
  groupForField,
  groupLabel,
  groupTiles,
  takeNumber,
} from './take-number.js';

/** A made-up card for the prefill preview (never a real person's data). */
const SAMPLE_CARD: CccdCard = {
  idNumber: '036093004567',
  oldIdNumber: '',
  fullName: 'Trần Văn Nam',
  dateOfBirth: '1993-04-12',
  gender: 'Nam',
  address: 'Xóm 3, Xã Hải Hậu, Tỉnh Ninh Bình',
  issuedOn: '2021-06-01',
};

/** What a maintenance screen shows in previews: a fixed report of a kiosk with a paper fault. */
function samplePanel(panel: MaintenancePort): MaintenancePort {
  const check = (
    id: string,
    title: string,
    status: CheckStatus,
    message: string,
    problem?: { code: string; hint: string },
  ): CheckResult => ({ id, title, status, message, ...problem });
  const checks = [
    check('node', 'Node.js', 'ok', 'v20.20.2'),
    check('fonts', 'Fonts', 'ok', 'Be Vietnam Pro'),
    check('time-sync', 'Clock (NTP)', 'ok', 'synchronised'),
    check('cpu', 'CPU temperature', 'warn', '71 °C', {
      code: 'hot',
      hint: 'check the fan and case ventilation; keep the kiosk out of direct sun',
    }),
    check('data-dir', 'Data directory', 'ok', '/var/lib/smart-kiosk writable, 5120 MB free'),
    check('database', 'Database (SQLite)', 'ok', 'kiosk.db intact and writable'),
    check('clock-tickets', 'Clock vs stored tickets', 'ok', 'no ticket stored yet'),
    check('voice', 'Voice (TTS)', 'ok', 'espeak-ng vi'),
    check('voice-input', 'Voice commands (Vosk)', 'skip', 'voice input is off'),
    check('printer', 'Printer', 'fail', 'printer is out of paper', {
      code: 'paper-out',
      hint: 'load a new paper roll (58/80 mm thermal paper, shiny side towards the print head) and close the cover',
    }),
    check('scanner', 'Scanner', 'ok', 'ready'),
    ...['telemetry', 'storage', 'clock', 'printer', 'voice', 'input', 'ui', 'catalog'].map((name) =>
      check(`service.${name}`, `Service ${name}`, 'ok', 'running'),
    ),
    check('broker', 'Fleet broker', 'ok', 'connected to mqtts://fleet.example.vn'),
  ];
  const report = checkReport(checks, { deviceId: panel.deviceId, startedAt: new Date(0), durationMs: 0 });
  return {
    deviceId: panel.deviceId,
    appVersion: panel.appVersion,
    nodeVersion: panel.nodeVersion,
    addresses: () => ['eth0 192.168.1.20'],
    runChecks: () => Promise.resolve(report),
    printReport: () => Promise.resolve({ ok: true }),
    volume: () => 80,
    setVolume: () => Promise.resolve(),
    restart: () => undefined,
    recentErrors: () => [
      {
        at: '08:12:05',
        check: {
          id: 'printer',
          title: 'Printer',
          status: 'fail',
          code: 'paper-out',
          message: 'printer is out of paper',
          hint: 'load a new paper roll',
        },
      },
    ],
  };
}

/** A made-up account for the fee preview (the gallery), used only when none is configured. */
const SAMPLE_ACCOUNT = { bankBin: '970436', accountNumber: '1234567890', accountName: 'UBND XA MAU' };

/** The procedure's summary says button 4 fills in its form, when it has one. */
function withFormOffer(view: ProcedureView, hasForm: boolean): ProcedureView {
  if (!hasForm) return view;
  return { ...view, summary: (lang) => `${view.summary(lang)} ${promptText('form.offer-procedure', lang)}` };
}

/** How one route builds its screen. */
export interface Route<R extends RouteName> {
  open(nav: Navigator, params: RouteParams[R]): Screen | undefined;
  /**
   * A sample of the screen for `kiosk render --screen NAME` and the docs gallery: nothing is
   * issued, looked up or stored. Routes without it are not rendered on their own.
   */
  preview?(nav: Navigator): Screen | undefined;
}

/** Every route of the kiosk (ui-framebuffer/routes.ts names them) and how its screen is built. */
export type RouteTable = { readonly [R in RouteName]: Route<R> };

/** The screen for `route` from `table`. */
export function routeResolver(table: RouteTable): RouteResolver {
  return <R extends RouteName>(nav: Navigator, route: R, params: RouteParams[R]) => {
    const entry: Route<R> = table[route];
    return entry.open(nav, params);
  };
}

/** The routes `kiosk render` can show (those with a preview), sorted. */
export function previewNames(table: RouteTable): string[] {
  return (Object.keys(table) as RouteName[]).filter((name) => table[name].preview).sort();
}

function cardView(card: CccdCard | undefined): CitizenCardView | undefined {
  if (!card) return undefined;
  return {
    fullName: card.fullName,
    honorific: { vi: honorific(card, 'vi'), en: honorific(card, 'en') },
    gender: card.gender,
    genderShown: { vi: genderName(card, 'vi'), en: genderName(card, 'en') },
    idMasked: maskIdNumber(card.idNumber),
    ...(card.warning ? { warning: card.warning } : {}),
    form: prefillForm(card),
  };
}

/** The citizen flows' routes; deps.maintenance gives the technician's two screens. */
export function createRoutes(deps: FlowDeps): RouteTable {
  const { queue } = deps;
  const take =
    (nav: Navigator, options: { priority?: boolean } = {}) =>
    (groupId: string) =>
      takeNumber(nav, deps, groupId, options);

  const home = (nav: Navigator): Screen =>
    createHomeScreen(nav, {
      centre: deps.config.device.centre,
      agency: deps.config.device.agency,
      entries: deps.homeEntries,
      speech: homeSpeech,
    });
  const search = (nav: Navigator): Screen =>
    createSearchScreen(nav, { topics: SEARCH_TOPICS, speech: searchSpeech });
  const clarify = (nav: Navigator, query: string, hits: readonly SearchHit[]): Screen =>
    createClarifyScreen(nav, { speech: clarifySpeech }, query, hits);
  const apology = (nav: Navigator, query: string): Screen =>
    createApologyScreen(
      nav,
      { takeNumber: () => takeNumber(nav, deps, defaultGroup(queue)), speech: apologySpeech },
      query,
    );
  const procedure = (
    nav: Navigator,
    p: Procedure,
    context: { query?: string; alternatives?: readonly SearchHit[] },
  ): Screen =>
    createProcedureScreen(
      nav,
      {
        takeNumber: take(nav),
        ...procedureForm(nav, p.code),
      },
      withFormOffer(
        procedureView(p, groupForField(queue, p.field), groupLabel(queue, groupForField(queue, p.field))),
        formForProcedure(deps, p.code) !== undefined,
      ),
      context,
    );

  /** The procedure's form, when the kiosk has one: button 4, and a CCCD scan opens it prefilled. */
  const procedureForm = (
    nav: Navigator,
    code: string,
  ): { fillForm?: () => void; scan?: (data: string) => boolean } => {
    const template = formForProcedure(deps, code);
    if (!template) return {};
    const open = (): void => nav.open('form', { form: template.id, procedure: code });
    return {
      fillForm: open,
      scan: (data) => {
        if (!looksLikeCccd(data)) return false;
        // A new citizen's card: their session starts here, with this procedure's form.
        const parsed = deps.identity.accept(data);
        if (!parsed.ok) nav.open('scan-error', { problem: parsed.problem });
        else open();
        return true;
      },
    };
  };

  /** Runs a search and opens what it calls for: the answer, a choice between candidates, or an apology. */
  const outcome = (nav: Navigator, query: string): Screen => {
    const catalog = deps.catalog();
    if (!catalog)
      return deps.catalogError() === undefined
        ? loading(nav, () => nav.open('results', { query }, { replace: true }))
        : unavailable(nav);
    const found = catalog.search.search(query, { limit: 10 });
    const first = found.results[0];
    if (found.behavior === 'answer' && first) {
      const p = catalog.get(first.code);
      if (p) return procedure(nav, p, { query, alternatives: found.results.slice(1) });
    }
    if (found.behavior !== 'apologize' && found.results.length > 0) return clarify(nav, query, found.results);
    return apology(nav, query);
  };
  /** Just after start the catalog may still be loading: say so, and `reopen` once it is in. */
  const loading = (nav: Navigator, reopen: () => void): Screen => {
    let left = false;
    void deps.catalogReady().then(() => {
      if (!left) reopen();
    });
    return createSearchLoadingScreen(nav, { speech: searchLoadingSpeech, onLeave: () => (left = true) });
  };
  const unavailable = (nav: Navigator): Screen =>
    createSearchUnavailableScreen(nav, {
      error: () => deps.catalogError() ?? 'loading',
      speech: searchUnavailableSpeech,
    });

  const assistant = (nav: Navigator): Screen => {
    const port = assistantPort(nav, deps);
    if (port) return createAssistantScreen(nav, port);
    return deps.catalog() === undefined && deps.catalogError() === undefined
      ? loading(nav, () => nav.open('assistant', undefined, { replace: true }))
      : unavailable(nav);
  };

  const groups = (nav: Navigator, params?: { priority?: boolean }): Screen =>
    createGroupsScreen(nav, {
      priority: params?.priority === true,
      groups: (now) => groupTiles(queue, now),
      takeNumber: take(nav, { priority: params?.priority === true }),
      speech: groupsSpeech,
    });

  const dossier = (nav: Navigator): Screen =>
    createDossierScreen(nav, { parse: parseDossierSlip, speech: dossierSpeech });
  const dossierStatus = (nav: Navigator, lookup: DossierLookup): Screen => {
    const status = lookup.kind === 'live' || lookup.kind === 'cached' ? lookup.status : undefined;
    const timeZone = deps.config.device.timeZone;
    return createDossierStatusScreen(nav, {
      lookup,
      stateText: (lang) => (status ? (status.stateText ?? STATE_TEXT[status.state][lang]) : ''),
      due: (lang) => (status?.dueAt ? centreDateText(status.dueAt, timeZone, lang) : undefined),
      timeZone,
      sayVietnamese: inVietnamese,
      takeNumber: () => takeNumber(nav, deps, groupForCounter(queue, status?.counter)),
      speech: dossierStatusSpeech,
    });
  };
  /** Shows "checking" while the centre is asked; the answer replaces it unless the citizen left. */
  const checkDossier = (nav: Navigator, dossierNumber: string): Screen => {
    let left = false;
    void deps.dossiers.lookup(dossierNumber).then((lookup) => {
      if (!left) nav.open('dossier-status', { lookup }, { replace: true });
    });
    return createDossierCheckingScreen(nav, dossierNumber, dossierCheckingSpeech, () => (left = true));
  };

  const rating = (nav: Navigator, context: RouteParams['rating']): Screen =>
    createRatingScreen(
      nav,
      {
        counters: [...new Set(queue.groups().flatMap((g) => g.counters))].sort((a, b) => a - b),
        counterName: (n) => {
          const names = queue
            .groups()
            .filter((g) => g.counters.includes(n))
            .map((g) => groupLabel(queue, g.id) ?? { vi: g.name, en: g.name });
          return { vi: names.map((x) => x.vi).join(', '), en: names.map((x) => x.en).join(', ') };
        },
        askCounter: deps.config.rating.askCounter,
        scale: deps.ratings.scale,
        submit: (input) => {
          const stored = deps.ratings.submit(input);
          nav.open('rating-thanks', { rating: stored }, { replace: true });
          return stored;
        },
        speech: ratingSpeech,
      },
      context ?? {},
    );

  const scanId = (nav: Navigator): Screen => createScanIdScreen(nav, scanIdSpeech);

  const withForms = (build: (forms: FormDeps) => Screen | undefined): Screen | undefined =>
    deps.forms ? build(deps.forms) : undefined;
  const formPick = (nav: Navigator): Screen | undefined =>
    withForms((forms) => {
      const choices = formChoices(forms.library);
      return createFormPickScreen(nav, {
        forms: choices,
        start: (form) => nav.open('form', { form }),
        speech: formPickSpeech,
      });
    });
  /** A sample form for previews (nothing in the session): `filled` with the template's samples. */
  const sampleFilling = (forms: FormDeps, id: string, filled: boolean): FormFilling | undefined => {
    const template: FormTemplate | undefined = forms.library.get(id) ?? forms.library.list()[0];
    if (!template) return undefined;
    const f = new FormFilling(
      template,
      template.procedures[0] ?? '',
      () => deps.clock.now(),
      deps.config.device.timeZone,
    );
    if (filled) f.load(sampleValues(template));
    return f;
  };
  const ticket = (nav: Navigator, issued: IssuedTicket): Screen =>
    createTicketScreen(
      nav,
      {
        reprint: (current) => deps.desk.reprint(current, nav.lang),
        canReprint: (current) => deps.desk.canReprint(current),
        names: (current) => ticketNames(queue, current.ticket),
        speech: { issued: ticketSpeech, reprinted: reprintSpeech },
      },
      issued,
    );
  /** A printed ticket of the default group for previews: nothing is issued. */
  const sampleTicket = (): IssuedTicket => {
    const group = queue.group(defaultGroup(queue));
    return {
      ticket: {
        id: 0,
        number: `${group.prefix}-012`,
        groupId: group.id,
        groupName: group.name,
        seq: 12,
        serviceDay: '2026-11-25',
        issuedAt: deps.clock.now(),
        peopleAhead: 3,
        counters: group.counters,
        status: 'waiting',
        peopleAheadSource: 'local',
        session: 'Sáng',
      },
      printed: { ok: true },
      print: { attempts: 1, printedAt: deps.clock.now() },
    };
  };
  const citizen = (nav: Navigator, card: () => CitizenCardView | undefined): Screen =>
    createCitizenScreen(nav, {
      card,
      // Deferred: when home()/idle is what left the screen, the session is wiped with that
      // reason first. Never wipes a newer citizen's card (a new scan replaces the session).
      release: () => {
        const mine = deps.identity.current();
        queueMicrotask(() => {
          if (mine && deps.identity.current() === mine) deps.identity.end();
        });
      },
      takeNumber: () => takeNumber(nav, deps, defaultGroup(queue)),
      ...(deps.forms?.library.list().length ? { fillForm: () => nav.open('form-pick') } : {}),
      speech: (lang, c) => citizenSpeech(lang, c, deps.forms !== undefined),
    });
  const scanError = (nav: Navigator, problem: CccdProblem): Screen =>
    createScanErrorScreen(nav, {
      problem,
      explanation: CCCD_PROBLEM_TEXT[problem],
      speech: (lang) => scanErrorSpeech(lang, CCCD_PROBLEM_TEXT[problem][lang]),
    });
  const pin = (nav: Navigator): Screen =>
    createMaintenancePinScreen(nav, deps.maintenance.pin, maintenancePinSpeech);

  return {
    home: { open: home, preview: home },
    search: { open: search, preview: search },
    results: {
      open: (nav, { query, hits }) => (hits ? clarify(nav, query, hits) : outcome(nav, query)),
      preview: (nav) => {
        const hits = deps.catalog()?.search.search('đất đai', { limit: 9 }).results ?? [];
        return hits.length ? clarify(nav, 'đất đai', hits) : apology(nav, 'đất đai');
      },
    },
    apologize: {
      open: (nav, { query }) => apology(nav, query),
      preview: (nav) => apology(nav, 'xin visa đi Mỹ'),
    },
    'search-unavailable': { open: unavailable },
    assistant: { open: assistant, preview: assistant },
    'action-failed': {
      open: (nav, { action, error }) => {
        const problem = deps.reportFailure(error);
        return createActionFailedScreen(nav, {
          speech: actionFailedSpeech,
          describe: () => ({ action, cause: problem ?? 'error' }),
        });
      },
      preview: (nav) =>
        createActionFailedScreen(nav, {
          speech: actionFailedSpeech,
          describe: () => ({ action: 'take-number', cause: 'disk-full' }),
        }),
    },
    updating: {
      open: (_nav, { version, from }) => createUpdatingScreen({ version, from, speech: updatingSpeech }),
      preview: () => createUpdatingScreen({ version: '1.5.0', from: '1.4.2', speech: updatingSpeech }),
    },
    procedure: {
      open: (nav, { code, ...context }) => {
        const p = deps.catalog()?.get(code);
        return p ? procedure(nav, p, context) : undefined;
      },
      preview: (nav) => {
        // A representative detail for previews: birth registration when the catalog has it.
        const catalog = deps.catalog();
        const first = catalog?.get('1.001193') ?? catalog?.catalog.procedures[0];
        if (!first) return search(nav);
        // As a search answers it: with its other matches on 9 (the title bar's busiest look).
        const query = 'khai sinh';
        const others = catalog?.search
          .search(query, { limit: 10 })
          .results.filter((r) => r.code !== first.code);
        return procedure(nav, first, { query, alternatives: others ?? [] });
      },
    },
    groups: { open: (nav, params) => groups(nav, params), preview: (nav) => groups(nav) },
    closed: {
      open: (nav, { groupId, availability }) =>
        createClosedScreen(nav, closedView(queue.group(groupId), availability)),
      preview: (nav) => {
        const group = queue.group(defaultGroup(queue));
        const configured = queue.hours(group.id);
        // Always-open kiosks have no closed screen of their own: preview the usual commune hours.
        const hours = configured.sessions.length
          ? configured
          : parseOpeningHours(['07:00-11:30', '13:30-17:00'], configured.days);
        const next = nextOpening(hours, deps.clock.now(), deps.config.device.timeZone);
        return createClosedScreen(nav, closedView(group, { open: false, next, hours }));
      },
    },
    ticket: {
      open: (nav, { issued }) => ticket(nav, issued),
      preview: (nav) => ticket(nav, sampleTicket()),
    },
    dossier: { open: dossier, preview: dossier },
    'dossier-status': {
      open: (nav, params) =>
        'lookup' in params ? dossierStatus(nav, params.lookup) : checkDossier(nav, params.dossierNumber),
      // A dossier waiting for documents: the due date, the counter and the take-a-number choice.
      preview: (nav) =>
        dossierStatus(nav, {
          kind: 'live',
          fetchedAt: deps.clock.now(),
          status: {
            dossierNumber: 'H26.22.12-251125-0004',
            state: 'supplement',
            procedureName: 'Đăng ký thường trú',
            dueAt: '2026-11-27T16:00:00+07:00',
            counter: 1,
            note: 'Cần bổ sung bản sao giấy tờ chứng minh chỗ ở hợp pháp.',
          },
        }),
    },
    rating: { open: rating, preview: (nav) => rating(nav, undefined) },
    'rating-thanks': {
      open: (nav, { rating: stored }) => {
        const label = {
          vi: stored.label,
          en: deps.ratings.scale.find((l) => l.score === stored.score)?.en ?? stored.label,
        };
        return createRatingThanksScreen(nav, {
          rating: stored,
          label,
          speech: (lang) => ratingThanksSpeech(lang, lang === 'vi' ? label.vi : label.en),
        });
      },
    },
    'scan-id': { open: scanId, preview: scanId },
    citizen: {
      open: (nav) => citizen(nav, () => cardView(deps.identity.current())),
      // The made-up card: nothing is read or kept.
      preview: (nav) => citizen(nav, () => cardView(SAMPLE_CARD)),
    },
    'scan-error': {
      open: (nav, { problem }) => scanError(nav, problem),
      preview: (nav) => scanError(nav, 'too-few-fields'),
    },
    'form-pick': {
      open: (nav) => formPick(nav),
      preview: (nav) => formPick(nav),
    },
    form: {
      open: (nav, params) => {
        const forms = deps.forms;
        if (forms) startForm(nav, { ...deps, forms }, params);
        return undefined;
      },
    },
    'form-prefill': {
      open: (nav) =>
        withForms((forms) => createFormPrefillScreen(nav, formPrefillDeps(nav, { ...deps, forms }))),
      preview: (nav) =>
        withForms((forms) => {
          const f = sampleFilling(forms, 'khai-sinh', false);
          if (!f) return undefined;
          f.offerPrefill(SAMPLE_CARD);
          return createFormPrefillScreen(
            nav,
            formPrefillDeps(nav, { ...deps, forms }, () => f),
          );
        }),
    },
    'form-field': {
      open: (nav) => withForms((forms) => createFormFieldScreen(nav, formFieldPort(nav, { ...deps, forms }))),
      preview: (nav) =>
        withForms((forms) => {
          const f = sampleFilling(forms, 'khai-sinh', true);
          f?.goTo('treHoTen');
          return f
            ? createFormFieldScreen(
                nav,
                formFieldPort(nav, { ...deps, forms }, () => f),
              )
            : undefined;
        }),
    },
    'form-review': {
      open: (nav) =>
        withForms((forms) => createFormReviewScreen(nav, formReviewPort(nav, { ...deps, forms }))),
      preview: (nav) =>
        withForms((forms) => {
          const f = sampleFilling(forms, 'khai-sinh', true);
          return f
            ? createFormReviewScreen(
                nav,
                formReviewPort(nav, { ...deps, forms }, () => f),
              )
            : undefined;
        }),
    },
    'form-done': {
      open: (nav, view) =>
        createFormDoneScreen(nav, { ...view, speech: (lang) => formDoneSpeech(lang, view) }),
      preview: (nav) => {
        // With a made-up account when the centre has none configured, so the gallery shows the QR.
        const sample = deps.config.payment.bankBin
          ? deps
          : { ...deps, config: { ...deps.config, payment: SAMPLE_ACCOUNT } };
        const fee = formFee(sample, '1.001612', 'A-012') ?? {
          text: moneyText(50000),
          amount: 50000,
          content: '1.001612 A-012',
        };
        const view = {
          form: 'Giấy đề nghị đăng ký hộ kinh doanh',
          ticket: 'A-012',
          counters: [1, 2],
          slipPrinted: true,
          fee: feeView(fee),
        };
        return createFormDoneScreen(nav, { ...view, speech: (lang) => formDoneSpeech(lang, view) });
      },
    },
    'maintenance-pin': { open: pin, preview: pin },
    maintenance: {
      open: (nav) => createMaintenanceScreen(nav, deps.maintenance.panel, maintenanceSpeech),
      // A fixed sample report (a live one names temporary paths and free space that change).
      preview: (nav) => createMaintenanceScreen(nav, samplePanel(deps.maintenance.panel), maintenanceSpeech),
    },
  };
}

/** What each home-screen feature (flows/home-menu.ts, in its order) opens. */
export function registerHomeEntries(deps: Pick<FlowDeps, 'homeEntries' | 'queue' | 'desk'>): void {
  const opens: Record<HomeMenuId, HomeEntry['open']> = {
    'take-number': (nav) => takeNumber(nav, deps, defaultGroup(deps.queue)),
    search: (nav) => nav.open('search'),
    dossier: (nav) => nav.open('dossier'),
    rating: (nav) => nav.open('rating'),
    groups: (nav) => nav.open('groups'),
    'scan-id': (nav) => nav.open('scan-id'),
    priority: (nav) => takeNumber(nav, deps, defaultGroup(deps.queue), { priority: true }),
    assistant: (nav) => nav.open('assistant'),
  };
  deps.homeEntries.push(...HOME_MENU.map((entry) => ({ ...entry, open: opens[entry.id] })));
}
