import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { generateFleetKeys } from '../../domain/fleet/signing.js';

/** `kiosk keys gen`: the fleet's Ed25519 signing key pair. */
export function registerKeysCommand(program: Command): void {
  const keys = program.command('keys').description('fleet signing keys (Ed25519)');
  keys
    .command('gen')
    .description(
      'make a fleet key pair: the private key signs commands and catalogs, kiosks trust the public key',
    )
    .requiredOption('--out <dir>', 'directory for fleet-private.pem (mode 600) and fleet-public.pem')
    .option('--force', 'overwrite existing key files')
    .option('--json', 'print {keyId, privateKey, publicKey} paths as JSON')
    .action((opts: { out: string; force?: boolean; json?: boolean }) => {
      const dir = resolve(opts.out);
      const privateFile = join(dir, 'fleet-private.pem');
      const publicFile = join(dir, 'fleet-public.pem');
      if (!opts.force && (existsSync(privateFile) || existsSync(publicFile))) {
        process.stderr.write(
          `--out: ${dir} already holds fleet keys; use --force to replace them (kiosks trusting the old key will refuse the new one)\n`,
        );
        process.exitCode = 2;
        return;
      }
      mkdirSync(dir, { recursive: true });
      const pair = generateFleetKeys();
      writeFileSync(privateFile, pair.privatePem, { mode: 0o600 });
      writeFileSync(publicFile, pair.publicPem, { mode: 0o644 });
      if (opts.json) {
        process.stdout.write(
          `${JSON.stringify({ keyId: pair.keyId, privateKey: privateFile, publicKey: publicFile })}\n`,
        );
        return;
      }
      process.stdout.write(
        [
          `key id      ${pair.keyId}`,
          `private key ${privateFile}  (keep it offline; it signs commands and catalogs)`,
          `public key  ${publicFile}  (copy to each kiosk; set fleet.fleetPublicKey to its path)`,
          '',
        ].join('\n'),
      );
    });
}
