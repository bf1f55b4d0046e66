// Debian's Chromium driven by playwright-core, for every browser test (player and portal). Never a downloaded
// browser build: the bootstrap installs /usr/bin/chromium from apt. Each call gets its own throw-away profile,
// removed when the context closes.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

export const CHROMIUM_PATH = '/usr/bin/chromium';

const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export interface LaunchChromiumOptions {
  /** Block third-party cookies, as Safari and Chrome's tracking protection do in tenants' embeds. */
  blockThirdPartyCookies?: boolean;
  viewport?: { width: number; height: number };
  /** Extra Chromium switches, e.g. `--host-resolver-rules=…`. */
  args?: string[];
  /** Another device's browser, as the API sees it (analytics reads the device, OS and browser from it). */
  userAgent?: string;
  /** Sent with every request, e.g. the viewer-country header a trusted proxy would add. */
  extraHTTPHeaders?: Record<string, string>;
}

export async function launchChromium(options: LaunchChromiumOptions = {}): Promise<BrowserContext> {
  const profile = await mkdtemp(path.join(tmpdir(), 'ott-chromium-'));
  if (options.blockThirdPartyCookies) {
    // The user-facing setting, written where Chromium reads it at start (there is no command-line switch for
    // it): cookie_controls_mode 1 is "Block third-party cookies".
    await mkdir(path.join(profile, 'Default'), { recursive: true });
    await writeFile(path.join(profile, 'Default', 'Preferences'), JSON.stringify({ profile: { cookie_controls_mode: 1, block_third_party_cookies: true } }));
  }
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [...FLAGS, ...(options.args ?? [])],
    viewport: options.viewport ?? { width: 1280, height: 720 },
    ...(options.userAgent ? { userAgent: options.userAgent } : {}),
    ...(options.extraHTTPHeaders ? { extraHTTPHeaders: options.extraHTTPHeaders } : {}),
  });
  // Chromium may still be writing to the profile as the context reports closed: retry, never fail a test over it.
  context.once('close', () => void rm(profile, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 }).catch(() => {}));
  return context;
}
