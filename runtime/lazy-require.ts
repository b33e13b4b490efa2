import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/**
 * A CommonJS package loaded the first time it is used instead of when the importing module is:
 * the one way the kiosk defers a library its first frame does not need (mqtt, pdfkit, qrcode,
 * serialport, yaml, iconv-lite, onoff), so `kiosk run` draws home before paying for them and a CLI
 * command loads only what it runs. Synchronous, so call sites stay as they were; the type comes
 * from `typeof import('pkg')`.
 */
export function lazyRequire<T>(name: string): () => T {
  let loaded: T | undefined;
  return () => (loaded ??= require(name) as T);
}
