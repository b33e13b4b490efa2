import { copyFileSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createTestPki, type TestPki } from './certs.js';
import { freePort, startMosquitto, type Mosquitto } from './mosquitto.js';
import { tempDir } from './sim-process.js';

/**
 * Mosquitto run from the shipped `deploy/mosquitto/mosquitto.conf` and `deploy/mosquitto/acl`,
 * unmodified except for what only a test must change: listener ports on 127.0.0.1, the
 * certificate and persistence paths, and logs to stderr. Two throwaway CAs as in production:
 * the kiosk CA (kiosks, and the broker certificate) and the operator CA (fleet managers,
 * services).
 */
export interface ShippedBroker {
  broker: Mosquitto;
  /** mqtts:// URL of the kiosk listener (8883 in the shipped file). */
  kioskUrl: string;
  /** mqtts:// URL of the fleet manager and services listener (8884). */
  operatorUrl: string;
  /** Issues kiosk certificates (CN = device id); its CA also signed the broker certificate. */
  kioskPki: TestPki;
  /** Issues fleet-manager and service certificates. */
  operatorPki: TestPki;
  /** CA file every client trusts for the broker certificate. */
  ca: string;
  /** Times the broker logged a new connection by this certificate identity (username). */
  connections(username: string): number;
  dispose(): Promise<void>;
}

export async function startShippedBroker(): Promise<ShippedBroker> {
  const kioskPki = createTestPki(tempDir('pki-kiosk-'));
  const operatorPki = createTestPki(tempDir('pki-operator-'));
  const server = kioskPki.issue('broker', { server: true });
  const operatorPort = await freePort();
  const shipped = readFileSync(resolve('deploy/mosquitto/mosquitto.conf'), 'utf8');
  const broker = await startMosquitto({
    config: ({ port, dir }) => {
      copyFileSync(resolve('deploy/mosquitto/acl'), join(dir, 'acl'));
      const paths: Record<string, string> = {
        '/etc/mosquitto/ca/kiosk-ca.crt': kioskPki.ca,
        '/etc/mosquitto/ca/operator-ca.crt': operatorPki.ca,
        '/etc/mosquitto/certs/broker.crt': server.cert,
        '/etc/mosquitto/certs/broker.key': server.key,
        '/etc/mosquitto/acl': join(dir, 'acl'),
        '/var/lib/mosquitto/': `${dir}/`,
      };
      let text = shipped
        .replace(/^listener 8883$/m, `listener ${port} 127.0.0.1`)
        .replace(/^listener 8884$/m, `listener ${operatorPort} 127.0.0.1`)
        .replace(/^log_dest syslog$/m, 'log_dest stderr\nlog_type information');
      for (const [from, to] of Object.entries(paths)) text = text.split(from).join(to);
      if (!/listener \d+ 127\.0\.0\.1[\s\S]*listener \d+ 127\.0\.0\.1/.test(text))
        throw new Error(
          'deploy/mosquitto/mosquitto.conf: expected listeners 8883 (kiosks) and 8884 (operators)',
        );
      return `${text}\n${process.getuid?.() === 0 ? 'user root\n' : ''}`;
    },
  });
  return {
    broker,
    kioskUrl: broker.url,
    operatorUrl: `mqtts://127.0.0.1:${operatorPort}`,
    kioskPki,
    operatorPki,
    ca: kioskPki.ca,
    connections: (username) =>
      broker.logs
        .join('')
        .split('\n')
        .filter((l) => l.includes('New client connected') && l.includes(`u'${username}'`)).length,
    async dispose() {
      await broker.dispose();
    },
  };
}
