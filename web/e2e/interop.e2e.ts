// Interoperability on two browser engines: a Chromium page (playwright-core) and a
// Firefox ESR page (puppeteer-core over WebDriver BiDi), both with fake camera and
// microphone, join one test room through the real `videopro serve`. Each must
// decode the other's video (frames decoded, picture size, clock advancing) and
// hear the other's audio (packets arriving, decoded samples with energy, and a
// playing <audio> element).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchFirefox, type FirefoxHandle } from './firefox';
import { startHarness, type Harness } from './harness';
import { installProbe, PROBE_WIRE_LIMIT, readReceivedMedia } from './probes';

/** Runs a function in the page with one serialisable argument (both drivers can). */
type Evaluate = <R, A>(fn: (arg: A) => R | Promise<R>, arg: A) => Promise<R>;

interface Tab {
  readonly engine: string;
  readonly evaluate: Evaluate;
  problems(): string[];
  screenshot(name: string): Promise<void>;
}

interface PageView {
  phase: string | null;
  status: string;
  tiles: Array<{ peerId: string; source: string; label: string; width: number; time: number }>;
  audios: Array<{ peerId: string; playing: boolean; tracks: string[] }>;
}

const ROOM = 'interop';
const SETUP_TIMEOUT_MS = 20_000;

function view(tab: Tab): Promise<PageView> {
  return tab.evaluate(() => {
    const status = document.querySelector('[data-phase]');
    return {
      phase: status?.getAttribute('data-phase') ?? null,
      status: status?.textContent ?? '',
      tiles: [...document.querySelectorAll('[data-testid="remote-tile"]')].map((tile) => {
        const video = tile.querySelector('video');
        return {
          peerId: tile.getAttribute('data-peer-id') ?? '',
          source: tile.getAttribute('data-source') ?? '',
          label: tile.textContent ?? '',
          width: video?.videoWidth ?? 0,
          time: video?.currentTime ?? 0,
        };
      }),
      audios: [...document.querySelectorAll('[data-testid="remote-audio"]')].map((el) => {
        const audio = el.querySelector('audio');
        const stream = audio?.srcObject;
        return {
          peerId: el.getAttribute('data-peer-id') ?? '',
          playing: audio !== null && !audio.paused && audio.currentTime > 0,
          tracks: stream instanceof MediaStream ? stream.getTracks().map((t) => `${t.kind}:${t.readyState}`) : [],
        };
      }),
    };
  }, null);
}

/** Polls `observe` until `ok` holds; fails with the last observation and the page's problems. */
async function waitUntil<T>(
  tab: Tab,
  what: string,
  observe: () => Promise<T>,
  ok: (value: T) => boolean,
  timeoutMs = SETUP_TIMEOUT_MS,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await observe();
    if (ok(value)) return value;
    if (Date.now() > deadline) {
      throw new Error(
        `${tab.engine}: ${what} not within ${timeoutMs} ms; last seen ${JSON.stringify(value)}; ` +
          `page problems ${JSON.stringify(tab.problems())}`,
      );
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Asserts that `tab` decodes and plays the camera of the peer named `from`, and hears it. */
async function expectSeesAndHears(tab: Tab, from: string): Promise<void> {
  const label = `${from} — camera`;
  const playing = await waitUntil(
    tab,
    `a playing camera tile "${label}"`,
    () => view(tab),
    (v) => v.tiles.some((t) => t.source === 'webcam' && t.label.includes(label) && t.width > 0 && t.time > 0),
  );
  const tile = playing.tiles.find((t) => t.label.includes(label))!;
  expect(playing.tiles.filter((t) => t.source === 'webcam')).toHaveLength(1);
  // The picture keeps moving: its clock advances by half a second.
  await waitUntil(
    tab,
    `the clock of "${label}" advancing past ${tile.time + 0.5}`,
    () => view(tab),
    (v) => v.tiles.some((t) => t.peerId === tile.peerId && t.source === 'webcam' && t.time > tile.time + 0.5),
    10_000,
  );

  // Frames decoded and audio decoded with sound in it (the fake devices send a
  // tone or beeps): totalAudioEnergy only grows with non-silent samples.
  const received = () => tab.evaluate(readReceivedMedia, null);
  const first = await waitUntil(
    tab,
    'decoded video frames and audio packets',
    received,
    (s) => s.video.framesDecoded > 0 && s.audio.packetsReceived > 0,
  );
  const later = await waitUntil(
    tab,
    `media still arriving, and audible, after ${JSON.stringify(first)}`,
    received,
    (s) =>
      s.video.framesDecoded > first.video.framesDecoded + 10 &&
      s.audio.packetsReceived > first.audio.packetsReceived + 10 &&
      s.audio.totalSamplesReceived > first.audio.totalSamplesReceived &&
      s.audio.totalAudioEnergy > first.audio.totalAudioEnergy + 1e-4,
    10_000,
  );

  // One remote audio element, of the same peer, playing a live track.
  const audio = await waitUntil(
    tab,
    `a playing remote audio element of ${from}`,
    () => view(tab),
    (v) => v.audios.some((a) => a.peerId === tile.peerId && a.playing && a.tracks.includes('audio:live')),
  );
  expect(audio.audios).toHaveLength(1);
  console.log(`${tab.engine} receives ${from}: ${JSON.stringify(first)} then ${JSON.stringify(later)}`);
}

describe('interoperability: Chromium and Firefox ESR in one room', () => {
  let h: Harness;
  let firefox: FirefoxHandle;

  beforeAll(async () => {
    h = await startHarness();
    firefox = await launchFirefox();
  });

  afterAll(async () => {
    await firefox?.close();
    await h?.stop();
  });

  it('each engine decodes the video and hears the audio of the other', async () => {
    const path = (name: string) => `/dev/media?room=${ROOM}&name=${name}`;
    const chromiumTab = await h.browser.newPage(h.server.url);
    await chromiumTab.page.addInitScript(installProbe, PROBE_WIRE_LIMIT);
    await chromiumTab.page.goto(path('Chromium'), { waitUntil: 'load' });
    const firefoxTab = await firefox.newPage();
    await firefoxTab.page.evaluateOnNewDocument(installProbe, PROBE_WIRE_LIMIT);
    await firefoxTab.page.goto(`${h.server.url}${path('Firefox')}`, { waitUntil: 'load' });
    const tabs: Tab[] = [
      {
        engine: 'Chromium',
        evaluate: ((fn: (a: unknown) => unknown, arg: unknown) => chromiumTab.page.evaluate(fn, arg)) as Evaluate,
        problems: () => chromiumTab.problems(),
        screenshot: (name) => chromiumTab.screenshot(name),
      },
      {
        engine: 'Firefox',
        evaluate: ((fn: (a: unknown) => unknown, arg: unknown) => firefoxTab.page.evaluate(fn, arg)) as Evaluate,
        problems: () => firefoxTab.problems(),
        screenshot: (name) => firefoxTab.screenshot(name),
      },
    ];
    const [chromium, ff] = tabs as [Tab, Tab];

    for (const tab of tabs) {
      await waitUntil(
        tab,
        'the connected phase',
        () => view(tab),
        (v) => v.phase === 'connected',
      );
    }
    await Promise.all([expectSeesAndHears(chromium, 'Firefox'), expectSeesAndHears(ff, 'Chromium')]);
    await chromium.screenshot('interop-chromium');
    await ff.screenshot('interop-firefox');

    expect(chromium.problems()).toEqual([]);
    expect(ff.problems()).toEqual([]);
  });
});
