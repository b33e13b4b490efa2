/**
 * The body of the recognizer's worker thread (CommonJS, run with `eval: true` so the same code
 * works from the TypeScript sources and from dist/). It hosts vosk-browser's own Web Worker, which
 * is embedded in its bundle as base64, behind a small shim:
 * - `self`, `addEventListener`, `postMessage`, `close` map onto worker_threads' parentPort;
 * - model loading is redirected from "download a .tar.gz into IndexedDB" to "copy the local model
 *   folder into the WASM file system" (four exact text patches, checked; a vosk-browser update that
 *   changes them fails loudly instead of silently going online);
 * - fetch is disabled: nothing is downloaded at run time.
 * Console output of the WASM code reaches the parent through the worker's stdout/stderr.
 */
export const VOSK_WORKER_SOURCE = String.raw`
'use strict';
const { parentPort, workerData } = require('node:worker_threads');
const fs = require('node:fs');
const path = require('node:path');
const vm = require('node:vm');
const g = globalThis;
const listeners = [];
g.self = g;
g.location = { href: 'file:///kiosk-vosk/' };
g.addEventListener = (type, fn) => { if (type === 'message') listeners.push(fn); };
g.removeEventListener = () => undefined;
g.postMessage = (m) => parentPort.postMessage(m);
g.close = () => parentPort.close();
g.fetch = async (url) => { throw new Error('network access is disabled in the kiosk recognizer: ' + url); };
g.__kioskCopyModel = (FS, target) => {
  const copy = (src, dst) => {
    FS.mkdirTree(dst);
    for (const e of fs.readdirSync(src, { withFileTypes: true })) {
      const s = path.join(src, e.name);
      const d = dst + '/' + e.name;
      if (e.isDirectory()) copy(s, d);
      else if (e.isFile()) FS.writeFile(d, fs.readFileSync(s));
    }
  };
  copy(workerData.modelDir, target);
};
const bundle = fs.readFileSync(workerData.bundlePath, 'utf8');
const found = /createBase64WorkerFactory\('([^']+)'/.exec(bundle);
if (!found) throw new Error('vosk-browser bundle changed: its embedded worker was not found in ' + workerData.bundlePath);
let code = Buffer.from(found[1], 'base64').toString('utf8');
const patches = [
  ['this.Vosk.FS.mount(this.Vosk.IDBFS, {}, storagePath);', ''],
  ['return this.Vosk.syncFilesystem(true);', 'return undefined;'],
  ['return this.Vosk.downloadAndExtract(fullModelUrl.toString(), modelPath);', 'return globalThis.__kioskCopyModel(this.Vosk.FS, modelPath);'],
  ['return this.Vosk.syncFilesystem(false);', 'return undefined;'],
];
for (const [from, to] of patches) {
  if (!code.includes(from)) throw new Error('vosk-browser worker changed, cannot patch: ' + from);
  code = code.replace(from, to);
}
parentPort.on('message', (data) => { for (const l of listeners) l({ data }); });
vm.runInThisContext(code, { filename: 'vosk-browser-worker.js' });
parentPort.postMessage({ event: 'kiosk-ready' });
`;
