// A late joiner gets a keyframe at once: two Chromium pages publish camera and
// microphone for 10 s, then a third page joins the room. Browsers send keyframes
// only when asked, so the third page decodes a picture of each publisher quickly
// only if the server asks the publisher for one (PLI/FIR) when the consumer is
// created. Measured in the late page, up to the first frame of each camera
// presented in its <video> (requestVideoFrameCallback). Chromium's VP8 encoder sends
// a periodic keyframe only every 3000 frames (~100 s), so a picture well before that
// proves the keyframe request. The bound is generous (8 s) because test machines
// are shared and noisy; the measured times are printed, and the latency itself
// belongs in a benchmark, not in an assertion.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness, type WatchedPage } from './harness';
import { installProbe, PROBE_WIRE_LIMIT, readProbe, type TileTiming, type WireMessage } from './probes';

const ROOM = 'late-join';
const PUBLISH_BEFORE_JOIN_MS = 10_000;
const KEYFRAME_WITHIN_MS = 8_000;

const path = (name: string) => `/dev/media?room=${ROOM}&name=${name}`;

async function joinPublisher(h: Harness, name: string): Promise<WatchedPage> {
  const tab = await h.openPage(path(name));
  await tab.page.locator('[data-phase="connected"]').waitFor({ timeout: 20_000 });
  return tab;
}

/** Waits until every remote camera tile of `tab` plays a picture, `count` of them. */
async function waitForPlayingCameras(tab: WatchedPage, count: number): Promise<void> {
  await tab.page.waitForFunction(
    (n) => {
      const videos = [...document.querySelectorAll('[data-testid="remote-tile"][data-source="webcam"] video')];
      return videos.length === n && videos.every((v) => v instanceof HTMLVideoElement && v.videoWidth > 0);
    },
    count,
    { timeout: 20_000 },
  );
}

interface CameraTiming {
  peerId: string;
  resumeSentAt: number;
  firstFrameAt: number;
}

/**
 * Pairs each remote camera tile with the resumeConsumer request of its consumer:
 * tile peer -> its webcam producer (join reply or newProducer) -> the consume
 * request for that producer -> the consumer id in the reply -> resumeConsumer.
 */
function cameraTimings(wire: WireMessage[], tiles: TileTiming[]): CameraTiming[] {
  const cameraProducerOf = new Map<string, string>(); // peerId -> producerId
  const noteProducer = (p: Record<string, unknown>) => {
    const source = (p.appData as { source?: string } | undefined)?.source;
    if (p.kind === 'video' && source === 'webcam') cameraProducerOf.set(String(p.peerId), String(p.producerId));
  };
  const methodOf = new Map<number, string>();
  const consumeOf = new Map<number, string>(); // request id -> producerId
  const consumerOf = new Map<string, string>(); // producerId -> consumerId
  const resumedAt = new Map<string, number>(); // consumerId -> time sent
  for (const { t, dir, message: m } of wire) {
    if (dir === 'out' && typeof m.id === 'number' && m.method) {
      methodOf.set(m.id, m.method);
      if (m.method === 'consume') consumeOf.set(m.id, String(m.data?.producerId));
      if (m.method === 'resumeConsumer' && !resumedAt.has(String(m.data?.consumerId))) {
        resumedAt.set(String(m.data?.consumerId), t);
      }
    } else if (dir === 'in' && m.method === 'newProducer' && m.data) {
      noteProducer(m.data);
    } else if (dir === 'in' && typeof m.id === 'number' && m.ok) {
      const method = methodOf.get(m.id);
      if (method === 'join') ((m.data?.producers ?? []) as Array<Record<string, unknown>>).forEach(noteProducer);
      if (method === 'consume') consumerOf.set(consumeOf.get(m.id) ?? '', String(m.data?.id));
    }
  }
  return tiles
    .filter((tile) => tile.source === 'webcam')
    .map((tile) => {
      const producerId = cameraProducerOf.get(tile.peerId);
      const consumerId = producerId ? consumerOf.get(producerId) : undefined;
      const resumeSentAt = consumerId ? resumedAt.get(consumerId) : undefined;
      if (resumeSentAt === undefined || tile.firstFrameAt === null) {
        throw new Error(
          `cannot time the camera of ${tile.peerId}: producer ${producerId}, consumer ${consumerId}, ` +
            `resume sent at ${resumeSentAt}, first frame at ${tile.firstFrameAt}`,
        );
      }
      return { peerId: tile.peerId, resumeSentAt, firstFrameAt: tile.firstFrameAt };
    });
}

describe('late joiner', () => {
  let h: Harness;

  beforeAll(async () => {
    h = await startHarness();
  });

  afterAll(async () => {
    await h?.stop();
  });

  it(`decodes a frame of every camera within ${KEYFRAME_WITHIN_MS} ms of resuming its consumers`, async () => {
    const alice = await joinPublisher(h, 'Alice');
    const bob = await joinPublisher(h, 'Bob');
    const publishingSince = Date.now();
    await waitForPlayingCameras(alice, 1);
    await waitForPlayingCameras(bob, 1);
    const rest = PUBLISH_BEFORE_JOIN_MS - (Date.now() - publishingSince);
    await new Promise((r) => setTimeout(r, Math.max(0, rest)));

    const carol = await h.browser.newPage(h.server.url);
    await carol.page.addInitScript(installProbe, PROBE_WIRE_LIMIT);
    await carol.page.goto(path('Carol'), { waitUntil: 'load' });
    try {
      await carol.page.waitForFunction(
        () => {
          const tiles = (window as unknown as { __e2eProbe?: { tiles: TileTiming[] } }).__e2eProbe?.tiles ?? [];
          return tiles.filter((t) => t.source === 'webcam' && t.firstFrameAt !== null).length === 2;
        },
        null,
        { timeout: 15_000 },
      );
    } catch (e) {
      const probe = await carol.page.evaluate(readProbe).catch(() => null);
      const status = await carol.page
        .locator('[data-phase]')
        .textContent()
        .catch(() => null);
      throw new Error(
        `the late page did not present a frame of both cameras: ${(e as Error).message}\n` +
          `status: ${status}\ntiles: ${JSON.stringify(probe?.tiles)}\nproblems: ${JSON.stringify(carol.problems())}`,
      );
    }
    await carol.screenshot('late-join-carol');
    const seen = await carol.page.evaluate(readProbe);

    const joinedAt = seen.wire.find((w) => w.dir === 'out' && w.message.method === 'join')?.t;
    expect(joinedAt, 'the late page sent a join request').toBeTypeOf('number');
    const timings = cameraTimings(seen.wire, seen.tiles);
    const report = timings.map((c) => ({
      peerId: c.peerId,
      joinToResumeMs: Math.round(c.resumeSentAt - joinedAt!),
      resumeToFirstFrameMs: Math.round(c.firstFrameAt - c.resumeSentAt),
      joinToFirstFrameMs: Math.round(c.firstFrameAt - joinedAt!),
    }));
    console.log(`late joiner, ${PUBLISH_BEFORE_JOIN_MS} ms after publishing: ${JSON.stringify(report)}`);

    expect(new Set(timings.map((c) => c.peerId)).size, JSON.stringify(report)).toBe(2);
    for (const c of report) {
      expect(c.resumeToFirstFrameMs, JSON.stringify(report)).toBeLessThanOrEqual(KEYFRAME_WITHIN_MS);
      expect(c.joinToFirstFrameMs, JSON.stringify(report)).toBeLessThanOrEqual(KEYFRAME_WITHIN_MS);
    }
    expect(alice.problems()).toEqual([]);
    expect(bob.problems()).toEqual([]);
    expect(carol.problems()).toEqual([]);
  });
});
