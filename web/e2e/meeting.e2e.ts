// Meetings in three Chromium pages (fake camera, microphone and screen) against a
// real `videopro serve`: Ann signs up and schedules a meeting with a waiting room;
// Bob (signed up) and Carl (a guest) join and wait; Ann admits them; all three
// decode each other's video; Carl shares his screen and the others decode it; Bob's
// socket drops and he resumes; his page hidden stops his camera; he raises his
// hand and chats; Ann mutes all, removes Carl, locks the meeting
// (Carl cannot rejoin) and ends it; Ann's attendance page shows three attendees
// with join and exit times and a CSV; Bob asking for it gets 403.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fakeSpeechArg } from './fakeSpeech';
import { startHarness, type Harness, type WatchedPage } from './harness';
import { signUp } from './outbox';

// Chromium logs every refused fetch; these refusals are part of the scenario.
interface MeetingWindow {
  __videoproMeeting?: { simulateDrop(): void; localTrack(source: string): MediaStreamTrack | null };
}

const EXPECTED_REFUSALS = /Failed to load resource: the server responded with a status of (401|403)/;

function unexpected(tab: WatchedPage): string[] {
  return tab.problems().filter((p) => !EXPECTED_REFUSALS.test(p));
}

/** The tiles of other participants on `page`, by source. */
function remoteTiles(page: Page, source: 'camera' | 'screen') {
  return page.locator(`[data-testid="participant-tile"][data-self="false"][data-source="${source}"]`);
}

/** Waits until `count` remote tiles of `source` decode video: a size, and a clock that advances. */
async function expectDecoding(page: Page, source: 'camera' | 'screen', count: number): Promise<void> {
  const selector = `[data-testid="participant-tile"][data-self="false"][data-source="${source}"] video`;
  const seen = () =>
    page.$$eval('[data-testid="participant-tile"]', (tiles) =>
      tiles.map((t) => {
        const v = t.querySelector('video');
        return `${t.getAttribute('data-self')}/${t.getAttribute('data-source')}: ${
          v ? `${v.videoWidth}x${v.videoHeight} t=${v.currentTime}` : (t.textContent ?? '')
        }`;
      }),
    );
  await waitOrExplain(seen, () =>
    page.waitForFunction(
      ([sel, n]) => {
        const videos = [...document.querySelectorAll(sel as string)];
        return (
          videos.length === n &&
          videos.every((v) => v instanceof HTMLVideoElement && v.videoWidth > 0 && v.currentTime > 0)
        );
      },
      [selector, count] as const,
      { timeout: 20_000 },
    ),
  );
  const times = await page.$$eval(selector, (els) => els.map((v) => (v as HTMLVideoElement).currentTime));
  await page.waitForFunction(
    ([sel, before]) =>
      [...document.querySelectorAll(sel as string)].every(
        (v, i) => (v as HTMLVideoElement).currentTime > (before as number[])[i]! + 0.3,
      ),
    [selector, times] as const,
    { timeout: 15_000 },
  );
}

/** Runs `wait`; on failure says what the page showed. */
async function waitOrExplain(seen: () => Promise<unknown>, wait: () => Promise<unknown>): Promise<void> {
  try {
    await wait();
  } catch (e) {
    throw new Error(
      `${(e as Error).message}\n--- the page shows ---\n${JSON.stringify(await seen().catch(() => null))}`,
    );
  }
}

/** Goes through the pre-join screen: preview, level meter, network check, then "Join now". */
async function prejoinAndJoin(tab: WatchedPage, meetingId: string, guestName?: string): Promise<void> {
  const page = tab.page;
  await page.goto(`/m/${meetingId}`);
  await page.getByRole('heading', { level: 2, name: 'Ready to join?' }).waitFor({ timeout: 15_000 });
  // The camera preview plays and the network check answered.
  await page.waitForFunction(
    () => {
      const v = document.querySelector('.prejoin video');
      return v instanceof HTMLVideoElement && v.videoWidth > 0;
    },
    null,
    { timeout: 15_000 },
  );
  await page.locator('[data-testid="network-check"][data-ok="true"]').waitFor({ timeout: 15_000 });
  // The fake microphone talks: the level meter moves.
  await page.waitForFunction(
    () => Number(document.querySelector('[data-testid="mic-level"]')?.getAttribute('data-level')) > 0.01,
    null,
    { timeout: 10_000 },
  );
  if (guestName) await page.getByLabel('Your name').fill(guestName);
  await tab.screenshot(`meeting-prejoin-${guestName ?? 'signed-in'}`);
  await page.getByRole('button', { name: 'Join now' }).click();
}

async function phase(page: Page, name: string): Promise<void> {
  try {
    await page.locator(`[data-phase="${name}"]`).first().waitFor({ timeout: 20_000 });
  } catch (e) {
    const shown = await page
      .locator('main')
      .innerText()
      .catch(() => '');
    throw new Error(`${(e as Error).message}\n--- the page shows ---\n${shown.slice(0, 2000)}`);
  }
}

async function openParticipants(page: Page): Promise<void> {
  if (await page.getByTestId('participants-panel').isVisible()) return;
  await page.getByRole('button', { name: /^Participants/ }).click();
  await page.getByTestId('participants-panel').waitFor();
}

describe('meetings', () => {
  let h: Harness;
  let audioDir = '';

  beforeAll(async () => {
    // Every fake microphone talks (a looped speech-like file) instead of beeping.
    audioDir = await mkdtemp(join(tmpdir(), 'videopro-speech-'));
    h = await startHarness({}, [await fakeSpeechArg(join(audioDir, 'speech.wav'))]);
  });

  afterAll(async () => {
    await h?.stop();
    if (audioDir) await rm(audioDir, { recursive: true, force: true });
  });

  it('schedules, admits, meets with video and screen share, moderates, ends, and keeps attendance', async () => {
    const ann = await h.browser.newPage(h.server.url);
    const bob = await h.browser.newPage(h.server.url);
    const carl = await h.browser.newPage(h.server.url);
    await signUp(h.server.dataDir, ann.page, 'ann@example.com', 'Ann');
    await signUp(h.server.dataDir, bob.page, 'bob@example.com', 'Bob');

    // Ann schedules a meeting with a waiting room, then edits its duration.
    const a = ann.page;
    await a.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Meetings' }).click();
    await a.getByRole('heading', { level: 1, name: 'My meetings' }).waitFor();
    await a.getByRole('link', { name: 'New meeting' }).click();
    await a.getByLabel('Subject').fill('Team sync');
    await a.getByLabel('Schedule for later').check();
    await a.getByLabel('Waiting room: the host lets each person in').check();
    await a.getByRole('button', { name: 'Schedule' }).click();
    await a.getByTestId('created-notice').waitFor();
    const meetingId = new URL(a.url()).searchParams.get('created')!;
    expect(meetingId).toMatch(/^\d{9,11}$/);
    const item = a.locator(`[data-testid="meeting-item"][data-meeting-id="${meetingId}"]`);
    await item.getByRole('link', { name: 'Edit' }).click();
    await a.getByLabel('Duration (minutes)').fill('45');
    await a.getByRole('button', { name: 'Save changes' }).click();
    await a.getByRole('heading', { level: 1, name: 'My meetings' }).waitFor();
    await expect(item.textContent()).resolves.toContain('45 min');
    await ann.screenshot('meeting-list');

    // Ann starts it; Bob and Carl (a guest, by typing the ID) wait to be admitted.
    await item.getByRole('link', { name: 'Start' }).click();
    await prejoinAndJoin(ann, meetingId);
    await phase(a, 'joined');
    await prejoinAndJoin(bob, meetingId);
    await phase(bob.page, 'waiting');
    await carl.page.goto('/join');
    await carl.page.getByLabel('Meeting ID or link').fill(meetingId.replace(/(\d{3})(\d{3})/, '$1 $2 '));
    await carl.page.getByRole('button', { name: 'Continue' }).click();
    await carl.page.waitForURL((url) => url.pathname === `/m/${meetingId}`);
    await prejoinAndJoin(carl, meetingId, 'Carl');
    await phase(carl.page, 'waiting');
    await bob.screenshot('meeting-waiting-room');

    await openParticipants(a);
    await a.locator('[data-testid="waiting-person"]').nth(1).waitFor({ timeout: 10_000 });
    await a.getByRole('button', { name: 'Admit Bob' }).click();
    await a.getByRole('button', { name: 'Admit Carl' }).click();
    await phase(bob.page, 'joined');
    await phase(carl.page, 'joined');

    // Everyone decodes the other two cameras.
    for (const tab of [ann, bob, carl]) await expectDecoding(tab.page, 'camera', 2);
    // The fake microphones talk: the server's detector names a dominant speaker from the
    // audio levels in their packets, and the pages of the two others highlight his tile
    // (a page never highlights its own participant, so wait on all three).
    await Promise.any(
      [ann, bob, carl].map((tab) =>
        tab.page.locator('[data-testid="participant-tile"][data-speaking="true"]').first().waitFor({ timeout: 15_000 }),
      ),
    );
    await ann.screenshot('meeting-three-people');

    // Carl shares his screen; Ann and Bob decode it.
    await carl.page.getByRole('button', { name: 'Share screen' }).click();
    await carl.page.getByRole('button', { name: 'Stop sharing' }).waitFor({ timeout: 10_000 });
    for (const tab of [ann, bob]) {
      await remoteTiles(tab.page, 'screen').first().waitFor({ timeout: 15_000 });
      await expectDecoding(tab.page, 'screen', 1);
    }
    await expect(remoteTiles(a, 'screen').textContent()).resolves.toContain('Carl — screen');
    await ann.screenshot('meeting-screen-share');

    // Bob's socket drops: "Reconnecting…", then he is back with the same media.
    await bob.page.evaluate(() => (window as unknown as MeetingWindow).__videoproMeeting?.simulateDrop());
    await bob.page.getByTestId('reconnecting').waitFor({ timeout: 5_000 });
    await bob.page.getByTestId('reconnecting').waitFor({ state: 'detached', timeout: 20_000 });
    await phase(bob.page, 'joined');
    await expectDecoding(bob.page, 'camera', 2);

    // While Bob's page is hidden his camera and microphone stop; they come back when it is shown.
    const setHidden = (hidden: boolean) =>
      bob.page.evaluate((h) => {
        Object.defineProperty(document, 'visibilityState', { value: h ? 'hidden' : 'visible', configurable: true });
        document.dispatchEvent(new Event('visibilitychange'));
      }, hidden);
    const bobCamera = () =>
      bob.page.evaluate(() => {
        const track = (window as unknown as MeetingWindow).__videoproMeeting?.localTrack('camera');
        return track ? track.readyState : null;
      });
    await setHidden(true);
    await bob.page.getByRole('button', { name: 'Start video' }).waitFor({ timeout: 5_000 });
    await expect(bobCamera()).resolves.toBeNull();
    await openParticipants(a);
    const bobRow = a.locator('[data-testid="participant"][data-name="Bob"]');
    await bobRow.getByText('Camera off').waitFor({ timeout: 10_000 });
    await setHidden(false);
    await bob.page.getByRole('button', { name: 'Stop video' }).waitFor({ timeout: 10_000 });
    await expect(bobCamera()).resolves.toBe('live');
    await bobRow.getByText('Camera on').waitFor({ timeout: 10_000 });

    // Bob raises his hand and writes in the chat; Ann sees both.
    await bob.page.getByRole('button', { name: 'Raise hand' }).click();
    await bobRow.getByTestId('hand-raised').waitFor({ timeout: 10_000 });
    await bob.page.getByRole('button', { name: /^Chat/ }).click();
    await bob.page.getByLabel('Message').fill('Hello from Bob');
    await bob.page.getByRole('button', { name: 'Send' }).click();
    await a.getByRole('button', { name: 'Chat (1 new)' }).waitFor({ timeout: 10_000 });
    await a.getByRole('button', { name: /^Chat/ }).click();
    await a.getByTestId('chat-message').getByText('Hello from Bob').waitFor();

    // Ann's speaker layout puts Carl's screen on the main stage.
    await a.getByRole('button', { name: 'Speaker', exact: true }).click();
    await expect(a.locator('.tile--main').getAttribute('data-source')).resolves.toBe('screen');
    await a.getByRole('button', { name: 'Grid', exact: true }).click();

    // Ann mutes everyone: Bob and Carl are told, and Ann sees them muted.
    await openParticipants(a);
    await a.getByRole('button', { name: 'Mute all' }).click();
    for (const tab of [bob, carl]) {
      await tab.page.getByTestId('notice').getByText('The host muted your microphone').waitFor({ timeout: 10_000 });
      await tab.page.getByRole('button', { name: 'Unmute' }).waitFor();
    }
    await a.locator('[data-testid="participant"][data-name="Bob"] [data-mic="false"]').waitFor({ timeout: 10_000 });

    // Ann removes Carl and locks the meeting; Carl cannot come back.
    await a.getByRole('button', { name: 'Remove Carl' }).click();
    await carl.page.locator('[data-phase="over"][data-ending="removed"]').waitFor({ timeout: 10_000 });
    await remoteTiles(a, 'screen').waitFor({ state: 'detached', timeout: 10_000 });
    await a.getByRole('button', { name: 'Lock meeting' }).click();
    await a.getByTestId('locked-badge').waitFor({ timeout: 10_000 });
    await carl.page.reload();
    await prejoinAndJoin(carl, meetingId, 'Carl');
    await carl.page
      .getByRole('alert')
      .getByText(/locked|removed/i)
      .waitFor({ timeout: 10_000 });
    await carl.screenshot('meeting-cannot-rejoin');

    // Ann ends the meeting for everyone.
    await a.getByRole('button', { name: 'End meeting for all' }).click();
    await a.getByRole('button', { name: 'Yes, end it' }).click();
    await bob.page.locator('[data-phase="over"][data-ending="ended"]').waitFor({ timeout: 10_000 });
    await a.locator('[data-phase="over"]').waitFor({ timeout: 10_000 });
    // Nothing is captured any more in Bob's page.
    await expect(
      bob.page.evaluate(() => (window as unknown as MeetingWindow).__videoproMeeting?.localTrack('camera') ?? null),
    ).resolves.toBeNull();

    // Ann's attendance record: three attendees with join and exit times, a chart, a CSV.
    await a.getByRole('link', { name: 'See attendance' }).click();
    await a.getByTestId('attendance').waitFor();
    await expect(a.getByTestId('attendee-count').textContent()).resolves.toBe('3');
    for (const name of ['Ann', 'Bob', 'Carl']) {
      const rows = a.locator(`[data-testid="attendance-row"][data-attendee="${name}"]`);
      expect(await rows.count()).toBeGreaterThanOrEqual(1);
      for (const text of await rows.locator('[data-testid="exited-at"]').allTextContents()) {
        expect(text).not.toBe('still in the meeting');
      }
    }
    await expect(a.getByTestId('actual-end').textContent()).resolves.not.toBe('Still running');
    await expect(a.getByTestId('attendance-line').getAttribute('d')).resolves.toMatch(/^M[\d.]+,[\d.]+ H/);
    const csv = await a.evaluate(
      async (id) => (await fetch(`/api/v1/meetings/${id}/attendance.csv`)).text(),
      meetingId,
    );
    for (const name of ['Ann', 'Bob', 'Carl']) expect(csv).toContain(name);
    await ann.screenshot('meeting-attendance');

    // Bob may not see it.
    await bob.page.goto(`/meetings/${meetingId}/attendance`);
    await bob.page.getByTestId('attendance-forbidden').waitFor();

    expect(unexpected(ann)).toEqual([]);
    expect(unexpected(bob)).toEqual([]);
    expect(unexpected(carl)).toEqual([]);
  }, 300_000); // three browsers and many steps on a shared 2-core machine: 1–2.5 minutes seen
});
