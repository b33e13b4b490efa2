import { z } from 'zod';
import { flag, intIn, oneOf, text } from '../schema-helpers.js';

/** Satisfaction rating (kiosk-conventions.md: 5 levels as in ministry surveys, or 3 as in kiosks). */
export const ratingSection = z
  .strictObject({
    /** 5: Rất hài lòng ... Rất không hài lòng; 3: Hài lòng / Bình thường / Không hài lòng. */
    levels: oneOf([3, 5]).default(5),
    /** Ask which counter served the citizen when the kiosk does not know it. */
    askCounter: flag().default(true),
  })
  .prefault({});

/** Dossier status lookup over the fleet link (MQTT 5 request/response to the centre). */
export const dossierSection = z
  .strictObject({
    /**
     * Request topic under the device's own topic (`{fleet.prefix}/devices/{id}/...`); the centre's
     * gateway answers on the MQTT 5 response topic with the correlation data.
     */
    requestTopic: text()
      .regex(/^[A-Za-z0-9][A-Za-z0-9._/-]*$/, { error: 'must be a topic without wildcards' })
      .default('centre/dossier-status'),
    /** Same, for the centre queue system's "people ahead" count; empty = always count locally. */
    peopleAheadTopic: text().default('centre/queue-ahead'),
    /** How long to wait for the centre before falling back to the last known status. */
    timeoutMs: intIn(200, 60_000).default(4000),
  })
  .prefault({});

/** The procedure catalog shown and searched by the kiosk. */
export const catalogSection = z
  .strictObject({
    /** Catalog file (.json or .json.gz); empty = the commune-level catalog shipped with the kiosk. */
    file: text().default(''),
  })
  .prefault({});

/** The centre's bank account for fee payment QRs (VietQR); no QR is shown while it is unset. */
export const paymentSection = z
  .strictObject({
    /** NAPAS bank BIN, 6 digits (e.g. 970436 Vietcombank, 970415 VietinBank, 970405 Agribank). */
    bankBin: text()
      .regex(/^(\d{6})?$/, { error: 'must be the 6-digit NAPAS BIN of the bank, or empty' })
      .default(''),
    accountNumber: text()
      .regex(/^([0-9A-Za-z]{4,19})?$/, { error: 'must be 4-19 letters or digits, or empty' })
      .default(''),
    /** Account holder as the bank shows it, printed under the QR. */
    accountName: text().default(''),
  })
  .prefault({});

/** The e-forms filled at the kiosk (docs/forms.md). */
export const formsSection = z
  .strictObject({
    /**
     * Ed25519 private key (PEM, PKCS#8) that signs the counter-handoff QR, e.g.
     * /etc/smart-kiosk/handoff-key.pem made with `openssl genpkey -algorithm ed25519`; the counter
     * trusts its public half. Empty: the kiosk makes its own on first use in the data folder
     * (storage.dataDir/handoff-key.pem, with handoff-key.pub.pem beside it). A key named here is
     * never made or replaced by the kiosk: missing or wrong, no slip is signed and the doctor says why.
     */
    handoffKey: text().default(''),
  })
  .prefault({});
