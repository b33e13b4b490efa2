import { existsSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readCheckedConfig } from '../../../runtime/config/checked-config.js';
import { loadConfig } from '../../../runtime/config/load.js';
import { tempDir } from '../../helpers/sim-process.js';

/** A config file naming its data folder, in a fresh folder. */
function configFile(extra: Record<string, unknown> = {}, name = 'kiosk.json') {
  const dir = tempDir('kiosk-checked-');
  const dataDir = join(dir, 'data');
  const file = join(dir, name);
  const write = (more: Record<string, unknown> = {}) =>
    writeFileSync(
      file,
      JSON.stringify({ device: { id: 'hn-checked-01' }, storage: { dataDir }, ...extra, ...more }),
    );
  write();
  return { dir, dataDir, file, write };
}

describe('checked config (runtime/config/checked-config.ts)', () => {
  it('gives back the validated config for the same bytes and overrides, in the data folder', async () => {
    const { file, dataDir } = configFile({ display: { rotation: 90 } });
    const first = await readCheckedConfig(file, {});
    expect(first.config).toBeUndefined();
    const config = await loadConfig(file);
    await first.save(config);
    // it may hold the broker password: the kiosk's alone
    expect(statSync(join(dataDir, 'config.checked.json')).mode & 0o077).toBe(0);
    const again = await readCheckedConfig(file, { 'storage.dataDir': undefined });
    expect(again.config).toEqual(config);
    expect(again.config?.display.rotation).toBe(90);
  });

  it('has none once the file changed, for other overrides, or when the record is damaged', async () => {
    const { file, dataDir, write } = configFile();
    const config = await loadConfig(file);
    await (await readCheckedConfig(file, {})).save(config);
    expect((await readCheckedConfig(file, {})).config).toBeDefined();
    // another data folder on the command line: another record (and another place)
    const other = join(dataDir, 'other');
    expect((await readCheckedConfig(file, { 'storage.dataDir': other })).config).toBeUndefined();
    write({ display: { theme: 'normal' } });
    expect((await readCheckedConfig(file, {})).config).toBeUndefined();
    write();
    expect((await readCheckedConfig(file, {})).config).toBeDefined();
    writeFileSync(join(dataDir, 'config.checked.json'), '{"key": "cut sh');
    expect((await readCheckedConfig(file, {})).config).toBeUndefined();
  });

  it('keeps nothing without a data folder to keep it in, and nothing for an unreadable file', async () => {
    const dir = tempDir('kiosk-checked-');
    const file = join(dir, 'kiosk.yaml');
    writeFileSync(file, 'device:\n  id: hn-checked-02\n');
    const none = await readCheckedConfig(file, {});
    expect(none.config).toBeUndefined();
    await none.save(await loadConfig(file));
    expect(existsSync(join(dir, '.kiosk-data', 'config.checked.json'))).toBe(false);
    expect((await readCheckedConfig(join(dir, 'absent.yaml'), {})).config).toBeUndefined();
    // YAML naming its data folder is read without the schema too
    writeFileSync(file, `storage:\n  dataDir: ${join(dir, 'data')}\n`);
    const yaml = await readCheckedConfig(file, {});
    await yaml.save(await loadConfig(file));
    expect((await readCheckedConfig(file, {})).config?.storage.dataDir).toBe(join(dir, 'data'));
  });
});
