import { createHmac, randomBytes } from 'node:crypto';
import { migrate, type Db } from '../../runtime/storage/database.js';

const MIGRATIONS = [
  `CREATE TABLE identity_salt (id INTEGER PRIMARY KEY CHECK (id = 1), salt BLOB NOT NULL);`,
];

/**
 * Salted one-way hashes of personal identifiers (CCCD numbers). The salt is random per device and
 * never leaves it, so a hash can count repeat visits locally but cannot be reversed by trying all
 * 10^12 numbers without the device's database. Only these hashes may reach logs or telemetry.
 */
export class PersonalHasher {
  private salt: Buffer | undefined;

  constructor(private readonly db: Db) {
    migrate(db, 'identity', MIGRATIONS);
  }

  hash(personalId: string): string {
    return createHmac('sha256', this.ensureSalt())
      .update(personalId.normalize('NFC'))
      .digest('hex')
      .slice(0, 32);
  }

  private ensureSalt(): Buffer {
    if (this.salt) return this.salt;
    const row = this.db.prepare('SELECT salt FROM identity_salt WHERE id = 1').get() as
      { salt: Buffer } | undefined;
    if (row) return (this.salt = row.salt);
    const salt = randomBytes(32);
    this.db.prepare('INSERT OR IGNORE INTO identity_salt (id, salt) VALUES (1, ?)').run(salt);
    const stored = this.db.prepare('SELECT salt FROM identity_salt WHERE id = 1').get() as { salt: Buffer };
    return (this.salt = stored.salt);
  }
}
