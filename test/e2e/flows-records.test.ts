import { afterEach, describe, expect, it } from 'vitest';
import { startSim, tempDir, type SimProcess } from '../helpers/sim-process.js';
import { configArgs, lastSpeech, outbox, press } from './flow-steps.js';

describe('Citizen flows: ratings (durable, exactly once)', () => {
  let sim: SimProcess | undefined;
  afterEach(async () => {
    await sim?.stop();
    sim = undefined;
  });

  it('a rating is one outbox record that survives kill -9 and is not duplicated after restart', async () => {
    sim = await startSim();
    const dataDir = sim.dataDir;
    const asked = await press(sim, '4');
    expect(asked.screen).toBe('rating');
    expect(asked.details.step).toBe('counter');
    expect(await lastSpeech(sim)).toMatch(/^Bạn vừa được phục vụ tại quầy nào\? Bấm số 1: Quầy số 1/);
    const levels = await press(sim, '3');
    expect(levels.details).toMatchObject({ step: 'level', counter: 3, levels: 5 });
    expect(levels.targets.filter((t) => t.button).map((t) => t.label)).toEqual([
      '1. Rất hài lòng',
      '2. Hài lòng',
      '3. Bình thường',
      '4. Không hài lòng',
      '5. Rất không hài lòng',
    ]);
    expect(await lastSpeech(sim)).toContain('của quầy số 3');
    const thanks = await press(sim, '2');
    expect(thanks.screen).toBe('rating-thanks');
    expect(await lastSpeech(sim)).toBe('Cảm ơn bạn đã đánh giá: Hài lòng.');
    // A second press on the thanks screen cannot rate again.
    await press(sim, '2');
    const records = (await outbox(sim)).filter((m) => m.topic === 'records/rating');
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({
      kind: 'record',
      payload: { score: 4, levels: 5, label: 'Hài lòng', counter: 3 },
    });
    const id = records[0]?.payload.id;

    await sim.kill();
    sim = await startSim({ dataDir });
    const after = (await outbox(sim)).filter((m) => m.topic === 'records/rating');
    expect(after).toHaveLength(1);
    expect(after[0]?.payload.id).toBe(id);
    // Restarting again (clean stop) still does not re-queue it.
    await sim.stop();
    sim = await startSim({ dataDir });
    expect((await outbox(sim)).filter((m) => m.topic === 'records/rating')).toHaveLength(1);
  });

  it('a 3-level scale from config, skipping the counter question', async () => {
    const dir = tempDir();
    sim = await startSim({ dataDir: dir, args: configArgs(dir, { rating: { levels: 3 } }) });
    await press(sim, '4');
    const levels = await press(sim, '9');
    expect(levels.details).toMatchObject({ step: 'counter' });
    const skip = levels.targets.find((t) => t.id === 'counter:counter-skip');
    expect(skip?.button).toBe('6');
    const scale = await press(sim, '6');
    expect(scale.details).toMatchObject({ step: 'level', counter: null, levels: 3 });
    expect(scale.targets.filter((t) => t.button).map((t) => t.label)).toEqual([
      '1. Hài lòng',
      '2. Bình thường',
      '3. Không hài lòng',
    ]);
    await press(sim, '3');
    const records = (await outbox(sim)).filter((m) => m.topic === 'records/rating');
    expect(records.map((m) => [m.payload.score, m.payload.levels, m.payload.counter])).toEqual([
      [1, 3, null],
    ]);
  });
});
