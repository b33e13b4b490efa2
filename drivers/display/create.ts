import type { KioskConfig } from '../../runtime/config/schema.js';
import { MockDisplay } from '../../hardware-mocks/display.js';
import { deviceSize } from '../../ui-framebuffer/rotation.js';
import { unavailableDriver } from '../unavailable.js';
import { FbdevDisplay } from './fbdev.js';
import { FileDisplay } from './file.js';
import { PngSnapshotDisplay } from './png-snapshot.js';
import type { DisplayDriver } from './types.js';

export function createDisplay(config: KioskConfig['display']): DisplayDriver {
  const size = deviceSize(config.width, config.height, config.rotation);
  switch (config.driver) {
    case 'mock':
      return new MockDisplay(size.width, size.height);
    case 'fbdev':
      return new FbdevDisplay({
        device: config.device,
        format: config.pixelFormat,
        ...(config.sysfsDir ? { sysfsDir: config.sysfsDir } : {}),
        ...(config.backlight ? { backlightDir: config.backlight } : {}),
      });
    case 'file':
      return new FileDisplay({
        file: config.file,
        width: size.width,
        height: size.height,
        format: config.pixelFormat === 'auto' ? 'rgb565le' : config.pixelFormat,
      });
    case 'png':
      return new PngSnapshotDisplay(config.file, size.width, size.height);
    default:
      return unavailableDriver('display.driver', config.driver, ['mock', 'fbdev', 'file', 'png']);
  }
}
