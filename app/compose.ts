import {
  createAudio,
  createButtons,
  createDisplay,
  createDocumentPrinter,
  createMic,
  createPrinter,
  createScanner,
  createTouch,
} from './hardware.js';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PanelAttentionService } from '../technician/attention-service.js';
import { createRoutes, registerHomeEntries, routeResolver } from '../flows/routes.js';
import type { FlowDeps } from '../flows/flow-deps.js';
import { routeScan, ScanRouter } from '../flows/scan-router.js';
import { frameToPng } from '../drivers/display/png-snapshot.js';
import { RotatedDisplay } from '../drivers/display/rotated-display.js';
import type { DisplayDriver } from '../drivers/display/types.js';
import { CatalogHolder } from '../domain/catalog/catalog-holder.js';
import { DEFAULT_CATALOG_PATH } from '../domain/catalog/catalog-service.js';
import { ProcedureBodies } from '../domain/catalog/procedure-bodies.js';
import { DossierCache } from '../domain/dossier/dossier-cache.js';
import { DossierService } from '../domain/dossier/dossier-service.js';
import { IdentityService } from '../domain/identity/identity-service.js';
import { PersonalHasher } from '../domain/identity/personal-hash.js';
import { FleetCentreQueue } from '../domain/queue/centre-queue.js';
import { RatingService } from '../domain/rating/rating-service.js';
import { UiService } from '../ui-framebuffer/ui-service.js';
import { MaintenancePanel } from '../technician/maintenance/maintenance-panel.js';
import type { DoctorCheck } from '../technician/doctor/types.js';
import { MaintenanceService } from '../technician/maintenance/maintenance-service.js';
import { appVersion } from '../domain/fleet/app-version.js';
import { createTts } from '../voice/create-tts.js';
import { VoiceService } from '../voice/voice-service.js';
import { defaultModelDir } from '../voice/recognition/model-install.js';
import { PushToTalkService } from '../voice/recognition/push-to-talk.js';
import { dictationWords } from '../flows/assistant.js';
import { VoskRecognizer } from '../voice/recognition/vosk-recognizer.js';
import { systemClock, type Clock } from '../runtime/clock.js';
import { ConfigStore } from '../runtime/config/config-store.js';
import type { KioskConfig } from '../runtime/config/schema.js';
import { EventBus } from '../runtime/event-bus.js';
import type { KioskEvents } from '../domain/events.js';
import { InputService } from './input-service.js';
import { configureLogging, createLogger } from '../runtime/logger.js';
import { PrintService } from '../domain/printing/print-service.js';
import { QueueService } from '../domain/queue/queue-service.js';
import { ClockGuard } from '../domain/queue/clock-guard.js';
import { TicketDesk } from '../flows/ticket-desk.js';
import { TicketStore } from '../domain/queue/ticket-store.js';
import { ServiceManager } from '../runtime/service-manager.js';
import { Session } from '../domain/session.js';
import type { Db } from '../runtime/storage/database.js';
import { openKioskDatabase } from '../runtime/storage/kiosk-database.js';
import { StorageService } from '../runtime/storage/storage-service.js';
import { Outbox } from '../domain/telemetry/outbox.js';
import { TelemetryService } from '../domain/telemetry/telemetry-service.js';
import { OutboxRecorder } from '../domain/telemetry/event-recorder.js';
import { catalogIndexPath, fleetCatalogPath } from '../domain/fleet/catalog-store.js';
import type { FleetLink } from '../domain/fleet/fleet-link.js';
import { FleetService } from '../domain/fleet/fleet-service.js';
import { deviceRequestTopic } from '../domain/fleet/topics.js';
import { createKioskActions } from '../domain/fleet/kiosk-actions.js';
import { appRoot } from '../domain/fleet/app-version.js';
import { ReleaseFeature } from '../domain/fleet/release-feature.js';
import { installInChildProcess } from './release-install-process.js';
import { hostArch } from '../domain/release/release-manifest.js';
import { switchBlocker } from '../domain/release/switch-window.js';
import { CONFIG_VERSION } from '../runtime/config/migrate.js';

import { FormLibrary, readFormDir } from '../domain/forms/form-library.js';
import { FormPdfRenderer } from '../domain/forms/pdf-renderer.js';
import { loadHandoffKey } from './handoff-key.js';

export interface ComposeOptions {
  clock?: Clock;
  /** The config file the kiosk was started with (the fleet's reload-config re-reads it). */
  configFile?: string;
  /**
   * Who answers the centre's requests (dossier status, people ahead) when no fleet broker is
   * configured: the simulator's built-in mock centre. Ignored while the fleet link exists.
   */
  centre?: FleetLink;
  /**
   * The panel's driver, already open and showing the first frame (app/first-frame.ts); default:
   * made from config.display.
   */
  display?: DisplayDriver;
}

/**
 * The composition root: the one place that picks implementations from config and wires them.
 * Business code receives interfaces and never asks which implementation it got. It is a graph
 * built in dependency order, each part from the narrow parts it needs (no forward references):
 * core (bus, settings, storage) → devices (drivers, display, voice, printing, queue) → catalog →
 * fleet link → citizen flows → UI → voice input and maintenance. Services start in the order they
 * are added at the end: the UI (first frame) before the catalog, the search index and the fleet.
 */
export function composeKiosk(config: KioskConfig, options: ComposeOptions = {}) {
  const core = composeCore(config, options.clock ?? systemClock);
  const devices = composeDevices(core, options.display);
  const catalog = composeCatalog(core);
  const fleet = composeFleet(core, devices, catalog, options.configFile);
  // The centre's gateway is asked over the fleet link; without one, the simulator's mock centre.
  const centre = fleet ?? options.centre;
  const citizen = composeCitizenFlows(core, devices, catalog, centre);
  const view = composeView(core, devices, citizen);
  const extras = composeTechnicianAndVoiceInput(core, devices, catalog, citizen, view);

  const { services } = core;
  for (const service of [
    devices.telemetry,
    core.storage,
    devices.clockGuard,
    devices.printing,
    devices.voice,
    devices.input,
    view.ui,
    view.scanRouter,
    catalog,
    citizen.a4Renderer,
    extras.attention,
    extras.pushToTalk,
    extras.maintenance,
    ...(fleet ? [fleet] : []),
  ])
    services.add(service);

  return {
    ...core,
    ...devices,
    catalog,
    ...citizen,
    ...view,
    pushToTalk: extras.pushToTalk,
    maintenance: extras.maintenance,
    fleet,
    /** The fleet broker link for other features; undefined when fleet.enabled is false. */
    fleetLink: fleet as FleetLink | undefined,
  };
}

export type Kiosk = ReturnType<typeof composeKiosk>;

/** The bus, running config, database and service manager every other part builds on. */
function composeCore(config: KioskConfig, clock: Clock) {
  const log = createLogger('kiosk');
  const bus = new EventBus<KioskEvents>(createLogger('bus'));
  // The running config: a fleet reload-config writes hot settings into `config` through it and
  // announces them; the services that act on a setting subscribe to its path.
  const settings = new ConfigStore(config, createLogger('config'));
  settings.on('logging', ['logLevel'], ({ config: c }) => configureLogging({ level: c.logLevel }));
  const dataDir = resolve(config.storage.dataDir);
  // A damaged, unreadable or read-only database never stops the start: the kiosk runs degraded
  // (lookups, no tickets) and the storage service reports why and what to do.
  const database = openKioskDatabase(join(dataDir, 'kiosk.db'));
  const db: Db = database.db;
  const storage = new StorageService(database, createLogger('storage'));
  const outbox = new Outbox(db, config.fleet.outboxLimit);
  // The one way to the outbox; a write that fails on a full disk fails the storage service.
  const recorder = new OutboxRecorder(outbox, bus, clock, (err) => storage.report(err));
  const services = new ServiceManager(createLogger('services'), undefined, (status) =>
    bus.emit('service.state', status),
  );
  return { config, settings, clock, log, bus, db, database, storage, dataDir, outbox, recorder, services };
}
type Core = ReturnType<typeof composeCore>;

/** Drivers picked from config, the panel as the UI sees it, and the services over the hardware. */
function composeDevices(core: Core, panel: DisplayDriver | undefined) {
  const { config, clock, bus, db, dataDir, recorder, storage, settings, services } = core;
  const drivers = {
    display: panel ?? createDisplay(config.display),
    buttons: createButtons(config.input.buttons, clock),
    touch: createTouch(config.input.touch, clock, config.display),
    printer: createPrinter(config.printer, clock),
    scanner: createScanner(config.scanner, clock),
    audio: createAudio(config.audio),
    documentPrinter:
      config.documentPrinter.driver === 'none' ? undefined : createDocumentPrinter(config.documentPrinter),
  };
  // The UI draws upright; the display turns frames (and touches) to the way the panel is mounted.
  const display = new RotatedDisplay(drivers.display, config.display, createLogger('display'));
  const session = new Session(bus);
  const queue = new QueueService(new TicketStore(db), config, clock, bus, { recorder, storage });
  // No ticket is dated before the newest stored: a clock behind at boot is said in the log and status.
  const clockGuard = new ClockGuard(queue, bus, createLogger('clock'));
  const printing = new PrintService(drivers.printer, bus, createLogger('printer'));
  const voice = new VoiceService(
    createTts(config.voice),
    drivers.audio,
    bus,
    clock,
    createLogger('voice'),
    config.voice,
    { cacheDir: join(dataDir, 'voice-cache'), timeZone: config.device.timeZone },
  );
  // The one volume setting: a reloaded voice.volume replaces a set-volume or maintenance change.
  settings.on('voice', ['voice.volume'], ({ config: c }) => voice.setVolume(c.voice.volume));
  const telemetry = new TelemetryService(recorder, bus);
  const input = new InputService(
    drivers.buttons,
    drivers.touch,
    drivers.scanner,
    bus,
    createLogger('input'),
    clock,
  );
  // The kiosk's one list of checks, built once: the maintenance screen and the fleet selftest run
  // it. Their modules load on the first run, not before the first frame.
  let checks: Promise<DoctorCheck[]> | undefined;
  const runChecks = async () => {
    checks ??= Promise.all([
      import('../technician/doctor/standard-checks.js'),
      import('../technician/doctor/device-checks.js'),
    ]).then(([{ kioskChecks }, { runningDeviceChecks }]) =>
      kioskChecks(
        config,
        runningDeviceChecks({ config, printer: drivers.printer, serviceStatus: () => services.status() }),
      ),
    );
    const { runDoctor } = await import('../technician/doctor/run-doctor.js');
    return runDoctor(await checks, { deviceId: config.device.id, timeoutMs: 6000 });
  };
  return { drivers, display, session, queue, clockGuard, printing, voice, telemetry, input, runChecks };
}
type Devices = ReturnType<typeof composeDevices>;

/** The catalog: catalog.file, else the fleet's (then its .previous), then the shipped one. */
function composeCatalog({ config, dataDir, bus, recorder, db }: Core): CatalogHolder {
  const fleetCatalog = fleetCatalogPath(dataDir);
  return new CatalogHolder(
    [
      ...(config.catalog.file
        ? [{ path: config.catalog.file, source: 'configured' as const }]
        : existsSync(fleetCatalog)
          ? [
              { path: fleetCatalog, source: 'fleet' as const },
              ...(existsSync(`${fleetCatalog}.previous`)
                ? [{ path: `${fleetCatalog}.previous`, source: 'previous' as const }]
                : []),
            ]
          : []),
      { path: DEFAULT_CATALOG_PATH, source: 'shipped' as const },
    ],
    createLogger('catalog'),
    (condition) => {
      bus.emit('kiosk.condition', { part: 'catalog', state: condition.state });
      if (condition.state === 'fallback' || condition.state === 'failed')
        recorder.event('events/catalog-fallback', { ...condition });
    },
    {
      indexPath: (path, source) => catalogIndexPath(dataDir, path, source),
      sliced: true,
      // Procedure bodies live in the kiosk's database, read when one procedure is shown (#16).
      bodies: new ProcedureBodies(db, createLogger('catalog')),
    },
  );
}

/** Longest wait for the switch notice to reach the panel (no display: the switch goes on). */
const NOTICE_FRAME_MS = 3000;

/**
 * Announces a release switch on the bus (the view opens the updating screen, which says it) and
 * resolves when the next frame, the notice, is drawn, or after NOTICE_FRAME_MS.
 */
function switchNotice(bus: EventBus<KioskEvents>, e: KioskEvents['app.switching']): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      bus.offOwner('release-notice-frame');
      resolve();
    };
    const timer = setTimeout(done, NOTICE_FRAME_MS);
    bus.on('release-notice-frame', 'ui.frame', done);
    bus.emit('app.switching', e);
  });
}

/** The fleet link (presence, telemetry, signed commands and catalogs); undefined unless enabled. */
function composeFleet(
  core: Core,
  { drivers, display, voice, clockGuard, session, runChecks }: Devices,
  catalog: CatalogHolder,
  configFile: string | undefined,
): FleetService | undefined {
  const { config, settings, dataDir, db, outbox, recorder, bus, clock, services, storage } = core;
  if (!config.fleet.enabled) return undefined;
  let lastInput = clock.now();
  for (const input of ['input.button', 'input.touch', 'input.scan'] as const)
    bus.on('release-idle', input, () => {
      lastInput = clock.now();
    });
  return new FleetService({
    config: config.fleet,
    deviceId: config.device.id,
    groups: config.device.groups,
    dataDir,
    catalogPath: fleetCatalogPath(dataDir),
    db,
    outbox,
    recorder,
    bus,
    clock,
    log: createLogger('fleet'),
    reloadCatalog: (path, _version, installed) =>
      installed ? catalog.install(path, installed) : catalog.reload(path),
    runningCatalog: () => catalog.current,
    features: [
      (ctx) =>
        new ReleaseFeature(ctx, {
          appDir: appRoot(),
          arch: hostArch(),
          abi: Number(process.versions.modules),
          configVersion: CONFIG_VERSION,
          db,
          dataDir,
          // config.updates is read at each check: busyHours and idleMinutes are hot settings
          whyNotNow: () =>
            switchBlocker(config.updates, {
              now: clock.now(),
              lastInputAt: lastInput,
              sessionActive: session.active,
              timeZone: config.device.timeZone,
            }),
          failingChecks: async () =>
            (await runChecks()).checks.filter((c) => c.status === 'fail').map((c) => c.id),
          notice: (version, from) => {
            ctx.log.warn(`switching to release ${version}: the kiosk restarts now`);
            return switchNotice(bus, { version, from });
          },
          exit: () => process.kill(process.pid, 'SIGTERM'),
          install: (root, file, expect) =>
            installInChildProcess(
              { entry: join(appRoot(), 'dist', 'bin', 'kiosk.js'), root, log: ctx.log },
              file,
              expect,
            ),
        }),
    ],
    actions: createKioskActions({
      config,
      settings,
      configFile,
      bus,
      clock,
      services,
      printer: drivers.printer,
      driverKinds: {
        printer: config.printer.driver,
        scanner: config.scanner.driver,
        buttons: config.input.buttons.driver,
        touch: config.input.touch.driver,
        display: config.display.driver,
        audio: config.audio.driver,
      },
      say: (text, lang) => voice.say(text, { lang, key: 'fleet-announce', priority: 'alert' }),
      speaker: voice,
      runChecks,
      screenshot: () => {
        const frame = display.deviceFrame();
        return frame ? frameToPng(frame) : undefined;
      },
      condition: () => ({
        storage: storage.condition(),
        clock: clockGuard.condition(),
        catalog: { ...catalog.condition },
      }),
      exit: () => process.kill(process.pid, 'SIGTERM'),
    }),
  });
}

/** What the citizen's screens act on: tickets, identity, dossiers, ratings, and the route table. */
function composeCitizenFlows(
  core: Core,
  { drivers, session, queue, printing, voice, runChecks }: Devices,
  catalog: CatalogHolder,
  centre: FleetLink | undefined,
) {
  const { config, clock, bus, db, dataDir, recorder, storage } = core;
  // The A4 documents are laid out in a thread of their own (stopped with the kiosk).
  const a4Renderer = new FormPdfRenderer();
  const centreLink = (): FleetLink | undefined => centre;
  const desk = new TicketDesk(
    queue,
    printing,
    config.device,
    recorder,
    new FleetCentreQueue(
      centreLink,
      config.dossier.peopleAheadTopic &&
        deviceRequestTopic(config.fleet.prefix, config.device.id, config.dossier.peopleAheadTopic),
    ),
    (issued) => bus.emit('ticket.delivered', issued.ticket),
  );
  const identity = new IdentityService(
    session,
    new PersonalHasher(db),
    clock,
    createLogger('identity'),
    recorder,
  );
  const dossiers = new DossierService(centreLink, new DossierCache(db), clock, createLogger('dossier'), {
    requestTopic: deviceRequestTopic(config.fleet.prefix, config.device.id, config.dossier.requestTopic),
    timeoutMs: config.dossier.timeoutMs,
  });
  const ratings = new RatingService(db, recorder, clock, config.rating.levels);
  // The technician's view of the running kiosk, for the maintenance screens.
  const maintenancePanel = new MaintenancePanel({
    config,
    clock,
    log: createLogger('maintenance'),
    dataDir,
    appVersion: appVersion(),
    printer: drivers.printer,
    print: (job, purpose) => printing.print(job, purpose),
    speaker: voice,
    runChecks,
    restart: () => process.kill(process.pid, 'SIGTERM'),
  });
  // Read on first use (the first frame does not need the templates or their YAML parser).
  let shippedForms: ReturnType<typeof readFormDir> | undefined;
  let forms: { catalog: unknown; library: FormLibrary } | undefined;
  const formLibrary = (): FormLibrary => {
    const current = catalog.current;
    shippedForms ??= readFormDir();
    if (!forms || forms.catalog !== current)
      forms = { catalog: current, library: new FormLibrary(shippedForms, current?.catalog.forms ?? []) };
    return forms.library;
  };
  const deps: FlowDeps = {
    config,
    clock,
    queue,
    desk,
    homeEntries: [],
    identity,
    dossiers,
    ratings,
    catalog: () => catalog.current,
    catalogError: () => catalog.error,
    catalogReady: () => catalog.ready(),
    reportFailure: (err) => storage.report(err)?.kind,
    printing,
    forms: {
      // The shipped templates, replaced by newer versions the signed catalog carries.
      get library() {
        return formLibrary();
      },
      pdf: a4Renderer,
      ...(drivers.documentPrinter ? { documentPrinter: drivers.documentPrinter } : {}),
      handoffKey: loadHandoffKey(config.forms.handoffKey, dataDir, createLogger('forms')),
      session,
      recorder,
      log: createLogger('forms'),
    },
    maintenance: { pin: maintenancePanel.pin, panel: maintenancePanel },
  };
  // Home entries in order (button 1 takes a number at once) and the route table of every screen.
  registerHomeEntries(deps);
  const routes = createRoutes(deps);
  return { desk, identity, dossiers, ratings, maintenancePanel, deps, routes, a4Renderer };
}
type CitizenFlows = ReturnType<typeof composeCitizenFlows>;

/** The UI on the display, and the one listener that turns scans into citizen flows. */
function composeView(
  { config, bus, clock, settings }: Core,
  { display, session, voice, clockGuard }: Devices,
  { deps, routes }: CitizenFlows,
) {
  const ui = new UiService(
    display,
    bus,
    session,
    clock,
    createLogger('ui'),
    {
      ...config.display,
      touchToScreen: (x, y) => display.toLogical(x, y),
      timeZone: config.device.timeZone,
      // A wrong clock (behind the newest ticket, or before 2025) is not shown to citizens.
      clockWrong: () => clockGuard.wrong(),
    },
    routeResolver(routes),
    (text, lang, key) => void voice.say(text, { lang, key }),
    settings,
  );
  // A release switch (the fleet updater, at idle): the notice over whatever is shown, panel awake.
  bus.on('release-notice', 'app.switching', (e) => {
    ui.wake();
    ui.open('updating', e);
  });
  // The one listener that turns scans into citizen flows (CCCD greeting, appointment slip).
  const scanRouter = new ScanRouter(bus, ui, (data) => routeScan(ui, deps, data));
  return { ui, scanRouter };
}

/** Button LEDs for the technician, push-to-talk, and the maintenance entry. */
function composeTechnicianAndVoiceInput(
  { config, bus, clock, dataDir, services }: Core,
  { drivers, voice }: Devices,
  catalog: CatalogHolder,
  { maintenancePanel }: CitizenFlows,
  { ui }: ReturnType<typeof composeView>,
) {
  // Button LEDs blink while the kiosk needs a technician (paper out, a failed service).
  const attention = new PanelAttentionService(drivers.buttons, bus, createLogger('attention'), () =>
    services.status(),
  );
  // Push-to-talk voice commands: off unless voice.recognition.enabled and a Vosk model is installed.
  const pushToTalk = new PushToTalkService(
    new VoskRecognizer(createLogger('vosk')),
    createMic(config.audio),
    bus,
    clock,
    createLogger('push-to-talk'),
    { ...config.voice.recognition, modelDir: config.voice.recognition.modelDir ?? defaultModelDir(dataDir) },
    {
      targets: () => ui.visibleTargets,
      lang: () => ui.lang,
      dictation: () => {
        const screen = ui.current;
        if (!screen?.onText) return undefined;
        return { words: dictationWords(catalog.current), hear: (text) => screen.onText?.(text) ?? false };
      },
    },
    { prompt: (key, lang) => void voice.sayPrompt(key, { lang }), interrupt: () => voice.interrupt() },
  );
  // Technician maintenance mode: maintenance QR or long-press UP then DOWN opens the PIN screen.
  const maintenance = new MaintenanceService(
    config.maintenance,
    bus,
    ui,
    maintenancePanel,
    createLogger('maintenance'),
  );
  return { attention, pushToTalk, maintenance };
}
