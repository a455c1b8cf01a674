// What the meeting page shows, as a reducer over meeting events: the phase (joining,
// waiting room, in the meeting, reconnecting, over), the other participants, their
// producers and the tracks received for them, chat, the waiting room (hosts), and
// the state of this participant's own devices. Shapes follow docs/meeting-protocol.md.

export type Role = 'host' | 'cohost' | 'participant';
export type Source = 'mic' | 'camera' | 'screen';

export interface Participant {
  participantId: string;
  displayName: string;
  role: Role;
  guest: boolean;
  handRaised: boolean;
}

export interface RemoteProducer {
  producerId: string;
  participantId: string;
  kind: 'audio' | 'video';
  source: Source;
  paused: boolean;
}

export interface RemoteTrack {
  consumerId: string;
  producerId: string;
  participantId: string;
  kind: 'audio' | 'video';
  source: Source;
  track: MediaStreamTrack;
}

export interface ChatMessage {
  messageId: string;
  participantId: string;
  displayName: string;
  text: string;
  sentAt: string;
}

export interface Waiting {
  participantId: string;
  displayName: string;
  guest: boolean;
}

export interface MeetingInfo {
  meetingId: string;
  subject: string;
  locked: boolean;
  startedAt: string | null;
}

export interface Snapshot {
  participantId: string;
  resumeToken: string;
  role: Role;
  meeting: MeetingInfo;
  participants: Participant[];
  producers: RemoteProducer[];
  chat: ChatMessage[];
  waiting: Waiting[];
  /** The participant the server named as the dominant speaker (may be self); null before anyone spoke. */
  activeSpeaker?: string | null;
}

/** Why the meeting is over for this participant. */
export type Ending = 'left' | 'ended' | 'removed' | 'refused' | 'failed';

export type Phase =
  | { name: 'connecting' }
  | { name: 'waiting' }
  | { name: 'joined' }
  | { name: 'reconnecting'; attempt: number }
  | { name: 'over'; ending: Ending; message: string };

export interface LocalDevices {
  micOn: boolean;
  cameraOn: boolean;
  sharing: boolean;
  handRaised: boolean;
}

export interface MeetingState {
  phase: Phase;
  selfId: string | null;
  role: Role;
  meeting: MeetingInfo | null;
  participants: Participant[];
  producers: RemoteProducer[];
  tracks: RemoteTrack[];
  chat: ChatMessage[];
  waiting: Waiting[];
  local: LocalDevices;
  activeSpeaker: string | null;
  /** A short message for this participant ("The host muted your microphone."). */
  notice: string | null;
  /** Chat messages arrived while the chat panel was closed. */
  unreadChat: number;
  chatOpen: boolean;
  /** The media check: the receive transport's state and how long it took to connect. */
  media: MediaCheck;
}

export interface MediaCheck {
  state: 'new' | 'connecting' | 'connected' | 'disconnected' | 'failed' | 'closed';
  connectMs: number | null;
}

export type MeetingEvent =
  | { type: 'waiting'; participantId: string }
  | { type: 'snapshot'; snapshot: Snapshot }
  | { type: 'reconnecting'; attempt: number }
  | { type: 'over'; ending: Ending; message: string }
  | { type: 'participantJoined'; participant: Participant }
  | { type: 'participantLeft'; participantId: string }
  | { type: 'participantUpdated'; participant: Participant }
  | { type: 'producerAdded'; producer: RemoteProducer }
  | { type: 'producerClosed'; producerId: string }
  | { type: 'producerPaused'; producerId: string; paused: boolean }
  | { type: 'trackAdded'; track: RemoteTrack }
  | { type: 'trackRemoved'; consumerId: string }
  | { type: 'chatMessage'; message: ChatMessage }
  | { type: 'chatOpen'; open: boolean }
  | { type: 'waitingRoomUpdated'; waiting: Waiting[] }
  | { type: 'meetingLocked'; locked: boolean }
  | { type: 'local'; devices: Partial<LocalDevices> }
  | { type: 'activeSpeaker'; participantId: string | null }
  | { type: 'notice'; text: string | null }
  | { type: 'media'; media: MediaCheck };

/** At most this many chat messages are kept in the page (the server keeps 200). */
export const CHAT_LIMIT = 200;

export function initialMeetingState(local: Partial<LocalDevices> = {}): MeetingState {
  return {
    phase: { name: 'connecting' },
    selfId: null,
    role: 'participant',
    meeting: null,
    participants: [],
    producers: [],
    tracks: [],
    chat: [],
    waiting: [],
    local: { micOn: false, cameraOn: false, sharing: false, handRaised: false, ...local },
    activeSpeaker: null,
    notice: null,
    unreadChat: 0,
    chatOpen: false,
    media: { state: 'new', connectMs: null },
  };
}

function upsert<T>(list: T[], item: T, same: (a: T) => boolean): T[] {
  return list.some(same) ? list.map((x) => (same(x) ? item : x)) : [...list, item];
}

function applySnapshot(state: MeetingState, s: Snapshot): MeetingState {
  const producerIds = new Set(s.producers.map((p) => p.producerId));
  const present = new Set(s.participants.map((p) => p.participantId));
  return {
    ...state,
    phase: { name: 'joined' },
    selfId: s.participantId,
    role: s.role,
    meeting: s.meeting,
    participants: s.participants,
    producers: s.producers,
    // After a resume the received tracks of producers that still exist stay.
    tracks: state.tracks.filter((t) => producerIds.has(t.producerId) && present.has(t.participantId)),
    chat: s.chat.slice(-CHAT_LIMIT),
    waiting: s.waiting,
    activeSpeaker: speakerAfterSnapshot(state.activeSpeaker, s, present),
  };
}

/** The server's speaker when the snapshot names one (older servers do not), else the last one still present. */
function speakerAfterSnapshot(previous: string | null, s: Snapshot, present: Set<string>): string | null {
  const named = s.activeSpeaker === undefined ? previous : s.activeSpeaker;
  return named !== null && (present.has(named) || named === s.participantId) ? named : null;
}

function removeParticipant(state: MeetingState, participantId: string): MeetingState {
  return {
    ...state,
    participants: state.participants.filter((p) => p.participantId !== participantId),
    producers: state.producers.filter((p) => p.participantId !== participantId),
    tracks: state.tracks.filter((t) => t.participantId !== participantId),
    activeSpeaker: state.activeSpeaker === participantId ? null : state.activeSpeaker,
  };
}

function updateParticipant(state: MeetingState, participant: Participant): MeetingState {
  if (participant.participantId === state.selfId) {
    return { ...state, role: participant.role, local: { ...state.local, handRaised: participant.handRaised } };
  }
  return {
    ...state,
    participants: upsert(state.participants, participant, (p) => p.participantId === participant.participantId),
  };
}

function addChat(state: MeetingState, message: ChatMessage): MeetingState {
  if (state.chat.some((m) => m.messageId === message.messageId)) return state;
  const fromOther = message.participantId !== state.selfId;
  return {
    ...state,
    chat: [...state.chat, message].slice(-CHAT_LIMIT),
    unreadChat: state.chatOpen || !fromOther ? state.unreadChat : state.unreadChat + 1,
  };
}

export function meetingReducer(state: MeetingState, event: MeetingEvent): MeetingState {
  if (state.phase.name === 'over' && event.type !== 'local' && event.type !== 'chatOpen') return state;
  switch (event.type) {
    case 'waiting':
      return { ...state, phase: { name: 'waiting' }, selfId: event.participantId };
    case 'snapshot':
      return applySnapshot(state, event.snapshot);
    case 'reconnecting':
      return { ...state, phase: { name: 'reconnecting', attempt: event.attempt } };
    case 'over':
      return {
        ...state,
        phase: { name: 'over', ending: event.ending, message: event.message },
        tracks: [],
        producers: [],
        local: { micOn: false, cameraOn: false, sharing: false, handRaised: false },
      };
    case 'participantJoined':
      return {
        ...state,
        participants: upsert(
          state.participants,
          event.participant,
          (p) => p.participantId === event.participant.participantId,
        ),
        waiting: state.waiting.filter((w) => w.participantId !== event.participant.participantId),
      };
    case 'participantLeft':
      return removeParticipant(state, event.participantId);
    case 'participantUpdated':
      return updateParticipant(state, event.participant);
    case 'producerAdded':
      return {
        ...state,
        producers: upsert(state.producers, event.producer, (p) => p.producerId === event.producer.producerId),
      };
    case 'producerClosed':
      return {
        ...state,
        producers: state.producers.filter((p) => p.producerId !== event.producerId),
        tracks: state.tracks.filter((t) => t.producerId !== event.producerId),
      };
    case 'producerPaused':
      return {
        ...state,
        producers: state.producers.map((p) => (p.producerId === event.producerId ? { ...p, paused: event.paused } : p)),
      };
    case 'trackAdded':
      return state.tracks.some((t) => t.consumerId === event.track.consumerId)
        ? state
        : { ...state, tracks: [...state.tracks, event.track] };
    case 'trackRemoved':
      return { ...state, tracks: state.tracks.filter((t) => t.consumerId !== event.consumerId) };
    case 'chatMessage':
      return addChat(state, event.message);
    case 'chatOpen':
      return { ...state, chatOpen: event.open, unreadChat: event.open ? 0 : state.unreadChat };
    case 'waitingRoomUpdated':
      return { ...state, waiting: event.waiting };
    case 'meetingLocked':
      return state.meeting ? { ...state, meeting: { ...state.meeting, locked: event.locked } } : state;
    case 'local':
      return { ...state, local: { ...state.local, ...event.devices } };
    case 'activeSpeaker':
      return state.activeSpeaker === event.participantId ? state : { ...state, activeSpeaker: event.participantId };
    case 'notice':
      return { ...state, notice: event.text };
    case 'media':
      return { ...state, media: event.media };
  }
}

/** Hosts and co-hosts see host controls and the waiting room. */
export function canModerate(role: Role): boolean {
  return role === 'host' || role === 'cohost';
}

/** What the others see of a participant: microphone and camera on or off, sharing. */
export interface Indicators {
  micOn: boolean;
  cameraOn: boolean;
  sharing: boolean;
}

export function indicatorsOf(state: MeetingState, participantId: string): Indicators {
  const live = (source: Source) =>
    state.producers.some((p) => p.participantId === participantId && p.source === source && !p.paused);
  return { micOn: live('mic'), cameraOn: live('camera'), sharing: live('screen') };
}

/** The producer's source; the test rooms' "webcam" is the meetings' "camera". */
export function sourceOf(value: unknown, kind: 'audio' | 'video'): Source {
  if (value === 'mic' || value === 'camera' || value === 'screen') return value;
  if (value === 'webcam') return 'camera';
  return kind === 'audio' ? 'mic' : 'camera';
}

/**
 * The media check from both transports: connected as soon as one is (media reaches
 * the server), with the quickest connection time; else failed, connecting or new.
 */
export function combineMediaChecks(send: MediaCheck, recv: MediaCheck): MediaCheck {
  const connected = [send, recv].filter((c) => c.state === 'connected');
  if (connected.length) {
    const times = connected.map((c) => c.connectMs).filter((ms): ms is number => ms !== null);
    return { state: 'connected', connectMs: times.length ? Math.min(...times) : null };
  }
  for (const state of ['failed', 'disconnected', 'connecting', 'closed'] as const) {
    if (send.state === state || recv.state === state) return { state, connectMs: null };
  }
  return { state: 'new', connectMs: null };
}

/** The English sentence for each way a meeting ends for this participant. */
export function endingMessage(ending: Ending, detail?: string): string {
  switch (ending) {
    case 'left':
      return 'You left the meeting.';
    case 'ended':
      return 'The host ended the meeting for everyone.';
    case 'removed':
      return 'The host removed you from the meeting. You cannot rejoin it while it runs.';
    case 'refused':
      return 'The host did not let you in. Ask the host if you think this is a mistake.';
    case 'failed':
      return detail ?? 'The connection to the meeting was lost.';
  }
}
