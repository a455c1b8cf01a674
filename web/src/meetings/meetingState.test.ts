import { describe, expect, it } from 'vitest';
import {
  CHAT_LIMIT,
  canModerate,
  combineMediaChecks,
  indicatorsOf,
  initialMeetingState,
  meetingReducer,
  sourceOf,
  type MediaCheck,
  type MeetingEvent,
  type MeetingState,
  type Participant,
  type RemoteProducer,
  type Snapshot,
} from './meetingState';
import { speakerLayout, stageTiles } from './layout';

const track = {} as MediaStreamTrack;

function person(participantId: string, displayName: string, role: Participant['role'] = 'participant'): Participant {
  return { participantId, displayName, role, guest: false, handRaised: false };
}

function producer(producerId: string, participantId: string, source: RemoteProducer['source'], paused = false) {
  return { producerId, participantId, kind: source === 'mic' ? 'audio' : 'video', source, paused } as RemoteProducer;
}

function snapshot(overrides: Partial<Snapshot> = {}): Snapshot {
  return {
    participantId: 'me',
    resumeToken: 'r1',
    role: 'host',
    meeting: { meetingId: '123456789', subject: 'Weekly', locked: false, startedAt: '2026-12-05T19:00:00Z' },
    participants: [person('a', 'Alice'), person('b', 'Bob')],
    producers: [producer('pa-mic', 'a', 'mic'), producer('pa-cam', 'a', 'camera'), producer('pb-cam', 'b', 'camera')],
    chat: [],
    waiting: [{ participantId: 'w', displayName: 'Walter', guest: true }],
    ...overrides,
  };
}

function run(events: MeetingEvent[], from: MeetingState = initialMeetingState()): MeetingState {
  return events.reduce(meetingReducer, from);
}

describe('meetingReducer', () => {
  it('goes from connecting through the waiting room to the meeting when admitted', () => {
    const waiting = run([{ type: 'waiting', participantId: 'me' }]);
    expect(waiting.phase).toEqual({ name: 'waiting' });
    expect(waiting.selfId).toBe('me');
    const joined = run([{ type: 'snapshot', snapshot: snapshot({ role: 'participant', waiting: [] }) }], waiting);
    expect(joined.phase).toEqual({ name: 'joined' });
    expect(joined.participants.map((p) => p.displayName)).toEqual(['Alice', 'Bob']);
    expect(joined.role).toBe('participant');
  });

  it('keeps the tracks of producers that survive a resume and drops the others', () => {
    const joined = run([
      { type: 'snapshot', snapshot: snapshot() },
      {
        type: 'trackAdded',
        track: { consumerId: 'c1', producerId: 'pa-cam', participantId: 'a', kind: 'video', source: 'camera', track },
      },
      {
        type: 'trackAdded',
        track: { consumerId: 'c2', producerId: 'pb-cam', participantId: 'b', kind: 'video', source: 'camera', track },
      },
      { type: 'reconnecting', attempt: 1 },
    ]);
    expect(joined.phase).toEqual({ name: 'reconnecting', attempt: 1 });
    // Bob left while we were away: his producer is not in the new snapshot.
    const resumed = run(
      [
        {
          type: 'snapshot',
          snapshot: snapshot({ participants: [person('a', 'Alice')], producers: [producer('pa-cam', 'a', 'camera')] }),
        },
      ],
      joined,
    );
    expect(resumed.phase).toEqual({ name: 'joined' });
    expect(resumed.tracks.map((t) => t.consumerId)).toEqual(['c1']);
  });

  it("follows the server's active speaker: from the snapshot, then from notifications", () => {
    const joined = run([{ type: 'snapshot', snapshot: snapshot({ activeSpeaker: 'b' }) }]);
    expect(joined.activeSpeaker).toBe('b');
    expect(speakerLayout(stageTiles('me', ['a', 'b'], new Set()), joined.activeSpeaker).main?.participantId).toBe('b');
    const moved = run([{ type: 'activeSpeaker', participantId: 'a' }], joined);
    expect(moved.activeSpeaker).toBe('a');
    // Self may be the speaker (no highlight of self in the page); someone unknown is not kept.
    expect(run([{ type: 'activeSpeaker', participantId: 'me' }], moved).activeSpeaker).toBe('me');
    expect(run([{ type: 'snapshot', snapshot: snapshot({ activeSpeaker: 'gone' }) }]).activeSpeaker).toBeNull();
    // A resume snapshot without the field (an older server) keeps the speaker still present.
    expect(run([{ type: 'snapshot', snapshot: snapshot() }], moved).activeSpeaker).toBe('a');
    expect(run([{ type: 'snapshot', snapshot: snapshot({ activeSpeaker: null }) }], moved).activeSpeaker).toBeNull();
  });

  it('removes a participant with his producers, tracks and speaker highlight', () => {
    const state = run([
      { type: 'snapshot', snapshot: snapshot() },
      {
        type: 'trackAdded',
        track: { consumerId: 'c1', producerId: 'pa-cam', participantId: 'a', kind: 'video', source: 'camera', track },
      },
      { type: 'activeSpeaker', participantId: 'a' },
      { type: 'participantLeft', participantId: 'a' },
    ]);
    expect(state.participants.map((p) => p.participantId)).toEqual(['b']);
    expect(state.producers.map((p) => p.producerId)).toEqual(['pb-cam']);
    expect(state.tracks).toEqual([]);
    expect(state.activeSpeaker).toBeNull();
  });

  it('shows remote mute and camera indicators from producers being paused or closed', () => {
    let state = run([{ type: 'snapshot', snapshot: snapshot() }]);
    expect(indicatorsOf(state, 'a')).toEqual({ micOn: true, cameraOn: true, sharing: false });
    expect(indicatorsOf(state, 'b')).toEqual({ micOn: false, cameraOn: true, sharing: false });
    state = run(
      [
        { type: 'producerPaused', producerId: 'pa-mic', paused: true },
        { type: 'producerClosed', producerId: 'pa-cam' },
        { type: 'producerAdded', producer: producer('pb-screen', 'b', 'screen') },
      ],
      state,
    );
    expect(indicatorsOf(state, 'a')).toEqual({ micOn: false, cameraOn: false, sharing: false });
    expect(indicatorsOf(state, 'b').sharing).toBe(true);
    state = run([{ type: 'producerPaused', producerId: 'pa-mic', paused: false }], state);
    expect(indicatorsOf(state, 'a').micOn).toBe(true);
  });

  it('applies a role change of this participant and of others', () => {
    let state = run([{ type: 'snapshot', snapshot: snapshot({ role: 'participant' }) }]);
    state = run(
      [
        { type: 'participantUpdated', participant: { ...person('me', 'Me', 'cohost'), handRaised: true } },
        { type: 'participantUpdated', participant: { ...person('b', 'Bob'), handRaised: true } },
      ],
      state,
    );
    expect(state.role).toBe('cohost');
    expect(canModerate(state.role)).toBe(true);
    expect(state.local.handRaised).toBe(true);
    expect(state.participants.find((p) => p.participantId === 'b')?.handRaised).toBe(true);
  });

  it('admitting moves a person from the waiting list into the meeting', () => {
    const state = run([
      { type: 'snapshot', snapshot: snapshot() },
      { type: 'participantJoined', participant: person('w', 'Walter') },
    ]);
    expect(state.waiting).toEqual([]);
    expect(state.participants.map((p) => p.participantId)).toEqual(['a', 'b', 'w']);
  });

  it('counts unread chat from others only while the chat is closed, without duplicates, up to the limit', () => {
    const msg = (n: number, from = 'a') => ({
      type: 'chatMessage' as const,
      message: {
        messageId: `m${n}`,
        participantId: from,
        displayName: 'Alice',
        text: `hi ${n}`,
        sentAt: '2026-12-05T19:00:00Z',
      },
    });
    let state = run([{ type: 'snapshot', snapshot: snapshot() }, msg(1), msg(1), msg(2, 'me')]);
    expect(state.chat.length).toBe(2);
    expect(state.unreadChat).toBe(1);
    state = run([{ type: 'chatOpen', open: true }, msg(3)], state);
    expect(state.unreadChat).toBe(0);
    const many = Array.from({ length: CHAT_LIMIT + 5 }, (_, i) => msg(100 + i));
    expect(run(many, state).chat.length).toBe(CHAT_LIMIT);
  });

  it("once over, ignores the meeting's events and forgets its media", () => {
    const over = run([
      { type: 'snapshot', snapshot: snapshot() },
      { type: 'local', devices: { micOn: true, cameraOn: true } },
      { type: 'over', ending: 'removed', message: 'removed' },
      { type: 'participantJoined', participant: person('z', 'Zed') },
      { type: 'snapshot', snapshot: snapshot() },
    ]);
    expect(over.phase).toEqual({ name: 'over', ending: 'removed', message: 'removed' });
    expect(over.participants.some((p) => p.participantId === 'z')).toBe(false);
    expect(over.local).toEqual({ micOn: false, cameraOn: false, sharing: false, handRaised: false });
    expect(over.producers).toEqual([]);
  });

  it('records the lock state and the media check', () => {
    const state = run([
      { type: 'snapshot', snapshot: snapshot() },
      { type: 'meetingLocked', locked: true },
      { type: 'media', media: { state: 'connected', connectMs: 42 } },
    ]);
    expect(state.meeting?.locked).toBe(true);
    expect(state.media).toEqual({ state: 'connected', connectMs: 42 });
  });
});

describe('combineMediaChecks', () => {
  it('is connected when either transport is, with the quickest time; else the worst state', () => {
    const c = (state: MediaCheck['state'], connectMs: number | null = null): MediaCheck => ({ state, connectMs });
    expect(combineMediaChecks(c('connected', 80), c('connected', 40))).toEqual(c('connected', 40));
    expect(combineMediaChecks(c('connected', 80), c('new'))).toEqual(c('connected', 80));
    expect(combineMediaChecks(c('failed'), c('connecting'))).toEqual(c('failed'));
    expect(combineMediaChecks(c('new'), c('connecting'))).toEqual(c('connecting'));
    expect(combineMediaChecks(c('new'), c('new'))).toEqual(c('new'));
  });
});

describe('sourceOf', () => {
  it('reads the protocol sources and the test rooms\' "webcam", with a default by kind', () => {
    expect(sourceOf('screen', 'video')).toBe('screen');
    expect(sourceOf('webcam', 'video')).toBe('camera');
    expect(sourceOf(undefined, 'audio')).toBe('mic');
    expect(sourceOf('weird', 'video')).toBe('camera');
  });
});
