import { z } from 'zod';
import { flag, intIn, text } from '../schema-helpers.js';

/** Technician maintenance mode (screen behind a PIN). */
export const maintenanceSection = z
  .strictObject({
    enabled: flag().default(true),
    /**
     * scrypt hash of the maintenance PIN, as written by `kiosk provision --pin` (never the PIN
     * itself). Without it the maintenance screen cannot be opened.
     */
    pinHash: text()
      .regex(/^scrypt\$\d+\$\d+\$\d+\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/, {
        error: 'must be a hash written by `kiosk provision --pin` (scrypt$N$r$p$salt$hash)',
      })
      .optional(),
    /** Wrong PINs in a row before entry is locked for lockoutSeconds. */
    maxAttempts: intIn(1, 20).default(5),
    lockoutSeconds: intIn(10, 86_400).default(300),
    /** QR/barcode text that opens the PIN screen when scanned. */
    qrCode: text().min(8).default('KIOSK-MAINTENANCE'),
  })
  .prefault({});
