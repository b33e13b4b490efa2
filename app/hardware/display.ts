import type { KioskConfig } from '../../runtime/config/schema.js';
import { MockDisplay } from '../../hardware-mocks/display.js';
import { deviceSize } from '../../drivers/display/rotation.js';
import { unavailableDriver } from '../../drivers/unavailable.js';
import { FbdevDisplay } from '../../drivers/display/fbdev.js';
import { FileDisplay } from '../../drivers/display/file.js';
import { PngSnapshotDisplay } from '../../drivers/display/png-snapshot.js';
import type { DisplayDriver } from '../../drivers/display/types.js';

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
