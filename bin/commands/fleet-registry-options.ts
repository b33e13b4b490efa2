import type { Command } from 'commander';
import { RegistryClient } from '../../app/fleet-registry/registry-client.js';

/** How a fleet command reaches the registry (`kiosk fleet serve`). */
export interface RegistryOptions {
  registry?: string;
  registryUser?: string;
}

export function addRegistryOptions(cmd: Command, required = false): Command {
  const env = process.env.KIOSK_FLEET_REGISTRY;
  return cmd
    .option(
      '--registry <url>',
      `fleet registry (kiosk fleet serve) to ask${required ? '' : ' instead of the broker'}, e.g. http://127.0.0.1:8090 (or KIOSK_FLEET_REGISTRY)`,
      ...(env ? [env] : []),
    )
    .option(
      '--registry-user <name>',
      'registry account (or KIOSK_FLEET_REGISTRY_USER); password from KIOSK_FLEET_REGISTRY_PASSWORD, or KIOSK_FLEET_REGISTRY_TOKEN',
      process.env.KIOSK_FLEET_REGISTRY_USER,
    );
}

export function registryClient(o: RegistryOptions & { registry: string }): RegistryClient {
  const password = process.env.KIOSK_FLEET_REGISTRY_PASSWORD;
  const token = process.env.KIOSK_FLEET_REGISTRY_TOKEN;
  return new RegistryClient({
    url: o.registry,
    ...(o.registryUser ? { user: o.registryUser } : {}),
    ...(password ? { password } : {}),
    ...(token ? { token } : {}),
  });
}
