// Simulcast through the real `videopro serve`: a Chromium publisher sends its
// camera in three layers (r0 = 1/4, r1 = 1/2, r2 = full size); two subscribers
// ask for different layers (setConsumerPreferredLayers) and each decodes the
// publisher's video at the width of the layer it asked for.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startHarness, type Harness, type WatchedPage } from './harness';

async function join(h: Harness, query: string): Promise<WatchedPage> {
  const tab = await h.openPage(`/dev/media?room=simulcast&${query}`);
  try {
    await tab.page.locator('[data-phase="connected"]').waitFor({ timeout: 30_000 });
  } catch (e) {
    const status = await tab.page.getByRole('status').textContent();
    throw new Error(`${query} never connected: ${status} ${tab.problems().join(' | ')}`, { cause: e });
  }
  return tab;
}

/** Widths the publisher's camera encodings send now, by rid. */
function sentWidths(page: Page): Promise<Record<string, number>> {
  return page.evaluate(async () => {
    const room = (window as unknown as { __videoproMedia?: { sentWidths(): Promise<Record<string, number>> } })
      .__videoproMedia;
    if (!room) throw new Error('the media page exposes no room');
    return room.sentWidths();
  });
}

/** The decoded width of the publisher's camera tile on a subscriber's page. */
async function decodedWidth(page: Page): Promise<number> {
  const video = page.locator('[data-testid="remote-tile"][data-source="webcam"]', { hasText: 'Pub' }).locator('video');
  await video.waitFor({ timeout: 20_000 });
  return video.evaluate((el: HTMLVideoElement) => el.videoWidth);
}

describe('simulcast', () => {
  let h: Harness;

  beforeAll(async () => {
    h = await startHarness();
  });

  afterAll(async () => {
    await h?.stop();
  });

  it('two subscribers asking for different layers decode them at their resolutions', async () => {
    // The bandwidth floor keeps all layers on although the loaded test machine
    // makes the browser's delay-based estimate drop well below what three need.
    const pub = await join(h, 'name=Pub&simulcast=1&minKbps=1500');
    const low = await join(h, 'name=Low&layer=0');
    const high = await join(h, 'name=High&layer=2');

    // The publisher really sends three layers of different sizes.
    let sent: Record<string, number> = {};
    const sendDeadline = Date.now() + 20_000;
    while (!(sent.r0 && sent.r1 && sent.r2) && Date.now() < sendDeadline) {
      await pub.page.waitForTimeout(250);
      sent = await sentWidths(pub.page);
    }
    expect(Object.keys(sent).sort()).toEqual(['r0', 'r1', 'r2']);
    expect(sent.r0!).toBeLessThan(sent.r2!);

    // Each subscriber decodes the width of its layer. The browser may adapt a
    // layer's size under load, so compare with what the layer sends right now.
    const deadline = Date.now() + 30_000;
    let seen = { low: 0, high: 0, sent };
    for (;;) {
      sent = await sentWidths(pub.page);
      seen = { low: await decodedWidth(low.page), high: await decodedWidth(high.page), sent };
      if (seen.low > 0 && seen.low === sent.r0 && seen.high === sent.r2) break;
      if (Date.now() > deadline) throw new Error(`decoded widths never matched: ${JSON.stringify(seen)}`);
      await low.page.waitForTimeout(500);
    }
    expect(seen.low).toBeLessThan(seen.high);
    await high.screenshot('simulcast-high');
    await low.screenshot('simulcast-low');

    expect(pub.problems()).toEqual([]);
    expect(low.problems()).toEqual([]);
    expect(high.problems()).toEqual([]);
  });
});
