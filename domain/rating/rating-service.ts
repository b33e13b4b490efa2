import { randomUUID } from 'node:crypto';
import type { Clock } from '../../runtime/clock.js';
import { migrate, type Db } from '../../runtime/storage/database.js';
import type { EventRecorder } from '../telemetry/event-recorder.js';
import { ratingScale } from './rating-scale.js';

const MIGRATIONS = [
  `CREATE TABLE ratings (
     id TEXT PRIMARY KEY,
     score INTEGER NOT NULL,
     levels INTEGER NOT NULL,
     counter INTEGER,
     dossier_number TEXT,
     ticket_number TEXT,
     created_at INTEGER NOT NULL,
     outbox_id INTEGER NOT NULL
   );`,
];

export interface RatingInput {
  /** 1 (worst) .. levels (best). */
  score: number;
  counter?: number | undefined;
  dossierNumber?: string | undefined;
  ticketNumber?: string | undefined;
}

export interface StoredRating {
  id: string;
  score: number;
  levels: 3 | 5;
  label: string;
  counter: number | null;
  dossierNumber: string | null;
  ticketNumber: string | null;
  createdAt: number;
}

/** Outbox topic of rating records. */
export const RATING_TOPIC = 'records/rating';

/**
 * Satisfaction ratings. The rating row and its outbox record are written in ONE SQLite
 * transaction (synchronous=FULL): after a kill -9 either both exist or neither, and nothing
 * re-queues a rating at start-up, so the fleet receives each rating exactly once (the id lets the
 * receiver drop a redelivery after an unacknowledged publish).
 */
export class RatingService {
  constructor(
    private readonly db: Db,
    private readonly recorder: Pick<EventRecorder, 'record' | 'committed'>,
    private readonly clock: Clock,
    private readonly levels: 3 | 5,
  ) {
    migrate(db, 'ratings', MIGRATIONS);
  }

  get scale() {
    return ratingScale(this.levels);
  }

  submit(input: RatingInput): StoredRating {
    const level = this.scale.find((l) => l.score === input.score);
    if (!level) throw new TypeError(`score: must be 1-${this.levels}, got ${JSON.stringify(input.score)}`);
    if (
      input.counter !== undefined &&
      (!Number.isInteger(input.counter) || input.counter < 1 || input.counter > 99)
    )
      throw new TypeError(`counter: must be 1-99, got ${JSON.stringify(input.counter)}`);
    const rating: StoredRating = {
      id: randomUUID(),
      score: level.score,
      levels: this.levels,
      label: level.vi,
      counter: input.counter ?? null,
      dossierNumber: input.dossierNumber ?? null,
      ticketNumber: input.ticketNumber ?? null,
      createdAt: this.clock.now(),
    };
    const message = this.db
      .transaction(() => {
        const queued = this.recorder.record(
          RATING_TOPIC,
          {
            id: rating.id,
            score: rating.score,
            levels: rating.levels,
            label: rating.label,
            counter: rating.counter,
            dossierNumber: rating.dossierNumber,
            ticketNumber: rating.ticketNumber,
            createdAt: new Date(rating.createdAt).toISOString(),
          },
          rating.createdAt,
        );
        this.db
          .prepare(
            'INSERT INTO ratings (id, score, levels, counter, dossier_number, ticket_number, created_at, outbox_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
          )
          .run(
            rating.id,
            rating.score,
            rating.levels,
            rating.counter,
            rating.dossierNumber,
            rating.ticketNumber,
            rating.createdAt,
            queued.id,
          );
        return queued;
      })
      .immediate();
    this.recorder.committed(message);
    return rating;
  }

  list(limit = 100): StoredRating[] {
    const rows = this.db
      .prepare('SELECT * FROM ratings ORDER BY created_at DESC, rowid DESC LIMIT ?')
      .all(limit) as {
      id: string;
      score: number;
      levels: number;
      counter: number | null;
      dossier_number: string | null;
      ticket_number: string | null;
      created_at: number;
    }[];
    return rows.map((r) => {
      const levels = r.levels === 3 ? 3 : 5;
      return {
        id: r.id,
        score: r.score,
        levels,
        label: ratingScale(levels).find((l) => l.score === r.score)?.vi ?? String(r.score),
        counter: r.counter,
        dossierNumber: r.dossier_number,
        ticketNumber: r.ticket_number,
        createdAt: r.created_at,
      };
    });
  }
}
