/**
 * The IPP/1.1-2.0 message encoding (RFC 8010) for the few operations the kiosk uses: Print-Job
 * and Get-Printer-Attributes. Pure: Buffers in and out; decoding checks every length against the
 * bytes it has and throws IppDecodeError on anything malformed.
 */

export const IPP_OPERATION = {
  printJob: 0x0002,
  getJobAttributes: 0x0009,
  getPrinterAttributes: 0x000b,
} as const;

/** Delimiter tags (attribute groups). */
const TAG = { operation: 0x01, job: 0x02, end: 0x03, printer: 0x04, unsupported: 0x05 } as const;
const GROUP_NAMES: Record<number, IppGroupName> = {
  1: 'operation',
  2: 'job',
  4: 'printer',
  5: 'unsupported',
};
export type IppGroupName = 'operation' | 'job' | 'printer' | 'unsupported' | 'other';

/** Value tags (RFC 8010 §3.5.2). */
export const VALUE = {
  integer: 0x21,
  boolean: 0x22,
  enum: 0x23,
  text: 0x41,
  name: 0x42,
  keyword: 0x44,
  uri: 0x45,
  charset: 0x47,
  naturalLanguage: 0x48,
  mimeMediaType: 0x49,
} as const;

export type IppValue = string | number | boolean | Buffer;

export interface IppAttribute {
  tag: number;
  name: string;
  values: IppValue[];
}

export interface IppRequest {
  operation: number;
  requestId: number;
  /** Operation attributes after charset and language, in order. */
  attributes: { tag: number; name: string; value: string | number }[];
  /** Document data following the attributes (Print-Job). */
  data?: Uint8Array;
}

export interface IppResponse {
  version: string;
  /** status-code (0x0000-0x00FF are successes). */
  status: number;
  requestId: number;
  groups: { name: IppGroupName; attributes: Map<string, IppAttribute> }[];
}

export class IppDecodeError extends Error {
  override readonly name = 'IppDecodeError';
}

function u16(n: number): Buffer {
  const b = Buffer.alloc(2);
  b.writeUInt16BE(n);
  return b;
}

function attribute(tag: number, name: string, value: string | number): Buffer {
  const nameBytes = Buffer.from(name, 'utf8');
  let valueBytes: Buffer;
  if (typeof value === 'number') {
    valueBytes = Buffer.alloc(4);
    valueBytes.writeInt32BE(value);
  } else valueBytes = Buffer.from(value, 'utf8');
  if (valueBytes.length > 0xffff) throw new RangeError(`IPP attribute ${name} is longer than 65535 bytes`);
  return Buffer.concat([
    Buffer.from([tag]),
    u16(nameBytes.length),
    nameBytes,
    u16(valueBytes.length),
    valueBytes,
  ]);
}

/** Encodes a request: version 2.0, the operation, charset utf-8 and the language, then the attributes. */
export function encodeRequest(req: IppRequest, language = 'vi'): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt8(2, 0);
  head.writeUInt8(0, 1);
  head.writeUInt16BE(req.operation, 2);
  head.writeUInt32BE(req.requestId >>> 0, 4);
  const parts = [
    head,
    Buffer.from([TAG.operation]),
    attribute(VALUE.charset, 'attributes-charset', 'utf-8'),
    attribute(VALUE.naturalLanguage, 'attributes-natural-language', language),
    ...req.attributes.map((a) => attribute(a.tag, a.name, a.value)),
    Buffer.from([TAG.end]),
  ];
  if (req.data) parts.push(Buffer.from(req.data.buffer, req.data.byteOffset, req.data.byteLength));
  return Buffer.concat(parts);
}

function decodeValue(tag: number, bytes: Buffer): IppValue {
  if (tag === VALUE.integer || tag === VALUE.enum) {
    if (bytes.length !== 4) throw new IppDecodeError(`integer value of ${bytes.length} bytes (want 4)`);
    return bytes.readInt32BE(0);
  }
  if (tag === VALUE.boolean) {
    if (bytes.length !== 1) throw new IppDecodeError(`boolean value of ${bytes.length} bytes (want 1)`);
    return bytes[0] !== 0;
  }
  if (tag >= 0x40 && tag <= 0x4f) return bytes.toString('utf8');
  return bytes;
}

/** Decodes a response (or a request: same framing), stopping at end-of-attributes. */
export function decodeResponse(buf: Buffer): IppResponse {
  if (buf.length < 9) throw new IppDecodeError(`${buf.length} bytes is too short for an IPP message`);
  const major = buf[0] ?? 0;
  if (major < 1 || major > 2) throw new IppDecodeError(`IPP version ${major}.${buf[1]} is not 1.x or 2.x`);
  const res: IppResponse = {
    version: `${major}.${buf[1]}`,
    status: buf.readUInt16BE(2),
    requestId: buf.readUInt32BE(4),
    groups: [],
  };
  let at = 8;
  let group: IppResponse['groups'][number] | undefined;
  let last: IppAttribute | undefined;
  const need = (n: number) => {
    if (at + n > buf.length) throw new IppDecodeError(`truncated at byte ${at}: need ${n} more`);
  };
  for (;;) {
    need(1);
    const tag = buf[at] as number;
    at += 1;
    if (tag === TAG.end) return res;
    if (tag < 0x10) {
      group = { name: GROUP_NAMES[tag] ?? 'other', attributes: new Map() };
      res.groups.push(group);
      last = undefined;
      continue;
    }
    if (!group) throw new IppDecodeError(`value tag 0x${tag.toString(16)} before any attribute group`);
    need(2);
    const nameLength = buf.readUInt16BE(at);
    at += 2;
    need(nameLength);
    const name = buf.toString('utf8', at, at + nameLength);
    at += nameLength;
    need(2);
    const valueLength = buf.readUInt16BE(at);
    at += 2;
    need(valueLength);
    const value = decodeValue(tag, buf.subarray(at, at + valueLength));
    at += valueLength;
    if (nameLength === 0) {
      // An additional value of the previous attribute (1setOf).
      if (!last) throw new IppDecodeError('additional value without an attribute');
      last.values.push(value);
      continue;
    }
    last = { tag, name, values: tag >= 0x10 && tag <= 0x1f ? [] : [value] };
    group.attributes.set(name, last);
  }
}

/** The first value of an attribute anywhere in the response. */
export function responseValue(res: IppResponse, name: string): IppValue | undefined {
  for (const g of res.groups) {
    const a = g.attributes.get(name);
    if (a) return a.values[0];
  }
  return undefined;
}

/** Every value of an attribute anywhere in the response. */
export function responseValues(res: IppResponse, name: string): IppValue[] {
  for (const g of res.groups) {
    const a = g.attributes.get(name);
    if (a) return a.values;
  }
  return [];
}

/** Names of the common status codes (RFC 8011 §B), for logs and messages. */
export function statusName(status: number): string {
  const names: Record<number, string> = {
    0x0000: 'successful-ok',
    0x0001: 'successful-ok-ignored-or-substituted-attributes',
    0x0002: 'successful-ok-conflicting-attributes',
    0x0400: 'client-error-bad-request',
    0x0401: 'client-error-forbidden',
    0x0402: 'client-error-not-authenticated',
    0x0403: 'client-error-not-authorized',
    0x0404: 'client-error-not-possible',
    0x0405: 'client-error-timeout',
    0x0406: 'client-error-not-found',
    0x040a: 'client-error-document-format-not-supported',
    0x040b: 'client-error-attributes-or-values-not-supported',
    0x0500: 'server-error-internal-error',
    0x0501: 'server-error-operation-not-supported',
    0x0502: 'server-error-service-unavailable',
    0x0503: 'server-error-version-not-supported',
    0x0504: 'server-error-device-error',
    0x0505: 'server-error-temporary-error',
    0x0506: 'server-error-not-accepting-jobs',
    0x0507: 'server-error-busy',
    0x0508: 'server-error-job-canceled',
  };
  return names[status] ?? `status 0x${status.toString(16).padStart(4, '0')}`;
}
