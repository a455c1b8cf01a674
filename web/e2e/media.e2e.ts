// Two Chromium pages (fake camera and microphone) in one test room through the
// real `videopro serve`: each sees and hears the other through the SFU, a shared
// screen arrives as a second video tile, and leaving removes the tiles.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startHarness, type Harness, type WatchedPage } from './harness';

interface Inbound {
  audio: { packetsReceived: number };
  video: { packetsReceived: number; framesDecoded: number };
}

function stats(page: Page): Promise<Inbound> {
  return page.evaluate(async () => {
    const room = (window as unknown as { __videoproMedia?: { stats(): Promise<Inbound> } }).__videoproMedia;
    if (!room) throw new Error('the media page exposes no room');
    return room.stats();
  });
}

/** Waits until the stats pass `ok`, polling; fails with the last stats seen. */
async function waitForStats(page: Page, ok: (s: Inbound) => boolean, what: string): Promise<Inbound> {
  const deadline = Date.now() + 15_000;
  let last = await stats(page);
  while (!ok(last)) {
    if (Date.now() > deadline) throw new Error(`${what}: inbound stats stayed ${JSON.stringify(last)}`);
    await page.waitForTimeout(250);
    last = await stats(page);
  }
  return last;
}

/** The remote video tiles of `peerId` with a given source, or all of them. */
function tiles(page: Page, peerId: string, source?: string) {
  const sourceFilter = source ? `[data-source="${source}"]` : '';
  return page.locator(`[data-testid="remote-tile"][data-peer-id="${peerId}"]${sourceFilter}`);
}

/** Asserts that the tile's video is decoding: it has a size and its clock advances. */
async function expectPlaying(page: Page, peerId: string, source: string): Promise<void> {
  const video = tiles(page, peerId, source).locator('video');
  await video.waitFor({ timeout: 15_000 });
  await page.waitForFunction(
    (el) => el instanceof HTMLVideoElement && el.videoWidth > 0 && el.currentTime > 0,
    await video.elementHandle(),
    { timeout: 15_000 },
  );
  const first = await video.evaluate((el: HTMLVideoElement) => el.currentTime);
  await page.waitForFunction(
    ([el, t]) => el instanceof HTMLVideoElement && el.currentTime > (t as number) + 0.3,
    [await video.elementHandle(), first] as const,
    { timeout: 10_000 },
  );
}

async function join(h: Harness, name: string): Promise<WatchedPage> {
  const tab = await h.openPage(`/dev/media?room=e2e&name=${name}`);
  await tab.page.locator('[data-phase="connected"]').waitFor({ timeout: 20_000 });
  return tab;
}

async function remotePeerIds(page: Page): Promise<string[]> {
  return page
    .locator('[data-testid="remote-tile"]')
    .evaluateAll((els) => [...new Set(els.map((el) => el.getAttribute('data-peer-id') ?? ''))]);
}

describe('media test room', () => {
  let h: Harness;

  beforeAll(async () => {
    h = await startHarness();
  });

  afterAll(async () => {
    await h?.stop();
  });

  it('two browsers see and hear each other, share a screen, and leave cleanly', async () => {
    const a = await join(h, 'Alice');
    const b = await join(h, 'Bob');

    // Each page shows one remote camera tile: the other's.
    await a.page.locator('[data-testid="remote-tile"][data-source="webcam"]').waitFor({ timeout: 15_000 });
    await b.page.locator('[data-testid="remote-tile"][data-source="webcam"]').waitFor({ timeout: 15_000 });
    const [bobSeenByAlice] = await remotePeerIds(a.page);
    const [aliceSeenByBob] = await remotePeerIds(b.page);
    expect(bobSeenByAlice).toBeTruthy();
    expect(aliceSeenByBob).toBeTruthy();
    expect(bobSeenByAlice).not.toBe(aliceSeenByBob);
    await expect(tiles(a.page, bobSeenByAlice!, 'webcam').textContent()).resolves.toContain('Bob — camera');
    await expect(tiles(b.page, aliceSeenByBob!, 'webcam').textContent()).resolves.toContain('Alice — camera');

    await expectPlaying(a.page, bobSeenByAlice!, 'webcam');
    await expectPlaying(b.page, aliceSeenByBob!, 'webcam');

    // Audio and video packets keep arriving on both sides.
    for (const tab of [a, b]) {
      const first = await waitForStats(
        tab.page,
        (s) => s.audio.packetsReceived > 0 && s.video.packetsReceived > 0 && s.video.framesDecoded > 0,
        'media arrives',
      );
      await waitForStats(
        tab.page,
        (s) =>
          s.audio.packetsReceived > first.audio.packetsReceived + 10 &&
          s.video.packetsReceived > first.video.packetsReceived + 10,
        'media keeps arriving',
      );
    }
    await a.screenshot('media-two-peers');

    // Bob shares his screen: Alice gets a second video tile from him, and it plays.
    await b.page.getByRole('button', { name: 'Share screen' }).click();
    await b.page.getByRole('button', { name: 'Stop sharing' }).waitFor({ timeout: 10_000 });
    await tiles(a.page, bobSeenByAlice!, 'screen').waitFor({ timeout: 15_000 });
    await expect(tiles(a.page, bobSeenByAlice!).count()).resolves.toBe(2);
    await expect(tiles(a.page, bobSeenByAlice!, 'screen').textContent()).resolves.toContain('Bob — screen');
    await expectPlaying(a.page, bobSeenByAlice!, 'screen');
    await a.screenshot('media-screen-share');

    // Bob leaves: Alice's tiles for him disappear and the status says she is alone.
    await b.page.getByRole('button', { name: 'Leave' }).click();
    await b.page.locator('[data-phase="left"]').waitFor({ timeout: 10_000 });
    await tiles(a.page, bobSeenByAlice!).first().waitFor({ state: 'detached', timeout: 10_000 });
    await expect(a.page.locator('[data-testid="remote-audio"]').count()).resolves.toBe(0);
    await a.page.getByText('waiting for others to join').waitFor({ timeout: 10_000 });

    expect(a.problems()).toEqual([]);
    expect(b.problems()).toEqual([]);
  });
});
