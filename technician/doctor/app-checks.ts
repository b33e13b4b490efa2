import { readFile } from 'node:fs/promises';
import type { ErrorWithReasonCode } from 'mqtt';
import { lazyRequire } from '../../runtime/lazy-require.js';
import { FONT_FAMILY, fontFile } from '../../runtime/fonts.js';
import { missingGlyphs } from '../../runtime/font-cmap.js';
import { errorMessage } from '../../runtime/errors.js';
import type { KioskConfig } from '../../runtime/config/schema.js';
import { mqttOptions } from '../../domain/fleet/mqtt-options.js';
import { readable } from './system-checks.js';
import type { CheckResult } from '../../runtime/check-result.js';
import type { DoctorCheck } from './types.js';

const mqtt = lazyRequire<typeof import('mqtt')>('mqtt');

/** Every letter of Vietnamese: đ and each vowel with each of the five tone marks, both cases. */
const VIETNAMESE_LETTERS = [...'aăâeêioôơuưy']
  .flatMap((v) =>
    ['', '\u0301', '\u0300', '\u0309', '\u0303', '\u0323'].map((tone) => `${v}${tone}`.normalize('NFC')),
  )
  .concat('đ')
  .map((l) => l + l.toUpperCase())
  .join('');
const WEIGHTS = [400, 600, 700, 800] as const;

/**
 * The bundled Vietnamese font: each weight the UI uses is a font file with a glyph for every
 * Vietnamese letter. Read from the files' character maps, without loading the canvas library
 * (#16: ~20 ms of the doctor's start); `kiosk doctor --interactive` draws the test pattern with it.
 */
export function fontsCheck(file: (weight: (typeof WEIGHTS)[number]) => string = fontFile): DoctorCheck {
  const base = { id: 'fonts', title: 'Fonts' };
  return {
    ...base,
    async run(): Promise<CheckResult> {
      for (const weight of WEIGHTS) {
        let missing: string[];
        try {
          missing = missingGlyphs(await readFile(file(weight)), VIETNAMESE_LETTERS);
        } catch (err) {
          return {
            ...base,
            status: 'fail',
            code: 'missing',
            message: `${FONT_FAMILY} ${weight} cannot be read: ${errorMessage(err)}`,
            hint: 'reinstall the app (sudo /opt/smart-kiosk/deploy/install.sh); node_modules/@expo-google-fonts is incomplete',
          };
        }
        if (missing.length > 0)
          return {
            ...base,
            status: 'fail',
            code: 'no-glyphs',
            message: `${FONT_FAMILY} ${weight} has no glyph for ${missing.join(' ')}`,
            hint: 'reinstall the app',
          };
      }
      return {
        ...base,
        status: 'ok',
        message: `${FONT_FAMILY} (weights ${WEIGHTS.join(', ')}: all ${VIETNAMESE_LETTERS.length} Vietnamese letters)`,
      };
    },
  };
}

const TLS_HINTS: Record<string, string> = {
  CERT_HAS_EXPIRED: 'the broker certificate has expired, or the kiosk clock is wrong (see Clock)',
  CERT_NOT_YET_VALID: 'the kiosk clock is behind: fix NTP (sudo timedatectl set-ntp true)',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'fleet.ca must be the CA that signed the broker certificate',
  SELF_SIGNED_CERT_IN_CHAIN: 'fleet.ca must be the CA that signed the broker certificate',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'fleet.ca must be the CA that signed the broker certificate',
  ERR_TLS_CERT_ALTNAME_INVALID:
    'the broker URL host name is not in its certificate; use the name the certificate was issued for',
  ECONNREFUSED: 'nothing listens there: check the broker URL and port, and that the broker runs',
  ENOTFOUND: 'the host name does not resolve: check the URL and the kiosk DNS (cat /etc/resolv.conf)',
  EAI_AGAIN: 'DNS is not answering: check the network cable / Wi-Fi',
  ETIMEDOUT: 'no answer: check the network and the firewall (port 8883 for mqtts)',
  EHOSTUNREACH: 'no route to the broker: check the network cable / Wi-Fi and the gateway',
};

/** Connects to the fleet broker with the configured TLS files and credentials, then disconnects. */
export function brokerCheck(config: KioskConfig, timeoutMs = 5000): DoctorCheck {
  const base = { id: 'broker', title: 'Fleet broker' };
  const fleet = config.fleet;
  return {
    ...base,
    async run(): Promise<CheckResult> {
      if (!fleet.enabled)
        return {
          ...base,
          status: 'skip',
          message: 'fleet link is off (provision with --broker to join the fleet)',
        };
      const files = { ca: fleet.ca, cert: fleet.cert, key: fleet.key, fleetPublicKey: fleet.fleetPublicKey };
      for (const [field, path] of Object.entries(files)) {
        const problem = path ? await readable(path) : undefined;
        if (problem)
          return {
            ...base,
            status: 'fail',
            code: 'tls-file',
            message: `fleet.${field}: ${problem}`,
            hint: `copy the file there (owner root:smart-kiosk, mode 0640) or provision again with --${field === 'fleetPublicKey' ? 'fleet-public-key' : field}`,
          };
      }
      const t0 = performance.now();
      try {
        const options = mqttOptions({
          url: fleet.broker,
          clientId: `${config.device.id}-doctor-${process.pid}`,
          ...(fleet.username !== undefined ? { username: fleet.username } : {}),
          ...(fleet.password !== undefined ? { password: fleet.password } : {}),
          ...(fleet.ca ? { ca: fleet.ca } : {}),
          ...(fleet.cert ? { cert: fleet.cert } : {}),
          ...(fleet.key ? { key: fleet.key } : {}),
          connectTimeoutMs: timeoutMs,
        });
        const client = await mqtt().connectAsync(fleet.broker, options, false);
        const ms = Math.round(performance.now() - t0);
        await client.endAsync();
        const tls = fleet.broker.startsWith('mqtts:') || fleet.broker.startsWith('wss:');
        return {
          ...base,
          status: 'ok',
          message: `connected to ${fleet.broker} in ${ms} ms${tls ? ' (TLS verified)' : ' (no TLS)'}`,
          detail: { ms, tls },
        };
      } catch (err) {
        const e = err as NodeJS.ErrnoException & ErrorWithReasonCode;
        const errCode = e.code !== undefined ? String(e.code) : undefined;
        const reason = typeof e.code === 'number' ? e.code : undefined;
        const hint =
          reason === 134 || reason === 135
            ? 'the broker refused the credentials: check fleet.username/password or the client certificate'
            : ((errCode && TLS_HINTS[errCode]) ??
              (/timed? ?out/i.test(e.message)
                ? TLS_HINTS.ETIMEDOUT
                : 'check the broker URL, network and TLS files'));
        return {
          ...base,
          status: 'fail',
          code: errCode ?? 'connect-failed',
          message: `cannot connect to ${fleet.broker}: ${e.message}`,
          hint: hint as string,
        };
      }
    },
  };
}
