// Starts the player on a page (a real click, as a visitor would) and waits for its clock to pass one second.
import type { Page } from 'playwright-core';

export async function expectPlayback(target: Page): Promise<number> {
  const player = target.locator('ott-player');
  await player.waitFor({ timeout: 30_000 });
  await player.getByRole('button', { name: 'Play', exact: true }).first().click({ timeout: 30_000 });
  const handle = await target.waitForFunction(
    () => {
      const element = document.querySelector('ott-player') as (HTMLElement & { player?: { currentTime: number } }) | null;
      const time = element?.player?.currentTime ?? element?.shadowRoot?.querySelector('video')?.currentTime ?? 0;
      return time > 1 ? time : false;
    },
    undefined,
    { timeout: 30_000, polling: 200 },
  );
  return (await handle.jsonValue()) as number;
}
