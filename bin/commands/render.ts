import type { Command } from 'commander';
import { writeFile } from 'node:fs/promises';
import { convertFrame } from '../../drivers/display/pixel-format.js';
import { frameToPng } from '../../drivers/display/png-snapshot.js';
import type { PixelFormat } from '../../drivers/display/types.js';
import { configureLogging } from '../../runtime/logger.js';
import { HeadlessKiosk } from '../../ui-framebuffer/headless-render.js';
import type { Rotation } from '../../ui-framebuffer/rotation.js';

const FORMATS = ['png', 'rgb565le', 'rgb888', 'bgr888', 'xrgb8888', 'bgra8888', 'rgba8888'] as const;
type OutputFormat = (typeof FORMATS)[number];

interface RenderOptions {
  screen?: string;
  list?: boolean;
  size: string;
  rotate: string;
  theme: string;
  lang: string;
  format: string;
  out?: string;
  config?: string;
  time?: string;
}

function fail(message: string): never {
  process.stderr.write(`kiosk render: ${message}\n`);
  process.exit(2);
}

function parseSize(value: string): { width: number; height: number } {
  const m = /^(\d{2,4})x(\d{2,4})$/.exec(value);
  const width = Number(m?.[1]);
  const height = Number(m?.[2]);
  if (!m || width < 240 || height < 240 || width > 4096 || height > 4096) {
    fail(`--size: must be WIDTHxHEIGHT between 240 and 4096, e.g. 800x480, got "${value}"`);
  }
  return { width, height };
}

export function registerRenderCommand(program: Command): void {
  program
    .command('render')
    .description('render one screen with sample data to a PNG or raw panel bytes (no hardware needed)')
    .option('--screen <name>', 'screen to render (see --list)')
    .option('--list', 'print the names of the screens that can be rendered')
    .option('--size <WxH>', "the panel's mode as the framebuffer reports it", '800x480')
    .option('--rotate <deg>', 'how the panel is mounted: 0, 90, 180 or 270', '0')
    .option('--theme <name>', 'normal or large', 'normal')
    .option('--lang <lang>', 'vi or en', 'vi')
    .option(
      '--format <fmt>',
      `output: ${FORMATS.join(', ')} (raw formats are the bytes the panel takes)`,
      'png',
    )
    .option('--out <file>', 'output file')
    .option('--config <file>', 'config file for sample data (centre name, service groups)')
    .option('--time <iso>', 'fixed time shown by clocks, e.g. 2026-11-25T08:30:00+07:00')
    .action(async (opts: RenderOptions) => {
      configureLogging({ level: 'error', destination: process.stderr });
      const size = parseSize(opts.size);
      const rotation = Number(opts.rotate);
      if (![0, 90, 180, 270].includes(rotation))
        fail(`--rotate: must be 0, 90, 180 or 270, got "${opts.rotate}"`);
      if (opts.theme !== 'normal' && opts.theme !== 'large')
        fail(`--theme: must be normal or large, got "${opts.theme}"`);
      if (opts.lang !== 'vi' && opts.lang !== 'en') fail(`--lang: must be vi or en, got "${opts.lang}"`);
      if (!(FORMATS as readonly string[]).includes(opts.format)) {
        fail(`--format: must be one of ${FORMATS.join(', ')}, got "${opts.format}"`);
      }
      const time = opts.time === undefined ? undefined : Date.parse(opts.time);
      if (time !== undefined && Number.isNaN(time)) fail(`--time: not a date/time, got "${opts.time}"`);
      if (!opts.list && !opts.screen) fail('--screen NAME or --list is required');
      if (!opts.list && !opts.out) fail('--out FILE is required');
      const headless = await HeadlessKiosk.open({
        ...size,
        rotation: rotation as Rotation,
        ...(opts.config ? { configFile: opts.config } : {}),
        ...(time !== undefined ? { time } : {}),
      });
      try {
        if (opts.list) {
          process.stdout.write(`${headless.screenNames.join('\n')}\n`);
          return;
        }
        const name = opts.screen as string;
        if (!headless.screenNames.includes(name)) {
          await headless.close();
          fail(`--screen: no screen named "${name}"; available: ${headless.screenNames.join(', ')}`);
        }
        const shot = await headless.render(name, { theme: opts.theme, lang: opts.lang });
        const format = opts.format as OutputFormat;
        const bytes =
          format === 'png' ? frameToPng(shot.upright) : convertFrame(shot.device, format as PixelFormat);
        await writeFile(opts.out as string, bytes);
        process.stderr.write(
          `${opts.out}: ${name}, ${format}, ${shot.device.width}x${shot.device.height}` +
            `${format === 'png' ? ` (upright ${shot.upright.width}x${shot.upright.height})` : ''}\n`,
        );
      } finally {
        await headless.close();
      }
    });
}
