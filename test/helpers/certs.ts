import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface TestPki {
  dir: string;
  ca: string;
  /** Paths of the cert and key for a name (broker, a device id, fleet-manager). */
  issue(cn: string, options?: { server?: boolean }): { cert: string; key: string };
}

function openssl(args: string[], cwd: string): void {
  execFileSync('openssl', args, { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
}

/** A throwaway CA made with `openssl` (P-256 keys), for TLS/mTLS tests. */
export function createTestPki(dir: string): TestPki {
  openssl(['ecparam', '-name', 'prime256v1', '-genkey', '-noout', '-out', 'ca.key'], dir);
  openssl(
    [
      'req',
      '-x509',
      '-new',
      '-key',
      'ca.key',
      '-days',
      '2',
      '-subj',
      '/CN=smart-kiosk test CA',
      '-out',
      'ca.crt',
    ],
    dir,
  );
  let serial = 1;
  return {
    dir,
    ca: join(dir, 'ca.crt'),
    issue(cn, options = {}) {
      const key = join(dir, `${cn}.key`);
      const csr = join(dir, `${cn}.csr`);
      const cert = join(dir, `${cn}.crt`);
      const ext = join(dir, `${cn}.ext`);
      writeFileSync(
        ext,
        options.server
          ? 'subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n'
          : 'extendedKeyUsage=clientAuth\n',
      );
      openssl(['ecparam', '-name', 'prime256v1', '-genkey', '-noout', '-out', key], dir);
      openssl(['req', '-new', '-key', key, '-subj', `/CN=${cn}`, '-out', csr], dir);
      openssl(
        [
          'x509',
          '-req',
          '-in',
          csr,
          '-CA',
          'ca.crt',
          '-CAkey',
          'ca.key',
          '-set_serial',
          String(serial++),
          '-days',
          '2',
          '-extfile',
          ext,
          '-out',
          cert,
        ],
        dir,
      );
      return { cert, key };
    },
  };
}
