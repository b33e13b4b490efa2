import { z } from 'zod';
import { text } from '../schema-helpers.js';

export const deviceSection = z
  .strictObject({
    /** Stable device id used in MQTT topics; lower-case letters, digits and dashes. */
    id: text()
      .regex(/^[a-z0-9][a-z0-9-]{1,62}$/, { error: 'must be 2-63 lower-case letters, digits or dashes' })
      .default('kiosk-sim-01'),
    /** Fleet group(s) this device belongs to, e.g. a province or district. */
    groups: z.array(text()).default(['default']),
    /** Agency name printed on tickets and shown in the header. */
    agency: text().min(1).default('UBND XÃ MẪU'),
    /** Centre name shown under the agency. */
    centre: text().min(1).default('Trung tâm Phục vụ hành chính công'),
    /** IANA time zone used for ticket times and daily numbering. */
    timeZone: text().default('Asia/Ho_Chi_Minh'),
  })
  .prefault({});
