/** Where a dossier is in its processing, as the centre reports it. */
export type DossierState =
  'received' | 'processing' | 'supplement' | 'ready' | 'returned' | 'rejected' | 'unknown';

export interface DossierStatus {
  dossierNumber: string;
  state: DossierState;
  /** The centre's own wording, if it sent one (NFC). */
  stateText?: string;
  procedureName?: string;
  /** ISO dates from the centre. */
  receivedAt?: string;
  dueAt?: string;
  /** Counter that handles / returns it. */
  counter?: number;
  note?: string;
}

export const STATE_TEXT: Record<DossierState, { vi: string; en: string }> = {
  received: { vi: 'Đã tiếp nhận', en: 'Received' },
  processing: { vi: 'Đang giải quyết', en: 'Being processed' },
  supplement: { vi: 'Cần bổ sung hồ sơ', en: 'Documents need to be supplemented' },
  ready: { vi: 'Đã có kết quả, mời đến nhận', en: 'Result ready for collection' },
  returned: { vi: 'Đã trả kết quả', en: 'Result already returned' },
  rejected: { vi: 'Không đủ điều kiện giải quyết', en: 'Not eligible (rejected)' },
  unknown: { vi: 'Chưa rõ trạng thái', en: 'Status unknown' },
};

const STATES = Object.keys(STATE_TEXT) as DossierState[];

const str = (v: unknown): string | undefined =>
  typeof v === 'string' && v.trim() ? v.normalize('NFC').trim().slice(0, 300) : undefined;

/**
 * Reads the centre's answer. Accepts `{status:"ok", data:{...}}` or the bare data object; a
 * `not-found` answer gives 'not-found'. Throws TypeError naming the field for malformed answers.
 */
export function parseDossierAnswer(
  dossierNumber: string,
  answer: Record<string, unknown>,
): DossierStatus | 'not-found' {
  const envelope = answer;
  if (envelope.status === 'not-found' || envelope.found === false || envelope.error === 'not-found')
    return 'not-found';
  if (envelope.status === 'error')
    throw new TypeError(`status: the centre answered error ${JSON.stringify(envelope.error ?? null)}`);
  const data = (
    typeof envelope.data === 'object' && envelope.data !== null ? envelope.data : envelope
  ) as Record<string, unknown>;
  if (data.found === false) return 'not-found';
  const rawState = data.state ?? data.dossierState;
  if (typeof rawState !== 'string')
    throw new TypeError(`data.state: must be text, got ${JSON.stringify(rawState)}`);
  const state = (STATES as string[]).includes(rawState) ? (rawState as DossierState) : 'unknown';
  const counter = data.counter;
  const status: DossierStatus = { dossierNumber, state };
  const optional: [keyof DossierStatus, string | undefined][] = [
    ['stateText', str(data.stateText) ?? (state === 'unknown' ? str(rawState) : undefined)],
    ['procedureName', str(data.procedureName)],
    ['receivedAt', str(data.receivedAt)],
    ['dueAt', str(data.dueAt)],
    ['note', str(data.note)],
  ];
  for (const [key, value] of optional) if (value) Object.assign(status, { [key]: value });
  if (typeof counter === 'number' && Number.isInteger(counter) && counter > 0 && counter < 100)
    status.counter = counter;
  return status;
}
