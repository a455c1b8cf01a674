// The session's signalling paths that need no media: refused joins, the waiting
// room, resuming after a dropped socket, refusal, leaving. (Media is covered by the
// browser end-to-end test.)
import { describe, expect, it, vi } from 'vitest';
import { FakeSocket } from '../test/fakeSocket';
import { MeetingSession } from './meetingSession';
import type { MeetingEvent } from './meetingState';

const tick = () => new Promise((r) => setTimeout(r, 0));

function setup() {
  const sockets: FakeSocket[] = [];
  const events: MeetingEvent[] = [];
  const session = new MeetingSession({
    wsUrl: 'ws://test/ws',
    emit: (e) => events.push(e),
    createSocket: () => {
      const socket = new FakeSocket();
      sockets.push(socket);
      return socket;
    },
  });
  return { session, sockets, events };
}

function fakeTrack() {
  return { stop: vi.fn(), kind: 'audio' } as unknown as MediaStreamTrack & { stop: ReturnType<typeof vi.fn> };
}

/** Answers the last request on `socket`. */
function reply(
  socket: FakeSocket,
  answer: { ok: true; data: unknown } | { ok: false; error: { code: string; message: string } },
) {
  const last = socket.sent[socket.sent.length - 1]!;
  socket.receive({ id: last.id, ...answer });
}

describe('MeetingSession', () => {
  it('ends with the reason in words when joining is refused, and stops the devices', async () => {
    const { session, sockets, events } = setup();
    const mic = fakeTrack();
    const started = session.start('vj1.token', { mic, camera: null }, { micId: null, cameraId: null });
    await tick();
    sockets[0]!.open();
    await tick();
    expect(sockets[0]!.sent[0]).toMatchObject({ method: 'joinMeeting', data: { joinToken: 'vj1.token' } });
    reply(sockets[0]!, { ok: false, error: { code: 'meeting_locked', message: 'locked' } });
    await started;
    expect(events.at(-1)).toEqual({
      type: 'over',
      ending: 'failed',
      message: 'The host has locked this meeting: nobody else can join now.',
    });
    expect(mic.stop).toHaveBeenCalled();
  });

  it('waits, resumes on a new socket after a drop, and ends when refused', async () => {
    const { session, sockets, events } = setup();
    const started = session.start('vj1.token', { mic: null, camera: null }, { micId: null, cameraId: null });
    await tick();
    sockets[0]!.open();
    await tick();
    reply(sockets[0]!, { ok: true, data: { status: 'waiting', participantId: 'p7', resumeToken: 'resume-1' } });
    await started;
    expect(events).toContainEqual({ type: 'waiting', participantId: 'p7' });

    sockets[0]!.drop(1006);
    await tick();
    expect(events).toContainEqual({ type: 'reconnecting', attempt: 1 });
    expect(sockets.length).toBe(2);
    sockets[1]!.open();
    await tick();
    expect(sockets[1]!.sent[0]).toMatchObject({ method: 'resume', data: { resumeToken: 'resume-1' } });
    reply(sockets[1]!, { ok: true, data: { status: 'waiting', participantId: 'p7', resumeToken: 'resume-2' } });
    await tick();
    expect(events.filter((e) => e.type === 'waiting').length).toBe(2);
    expect(events).toContainEqual({ type: 'notice', text: 'Reconnected.' });

    sockets[1]!.receive({ method: 'refused', data: {} });
    expect(events.at(-1)).toMatchObject({ type: 'over', ending: 'refused' });
    expect(sockets[1]!.closedWith).toBe(1000);
  });

  it('gives up resuming when the server says the grace period is over', async () => {
    const { session, sockets, events } = setup();
    const started = session.start('vj1.token', { mic: null, camera: null }, { micId: null, cameraId: null });
    await tick();
    sockets[0]!.open();
    await tick();
    reply(sockets[0]!, { ok: true, data: { status: 'waiting', participantId: 'p7', resumeToken: 'r' } });
    await started;
    sockets[0]!.drop(1006);
    await tick();
    sockets[1]!.open();
    await tick();
    reply(sockets[1]!, { ok: false, error: { code: 'resume_expired', message: 'expired' } });
    await tick();
    expect(events.at(-1)).toEqual({
      type: 'over',
      ending: 'failed',
      message: 'The connection was lost for too long. Join the meeting again.',
    });
  });

  it('leaves from the waiting room: says leave, stops the devices, ends as "left"', async () => {
    const { session, sockets, events } = setup();
    const camera = fakeTrack();
    const started = session.start('vj1.token', { mic: null, camera }, { micId: null, cameraId: null });
    await tick();
    sockets[0]!.open();
    await tick();
    reply(sockets[0]!, { ok: true, data: { status: 'waiting', participantId: 'p7', resumeToken: 'r' } });
    await started;
    const left = session.leave();
    await tick();
    expect(sockets[0]!.sent.at(-1)).toMatchObject({ method: 'leave' });
    reply(sockets[0]!, { ok: true, data: {} });
    await left;
    expect(camera.stop).toHaveBeenCalled();
    expect(events.at(-1)).toEqual({ type: 'over', ending: 'left', message: 'You left the meeting.' });
    // A late drop of the closed socket starts no reconnection.
    sockets[0]!.drop(1006);
    await tick();
    expect(sockets.length).toBe(1);
  });

  it("passes the server's activeSpeaker notification on as the highlighted speaker, ignoring malformed ones", async () => {
    const { session, sockets, events } = setup();
    const started = session.start('vj1.token', { mic: null, camera: null }, { micId: null, cameraId: null });
    await tick();
    sockets[0]!.open();
    await tick();
    reply(sockets[0]!, { ok: true, data: { status: 'waiting', participantId: 'p7', resumeToken: 'r' } });
    await started;
    sockets[0]!.receive({ method: 'activeSpeaker', data: { participantId: 'p3', producerId: 'mic-3' } });
    sockets[0]!.receive({ method: 'activeSpeaker', data: { participantId: 42 } });
    sockets[0]!.receive({ method: 'activeSpeaker', data: {} });
    expect(events.filter((e) => e.type === 'activeSpeaker')).toEqual([{ type: 'activeSpeaker', participantId: 'p3' }]);
  });
});
