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
    /** Request topic suffix under the device's topic; the centre answers on the response topic. */
    requestTopic: text().min(1).default('request/dossier-status'),
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
