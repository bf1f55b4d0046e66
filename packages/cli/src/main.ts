// Entry point and dispatcher. `runCli` runs one command line against a context (tests and the end-to-end
// suite call it in-process); `main` builds that context from the real process and is what bin/ott.mjs runs.
import { normaliseApiUrl, createCliContext, type CliContext } from './cli-context.js';
import { UsageError } from './cli-error.js';
import type { Command } from './command.js';
import { apiKeysCreateCommand, apiKeysListCommand, apiKeysRevokeCommand } from './commands/api-keys.js';
import { dubsAddCommand, dubsListCommand, dubsRemoveCommand } from './commands/dubs.js';
import { captionsAddCommand, captionsGenerateCommand, captionsListCommand, captionsRemoveCommand, captionsTranscriptCommand } from './commands/captions.js';
import { clipsCreateCommand } from './commands/clips.js';
import { availabilityGetCommand, availabilitySetCommand } from './commands/availability.js';
import { salesArchiveOfferCommand, salesCreateOfferCommand, salesOffersCommand, salesReportCommand, salesStatusCommand } from './commands/sales.js';
import { downloadsDisableCommand, downloadsEnableCommand, downloadsLinksCommand } from './commands/downloads.js';
import { loginCommand } from './commands/login.js';
import { logoutCommand } from './commands/logout.js';
import { playUrlCommand } from './commands/play-url.js';
import { signupCommand } from './commands/signup.js';
import { uploadCommand } from './commands/upload.js';
import { usageCommand } from './commands/usage.js';
import { videosGetCommand } from './commands/videos-get.js';
import { videosListCommand } from './commands/videos-list.js';
import { catalogueGetCommand, catalogueSearchCommand, catalogueSetCommand } from './commands/catalogue.js';
import { chaptersClearCommand, chaptersGetCommand, chaptersSetCommand } from './commands/chapters.js';
import { collectionsAddCommand, collectionsCreateCommand, collectionsDeleteCommand, collectionsListCommand, collectionsRemoveCommand, collectionsShowCommand } from './commands/collections.js';
import {
  seriesAddEpisodeCommand,
  seriesAddSeasonCommand,
  seriesCreateCommand,
  seriesDeleteCommand,
  seriesListCommand,
  seriesRemoveEpisodeCommand,
  seriesReorderEpisodesCommand,
  seriesShowCommand,
  seriesUpdateSeasonCommand,
} from './commands/series.js';
import { webhooksCreateCommand, webhooksDeleteCommand, webhooksListCommand, webhooksTestCommand } from './commands/webhooks.js';
import { readEnv } from './env.js';
import { renderGroupHelp, renderTopHelp } from './help.js';
import { terminalPasswordPrompt } from './prompt-password.js';
import { describeError } from './report-error.js';

export const COMMANDS: readonly Command[] = [
  signupCommand,
  loginCommand,
  logoutCommand,
  uploadCommand,
  videosListCommand,
  videosGetCommand,
  chaptersSetCommand,
  chaptersGetCommand,
  chaptersClearCommand,
  catalogueGetCommand,
  catalogueSetCommand,
  catalogueSearchCommand,
  seriesListCommand,
  seriesCreateCommand,
  seriesShowCommand,
  seriesAddSeasonCommand,
  seriesUpdateSeasonCommand,
  seriesAddEpisodeCommand,
  seriesReorderEpisodesCommand,
  seriesRemoveEpisodeCommand,
  seriesDeleteCommand,
  collectionsListCommand,
  collectionsCreateCommand,
  collectionsShowCommand,
  collectionsAddCommand,
  collectionsRemoveCommand,
  collectionsDeleteCommand,
  clipsCreateCommand,
  downloadsEnableCommand,
  downloadsDisableCommand,
  downloadsLinksCommand,
  availabilityGetCommand,
  availabilitySetCommand,
  salesStatusCommand,
  salesOffersCommand,
  salesCreateOfferCommand,
  salesArchiveOfferCommand,
  salesReportCommand,
  playUrlCommand,
  usageCommand,
  apiKeysCreateCommand,
  apiKeysListCommand,
  apiKeysRevokeCommand,
  webhooksListCommand,
  webhooksCreateCommand,
  webhooksDeleteCommand,
  webhooksTestCommand,
  captionsAddCommand,
  captionsListCommand,
  captionsRemoveCommand,
  captionsTranscriptCommand,
  captionsGenerateCommand,
  dubsAddCommand,
  dubsListCommand,
  dubsRemoveCommand,
];

const GROUPS = new Set(COMMANDS.filter((command) => command.name.includes(' ')).map((command) => command.name.split(' ')[0]));

/** Runs one command line; resolves to the exit code. Errors are printed as `error: <message>`, never thrown. */
export async function runCli(argv: readonly string[], ctx: CliContext): Promise<number> {
  let api = ctx.api;
  try {
    const global = takeGlobalFlags(argv);
    if (global.api !== undefined) api = normaliseApiUrl(global.api);
    return await dispatch(global.rest, global.help, { ...ctx, api });
  } catch (error) {
    const report = describeError(error, api);
    ctx.stderr.write(`error: ${report.message}\n`);
    if (report.helpFor !== undefined) ctx.stderr.write(`Run 'ott ${report.helpFor ? `${report.helpFor} ` : ''}--help' for usage.\n`);
    return report.exitCode;
  }
}

async function dispatch(words: string[], help: boolean, ctx: CliContext): Promise<number> {
  const [first, second] = words;
  if (first === undefined || first === 'help') return showHelp(words.slice(1), ctx, first === 'help' || help);
  const group = GROUPS.has(first);
  if (group && (second === undefined || second.startsWith('-'))) {
    if (help) return write(ctx, renderGroupHelp(first, COMMANDS));
    throw new UsageError(`'ott ${first}' needs a subcommand: ${subcommandsOf(first).join(', ')}`, first);
  }
  const name = group ? `${first} ${second ?? ''}` : first;
  const command = COMMANDS.find((candidate) => candidate.name === name);
  if (!command) throw new UsageError(`unknown command '${name}'`, group ? first : '');
  if (help) return write(ctx, command.help());
  return command.execute(words.slice(group ? 2 : 1), ctx);
}

/** `ott`, `ott --help`, `ott help [command]`. Bare `ott` is a usage error: the help goes to stderr. */
function showHelp(topic: string[], ctx: CliContext, asked: boolean): number {
  const name = topic.join(' ');
  const command = COMMANDS.find((candidate) => candidate.name === name);
  if (name && !command && !GROUPS.has(name)) throw new UsageError(`unknown command '${name}'`, '');
  const text = command ? command.help() : name ? renderGroupHelp(name, COMMANDS) : renderTopHelp(COMMANDS);
  if (!asked) {
    ctx.stderr.write(text);
    return 2;
  }
  return write(ctx, text);
}

/**
 * --api and --help may stand anywhere (`ott --api X upload f`, `ott upload f --api X`). A string flag's
 * value never starts with '-' unless written inline (command.ts), so these tokens cannot be values.
 */
function takeGlobalFlags(argv: readonly string[]): { api: string | undefined; help: boolean; rest: string[] } {
  const rest: string[] = [];
  let api: string | undefined;
  let help = false;
  for (let index = 0; index < argv.length; index += 1) {
    const arg = argv[index] ?? '';
    if (arg === '--') {
      rest.push(...argv.slice(index));
      break;
    }
    if (arg === '--help' || arg === '-h') help = true;
    else if (arg.startsWith('--api=')) api = arg.slice('--api='.length);
    else if (arg === '--api') {
      const value = argv[index + 1];
      if (value === undefined || value.startsWith('-')) throw new UsageError('--api needs a value, such as --api http://127.0.0.1:8686', '');
      api = value;
      index += 1;
    } else rest.push(arg);
  }
  return { api, help, rest };
}

function subcommandsOf(group: string): string[] {
  return COMMANDS.filter((command) => command.name.startsWith(`${group} `)).map((command) => command.name.slice(group.length + 1));
}

function write(ctx: CliContext, text: string): number {
  ctx.stdout.write(text);
  return 0;
}

/** The real process: environment, terminal streams, password prompt. */
export async function main(argv: readonly string[] = process.argv.slice(2)): Promise<number> {
  // `ott videos list | head` closes stdout early; that is not an error worth a stack trace.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0);
    throw error;
  });
  let ctx: CliContext;
  try {
    const env = readEnv();
    ctx = createCliContext({
      api: env.api,
      configDir: env.configDir,
      stdout: process.stdout,
      stderr: process.stderr,
      ...(env.password !== undefined ? { password: env.password } : {}),
      ...(env.apiKey !== undefined ? { apiKey: env.apiKey } : {}),
      ...(process.stdin.isTTY ? { promptPassword: terminalPasswordPrompt(process.stdin, process.stderr) } : {}),
    });
  } catch (error) {
    process.stderr.write(`error: ${error instanceof Error ? error.message : String(error)}\n`);
    return 2;
  }
  return runCli(argv, ctx);
}
