// Help for the whole tool and for the `videos` group; each command renders its own (command.ts).
import { GLOBAL_FLAGS, type Command } from './command.js';

export function renderTopHelp(commands: readonly Command[]): string {
  const width = Math.max(...commands.map((command) => command.name.length));
  return [
    'ott: the OTT Cloud command line (workspaces, uploads, captions, playback URLs, API keys, webhooks)',
    '',
    'Usage: ott <command> [flags]',
    '',
    'Commands:',
    ...commands.map((command) => `  ${command.name.padEnd(width)}  ${command.summary}`),
    '',
    'Global flags:',
    `  --api <url>  ${GLOBAL_FLAGS.api.help}`,
    "  -h, --help   show help; ott <command> --help shows a command's flags and examples",
    '',
    'Environment:',
    '  OTT_API         default for --api',
    '  OTT_CONFIG_DIR  folder for credentials.json and uploads.json (default: ~/.config/ott)',
    '  OTT_PASSWORD    password for signup and login, instead of --password or a prompt',
    '  OTT_API_KEY     a server API key (ott_sk_…): `videos list` and `upload` then use the REST API with it,',
    '                  no login needed; every other command uses the admin session from `ott login`',
    '',
    'Examples:',
    '  ott signup --company "Acme Films" --slug acme --email owner@acme.test --wait',
    '  ott upload launch.mp4 --title "Launch film" --wait',
    '  ott videos list --status ready',
    '  ott play-url <video-id>',
    '  ott api-keys create --name "Upload service" --scope upload --scope read',
    '',
    'Exit codes: 0 done, 1 failed, 2 the command line was wrong.',
    '',
  ].join('\n');
}

export function renderGroupHelp(group: string, commands: readonly Command[]): string {
  const members = commands.filter((command) => command.name.startsWith(`${group} `));
  const width = Math.max(...members.map((command) => command.name.length));
  return [
    `Usage: ott ${group} <subcommand> [flags]`,
    '',
    'Subcommands:',
    ...members.map((command) => `  ${command.name.padEnd(width)}  ${command.summary}`),
    '',
    `Run 'ott ${group} <subcommand> --help' for its flags and examples.`,
    '',
  ].join('\n');
}
