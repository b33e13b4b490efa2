import type { Clock } from '../../runtime/clock.js';
import type { Logger } from '../../runtime/logger.js';
import type { Session } from '../session.js';
import { parseCccdQr, type CccdCard, type CccdParse } from './cccd.js';
import type { PersonalHasher } from './personal-hash.js';
import type { EventRecorder } from '../telemetry/event-recorder.js';

/** Session key of the scanned card; the session is wiped when the citizen leaves. */
const CARD_KEY = 'citizen.card';

/**
 * Accepts CCCD scans for the citizen in front of the kiosk. The card lives only in the session
 * (memory); a new citizen's scan replaces everything of the previous one. Logs and telemetry get
 * the outcome and a salted hash, never the raw QR or the ID number.
 */
export class IdentityService {
  constructor(
    private readonly session: Session,
    private readonly hasher: PersonalHasher,
    private readonly clock: Clock,
    private readonly log: Logger,
    private readonly recorder: Pick<EventRecorder, 'event'>,
  ) {}

  accept(raw: string): CccdParse {
    const parsed = parseCccdQr(raw, this.clock.now());
    if (!parsed.ok) {
      this.log.info(
        { problem: parsed.problem, reason: parsed.reason },
        `ID card scan rejected: ${parsed.reason}`,
      );
      this.recorder.event('events/id-card-scan', { ok: false, problem: parsed.problem });
      return parsed;
    }
    const idHash = this.hasher.hash(parsed.card.idNumber);
    // The next citizen's scan ends the previous citizen's session first.
    this.session.clear('done');
    this.session.set(CARD_KEY, parsed.card, this.clock.now());
    this.log.info({ idHash, warning: parsed.card.warning ?? null }, 'ID card scanned');
    this.recorder.event('events/id-card-scan', {
      ok: true,
      idHash,
      ...(parsed.card.warning ? { warning: parsed.card.warning } : {}),
    });
    return parsed;
  }

  /** The card of the citizen in front of the kiosk, if they scanned one this session. */
  current(): CccdCard | undefined {
    return this.session.get<CccdCard>(CARD_KEY);
  }

  /** "Kết thúc": forget the citizen now. */
  end(): void {
    this.session.clear('done');
  }
}
