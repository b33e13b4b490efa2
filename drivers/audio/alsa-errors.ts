import { DriverError } from '../../runtime/errors.js';

/** Turns aplay/arecord/amixer stderr and exit status into a DriverError a technician can act on. */
export function alsaError(tool: string, device: string, code: number | null, stderr: string): DriverError {
  const text = stderr.trim().split('\n').slice(-3).join(' ');
  if (/No such file or directory|cannot find card|Unknown PCM|No such device/i.test(text))
    return new DriverError(
      'audio',
      'disconnected',
      'no-device',
      `${tool}: sound device "${device}" not found (${text})`,
      'list devices with "aplay -L" and set audio.playbackDevice / audio.captureDevice (e.g. plughw:CARD=Headphones); check the USB speaker is plugged in',
    );
  if (/busy/i.test(text))
    return new DriverError(
      'audio',
      'busy',
      'busy',
      `${tool}: sound device "${device}" is busy`,
      'another program holds the sound card: stop it, or use a "plug:dmix" device so several can play',
    );
  if (/Permission denied/i.test(text))
    return new DriverError(
      'audio',
      'disconnected',
      'permission',
      `${tool}: no permission to use sound device "${device}"`,
      'add the kiosk user to the "audio" group (sudo usermod -aG audio kiosk) and log in again',
    );
  if (/Unable to find simple control|Invalid command/i.test(text))
    return new DriverError(
      'audio',
      'device-fault',
      'no-mixer-control',
      `${tool}: ${text}`,
      'run "amixer scontrols" and set audio.mixerControl to one of the names listed (often "PCM" or "Master")',
    );
  return new DriverError(
    'audio',
    'device-fault',
    'failed',
    `${tool} on "${device}" failed with exit code ${code}: ${text || 'no message'}`,
    'run the same command by hand to see the problem: aplay -D <device> /usr/share/sounds/alsa/Front_Center.wav',
  );
}

export function missingTool(tool: string, err: unknown): DriverError {
  return new DriverError(
    'audio',
    'disconnected',
    'no-alsa-utils',
    `${tool} is not installed`,
    'install ALSA tools: sudo apt install alsa-utils',
    { cause: err },
  );
}
