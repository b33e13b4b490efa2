/**
 * The words of the command line that are not options: `kiosk fleet devices --json` gives
 * ['fleet', 'devices']. bin/kiosk.ts loads only the module of the command asked for (the first
 * word), bin/commands/fleet.ts only that of its subcommand (the second); option values may follow.
 */
export function requestedWords(argv: readonly string[] = process.argv.slice(2)): string[] {
  return argv.filter((arg) => !arg.startsWith('-'));
}
