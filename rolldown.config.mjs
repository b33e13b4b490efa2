import { rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { build, defineConfig } from 'rolldown';

/**
 * The production build of the `kiosk` entry (#16): bin/kiosk.ts and what it imports, bundled from
 * the TypeScript sources into dist/bin/kiosk.js and a few chunks (dist/bin/chunks/), so `kiosk run`
 * reads a handful of files instead of ~400 ES modules before its first frame. tsc still emits every
 * module to dist/ (tests and benches import them); `npm run dev` runs the sources with ts-node.
 *
 * Chunks: `base` holds what every command loads statically (commander, the ground floor's errors
 * and lazy require); `config` the config loading and its zod schema (what `config check`, `doctor`,
 * `run` and `sim` need, `fleet` not); `devices` what `doctor` shares with the first frame (the
 * device factories, drivers and mocks, the logger), so the doctor does not load the UI;
 * `first-frame` the rest of what `kiosk run` loads before its first frame (the UI service and the
 * home screen: app/first-frame.ts); `app` the rest of the kiosk, which `kiosk run` loads behind
 * that frame and `kiosk sim` statically; everything imported on demand splits as usual. One big
 * chunk parses faster than dozens of small ones (each is a file read, a resolve and a module record).
 *
 * Packages stay external (loaded from node_modules) unless in BUNDLED: native modules, packages
 * that read their own files at run time (fonts, pdfkit's metrics), and those loaded on first use
 * through runtime/lazy-require.ts (pino among them: a command that logs nothing never loads it).
 * BUNDLED are pure JavaScript loaded before the first frame.
 *
 * VENDORED are pure-JavaScript packages that cost much to load from node_modules and that the
 * kiosk defers with lazyRequire(): mqtt reads ~160 files (its dependencies included) for ~180 ms of
 * CPU here. Each is bundled with its dependencies into one CommonJS file next to the chunks, and a
 * lazyRequire('mqtt') in the kiosk's code requires that file instead, still on first use: a command
 * that never connects (doctor without a broker) never reads it.
 */
const BUNDLED = new Set(['zod', 'commander', 'yaml', 'read-vietnamese-number']);
const VENDORED = ['mqtt'];
/** the emitted file of each vendored package, by name */
const vendored = new Map();
const LAZY_REQUIRE = /lazyRequire<[^()]*(?:\([^()]*\)[^()]*)*>\('([^']+)'\)/g;

/** `name` and everything it requires, as the source of one CommonJS file. */
async function vendorBundle(name) {
  const out = await build({
    input: name,
    platform: 'node',
    write: false,
    external: (id) => id.startsWith('node:'),
    output: { format: 'cjs', codeSplitting: false },
  });
  return out.output[0].code;
}
const OUT = 'dist/bin';
const ENTRY = 'bin/kiosk.ts';
/** what every command loads: the entry's own imports (commander) */
const LIGHT = [ENTRY];
/** what the commands that read a kiosk config load: its loading and its zod schema */
const CONFIG = ['bin/commands/config.ts'];
const FIRST_FRAME = ['bin/commands/run.ts'];
// what bin/commands/run.ts imports once the first frame is drawn, and the simulator
const APP = [
  'app/compose.ts',
  'app/lifecycle.ts',
  'app/release-trial.ts',
  'technician/systemd/sd-notify.ts',
  'bin/commands/sim.ts',
];

// commands that do not draw and must start fast (#16: ≤ 200 ms): what they share with the kiosk
// is split out of `app` (see chunkOf) rather than loading all of it
const QUICK = ['bin/commands/doctor.ts', 'bin/commands/fleet.ts'];

const packageOf = (id) => (id.startsWith('@') ? id.split('/').slice(0, 2).join('/') : id.split('/')[0]);

/** The modules `roots` import statically, directly or not (the roots included). */
function staticallyReached(roots, ctx) {
  const seen = new Set();
  const stack = roots.map((r) => resolve(r));
  while (stack.length > 0) {
    const id = stack.pop();
    if (seen.has(id)) continue;
    seen.add(id);
    for (const next of ctx.getModuleInfo(id)?.importedIds ?? []) stack.push(next);
  }
  return seen;
}

/** Whether a module is zod's or imports it, directly or not. */
const needsZod = (id, ctx) => [...staticallyReached([id], ctx)].some((m) => m.includes('/node_modules/zod/'));

let reach;
/** `base`, `first-frame`, `app`, or null (split as usual) for a module; the entry stays in kiosk.js. */
function chunkOf(id, ctx) {
  reach ??= {
    base: staticallyReached(LIGHT, ctx),
    config: staticallyReached(CONFIG, ctx),
    first: staticallyReached(FIRST_FRAME, ctx),
    app: staticallyReached(APP, ctx),
    quick: staticallyReached(QUICK, ctx),
  };
  // the entry awaits the command's chunk at its top level: inside a chunk that chunk imports, it
  // would wait for itself
  if (id === resolve(ENTRY)) return null;
  if (reach.base.has(id)) return 'base';
  // the small ground-floor modules config loading shares with every command (errors, lazy
  // require) go with the entry; only what builds or runs the zod schema is `config`
  if (reach.config.has(id)) return needsZod(id, ctx) ? 'config' : 'base';
  // what the first frame shares with a QUICK command (`doctor`: the device factories, the logger)
  // goes in a chunk of its own, so that command does not load the UI
  if (reach.first.has(id)) return reach.quick.has(id) ? 'devices' : 'first-frame';
  // a module a QUICK command loads too is left to the usual split (a shared chunk), so that
  // command does not load the whole kiosk (`kiosk fleet devices` shares the fleet protocol)
  return reach.app.has(id) && !reach.quick.has(id) ? 'app' : null;
}

export default defineConfig({
  input: { kiosk: ENTRY },
  platform: 'node',
  // kiosk.js exports nothing; its chunks may export what they share
  preserveEntrySignatures: 'allow-extension',
  tsconfig: 'tsconfig.build.json',
  resolve: { extensionAlias: { '.js': ['.ts', '.js'] } },
  external: (id) =>
    id.startsWith('node:') || (!id.startsWith('.') && !id.startsWith('/') && !BUNDLED.has(packageOf(id))),
  plugins: [
    {
      name: 'vendored',
      async buildStart() {
        vendored.clear();
        for (const name of VENDORED)
          vendored.set(
            name,
            this.emitFile({
              type: 'asset',
              fileName: `chunks/vendor-${name}.cjs`,
              source: await vendorBundle(name),
            }),
          );
      },
      transform(code, id) {
        if (id.includes('/node_modules/') || !code.includes('lazyRequire<')) return null;
        const out = code.replace(LAZY_REQUIRE, (call, name) => {
          const ref = vendored.get(name);
          if (!ref) return call;
          // the argument, not the `typeof import('…')` before it
          const at = call.lastIndexOf(`'${name}'`);
          return `${call.slice(0, at)}decodeURIComponent(new URL(import.meta.ROLLDOWN_FILE_URL_${ref}).pathname))`;
        });
        return out === code ? null : { code: out, map: null };
      },
    },
    {
      name: 'clean-chunks',
      buildStart: () => {
        reach = undefined;
        rmSync(`${OUT}/chunks`, { recursive: true, force: true });
      },
    },
  ],
  output: {
    dir: OUT,
    format: 'esm',
    entryFileNames: '[name].js',
    chunkFileNames: 'chunks/[name]-[hash].js',
    sourcemap: true,
    codeSplitting: {
      includeDependenciesRecursively: false,
      groups: [{ name: chunkOf, debugName: 'base, first-frame and app' }],
    },
  },
});
