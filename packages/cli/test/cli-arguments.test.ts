import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { run, testContext } from './helpers/cli-harness.js';
import { tempDir } from './helpers/temp-dir.js';

const API = 'http://127.0.0.1:9';

/** A port nothing listens on: taken, then given back. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function cli(argv: string[]) {
  return run(argv, testContext(API, await tempDir()));
}

describe('command line', () => {
  it.each([
    [['bogus'], "error: unknown command 'bogus'\nRun 'ott --help' for usage.\n"],
    [['videos', 'delete'], "error: unknown command 'videos delete'\nRun 'ott videos --help' for usage.\n"],
    [['videos'], "error: 'ott videos' needs a subcommand: list, get\nRun 'ott videos --help' for usage.\n"],
    [['upload', 'a.mp4', '--colour', 'red'], "error: unknown flag --colour\nRun 'ott upload --help' for usage.\n"],
    [['upload'], "error: missing <file>\nRun 'ott upload --help' for usage.\n"],
    [['upload', 'a.mp4', 'b.mp4'], "error: unexpected argument 'b.mp4'\nRun 'ott upload --help' for usage.\n"],
    [['upload', 'a.mp4', '--title', '--wait'], "error: --title needs a value (write --title=<value> for one that starts with '-')\nRun 'ott upload --help' for usage.\n"],
    [['upload', 'a.mp4', '--wait=yes'], "error: --wait takes no value\nRun 'ott upload --help' for usage.\n"],
    [['upload', 'a.mp4', '--access', 'secret'], 'error: --access must be one of public, viewers, token (got "secret")\nRun \'ott upload --help\' for usage.\n'],
    [['upload', 'a.mp4', '--concurrency', '0'], 'error: --concurrency must be a whole number from 1 to 32 (got "0")\nRun \'ott upload --help\' for usage.\n'],
    [['videos', 'list', '--status', 'gone'], 'error: --status must be one of uploading, queued, processing, ready, failed (got "gone")\nRun \'ott videos list --help\' for usage.\n'],
    [['login', '--tenant', 'acme'], "error: missing --email <e-mail>\nRun 'ott login --help' for usage.\n"],
    [['login', '--tenant', 'acme', '--email', 'a@b.test'], "error: no password given: pass --password <p>, set OTT_PASSWORD, or run in a terminal to be asked\nRun 'ott login --help' for usage.\n"],
    [['--api', 'ftp://example.com', 'usage'], 'error: --api must be an http or https URL (got "ftp://example.com")\nRun \'ott --help\' for usage.\n'],
    [['usage', '--api'], "error: --api needs a value, such as --api http://127.0.0.1:8686\nRun 'ott --help' for usage.\n"],
  ])('ott %j exits 2 with a clear message', async (argv, stderr) => {
    expect(await cli(argv)).toEqual({ code: 2, stdout: '', stderr });
  });

  it('prints the command list with examples for --help, on stdout', async () => {
    const result = await cli(['--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Commands:\n  signup');
    expect(result.stdout).toContain('videos list');
    expect(result.stdout).toContain('Examples:\n  ott signup');
  });

  it('prints a command help with its flags and examples, wherever --help stands', async () => {
    for (const argv of [
      ['upload', '--help'],
      ['--help', 'upload'],
      ['help', 'upload'],
      ['upload', 'film.mp4', '-h'],
    ]) {
      const result = await cli(argv);
      expect(result.code).toBe(0);
      expect(result.stdout).toContain('Usage: ott upload <file> [--title <text>]');
      expect(result.stdout).toContain('Examples:\n  ott upload launch.mp4');
    }
    expect((await cli(['videos', 'get', '--help'])).stdout).toContain('Usage: ott videos get <video-id> [--json]');
    expect((await cli(['videos', '--help'])).stdout).toContain('Subcommands:\n  videos list');
  });

  it('shows the help on stderr and exits 2 when no command is given', async () => {
    const result = await cli([]);
    expect(result).toMatchObject({ code: 2, stdout: '' });
    expect(result.stderr).toContain('Usage: ott <command>');
  });

  it('says when the API cannot be reached, without a stack trace', async () => {
    const api = `http://127.0.0.1:${await closedPort()}`;
    const result = await run(['play-url', '0b6e3c1e-6f0a-4c1e-9d0b-3f1f7c2a9e11'], testContext(api, await tempDir()));
    expect(result).toEqual({ code: 1, stdout: '', stderr: `error: cannot reach the OTT API at ${api} (ECONNREFUSED); start it or pass --api <url>\n` });
  });

  it('says when something other than the OTT API answers', async () => {
    const server = createServer((_request, response) => response.writeHead(404, { 'content-type': 'text/html' }).end('<h1>Not here</h1>'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const api = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const result = await run(['play-url', 'x', '--api', `${api}/`], testContext(API, await tempDir()));
      expect(result).toEqual({ code: 1, stdout: '', stderr: `error: ${api} did not answer like the OTT API; check --api or OTT_API\n` });
    } finally {
      server.close();
    }
  });

  it('asks admin commands to sign in first', async () => {
    const result = await cli(['videos', 'list']);
    expect(result).toEqual({ code: 1, stdout: '', stderr: `error: not signed in to ${API}; run: ott login --tenant <workspace> --email <e-mail> (or ott signup)\n` });
  });
});
