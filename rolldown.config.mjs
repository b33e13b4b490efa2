import { rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { defineConfig } from 'rolldown';

/**
 * The production build of the `kiosk` entry (#16): bin/kiosk.ts and what it imports, bundled from
 * the TypeScript sources into dist/bin/kiosk.js and a few chunks (dist/bin/chunks/), so `kiosk run`
 * reads a handful of files instead of ~400 ES modules before its first frame. tsc still emits every
 * module to dist/ (tests and benches import them); `npm run dev` runs the sources with ts-node.
 *
 * Chunks: `base` holds what the commands that do not draw load statically (commander, config
 * loading and its zod schema, the logger), `app` what `kiosk run` and `kiosk sim` load statically
 * (the whole kiosk); everything imported on demand splits as usual. One big chunk parses faster
 * than dozens of small ones (each is a file read, a resolve and a module record).
 *
 * Packages stay external (loaded from node_modules) unless in BUNDLED: native modules, packages
 * that read their own files at run time (fonts, pdfkit's metrics), and those loaded on first use
 * through runtime/lazy-require.ts. BUNDLED are pure JavaScript loaded before the first frame.
 */
const BUNDLED = new Set(['zod', 'commander', 'yaml', 'pino', 'read-vietnamese-number']);
const OUT = 'dist/bin';
const ENTRY = 'bin/kiosk.ts';
const LIGHT = [ENTRY, 'bin/commands/config.ts', 'bin/commands/fleet.ts'];
const APP = ['bin/commands/run.ts', 'bin/commands/sim.ts'];

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

let reach;
/** `base`, `app`, or null (split as usual) for a module; the entry itself stays in kiosk.js. */
function chunkOf(id, ctx) {
  reach ??= { base: staticallyReached(LIGHT, ctx), app: staticallyReached(APP, ctx) };
  // the entry awaits the command's chunk at its top level: inside a chunk that chunk imports, it
  // would wait for itself
  if (id === resolve(ENTRY)) return null;
  if (reach.base.has(id)) return 'base';
  return reach.app.has(id) ? 'app' : null;
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
      groups: [{ name: chunkOf, debugName: 'base and app' }],
    },
  },
});
