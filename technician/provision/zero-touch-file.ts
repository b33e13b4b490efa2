/**
 * Where Raspberry Pi OS (bookworm) mounts the SD card's FAT boot partition: the zero-touch file
 * `kiosk run` applies before start (technician/provision/zero-touch.ts). A module of its own so
 * that naming it does not load provisioning.
 */
export const DEFAULT_PROVISION_FILE = '/boot/firmware/kiosk-provision.json';
