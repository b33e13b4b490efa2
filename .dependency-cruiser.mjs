/**
 * The house rules (docs/architecture.md): which layer may import which. `npm run lint` runs this
 * over every production folder; a violation fails CI. There is no exceptions list.
 */
const layer = (name) => `^${name}/`;
const prod = '^(runtime|drivers|hardware-mocks|domain|voice|ui-framebuffer|flows|technician|app|bin)/';

/** A rule that lets `from` import only the named folders (plus npm packages and Node built-ins). */
function onlyImports(from, allowed, comment) {
  return {
    name: `${from}-imports`,
    comment,
    severity: 'error',
    from: { path: layer(from) },
    to: { path: prod, pathNot: `^(${[from, ...allowed].join('|')})/` },
  };
}

/** `from` may import `to` only for its types (import type ...). */
function typesOnly(from, to) {
  return {
    name: `${from}-uses-only-types-of-${to}`,
    comment: `${from}/ may import the types of ${to}/, never its code`,
    severity: 'error',
    from: { path: layer(from) },
    to: { path: layer(to), dependencyTypesNot: ['type-only'] },
  };
}

export default {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'imports go one way: no module may reach itself again',
      from: {},
      to: { circular: true },
    },
    onlyImports('runtime', [], 'runtime/ is the ground floor: it imports nothing of the project'),
    onlyImports('drivers', ['runtime'], 'drivers/ build on the ground floor only'),
    onlyImports('hardware-mocks', ['runtime', 'drivers'], 'mocks implement the driver interfaces'),
    onlyImports('domain', ['runtime', 'drivers'], 'domain/ holds the rules: ground floor and driver types'),
    typesOnly('domain', 'drivers'),
    onlyImports('voice', ['runtime', 'domain', 'drivers'], 'voice/ is a view: speech of domain state'),
    typesOnly('voice', 'drivers'),
    typesOnly('voice', 'domain'),
    onlyImports(
      'ui-framebuffer',
      ['runtime', 'domain', 'drivers'],
      'ui-framebuffer/ is a view: pixels of domain state',
    ),
    typesOnly('ui-framebuffer', 'drivers'),
    typesOnly('ui-framebuffer', 'domain'),
    onlyImports(
      'flows',
      ['runtime', 'drivers', 'domain', 'voice', 'ui-framebuffer'],
      'flows/ is what the citizen does',
    ),
    onlyImports(
      'technician',
      ['runtime', 'drivers', 'domain', 'voice', 'ui-framebuffer', 'flows'],
      'technician/ tools use every layer below the app',
    ),
    onlyImports(
      'app',
      ['runtime', 'drivers', 'hardware-mocks', 'domain', 'voice', 'ui-framebuffer', 'flows', 'technician'],
      'app/ composes everything',
    ),
    onlyImports(
      'bin',
      ['runtime', 'drivers', 'domain', 'voice', 'ui-framebuffer', 'flows', 'technician', 'app'],
      'the CLI stands on app/ and below',
    ),
    {
      name: 'mocks-only-through-app-hardware',
      comment:
        'production code reaches the mocks only through app/hardware.ts, which maps config to a driver',
      severity: 'error',
      from: { path: prod, pathNot: '^(hardware-mocks/|app/hardware\\.ts$)' },
      to: { path: '^hardware-mocks/' },
    },
    {
      name: 'screens-never-import-screens',
      comment: 'a screen asks the navigator for a named route; it never imports another screen',
      severity: 'error',
      from: { path: '^ui-framebuffer/screens/' },
      to: { path: '^ui-framebuffer/screens/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(node_modules|dist|test|docs)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      extensions: ['.ts', '.js'],
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default'],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
