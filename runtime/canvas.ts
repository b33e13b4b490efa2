import { lazyRequire } from './lazy-require.js';

/**
 * @napi-rs/canvas, required on first use. Loaded by `import`, Node first runs its CommonJS export
 * lexer over the package's loader: measured 110-200 ms against 26-64 ms by `require` (#16), paid
 * before the first frame. Types still come from `import type`.
 */
export const canvasLib = lazyRequire<typeof import('@napi-rs/canvas')>('@napi-rs/canvas');
