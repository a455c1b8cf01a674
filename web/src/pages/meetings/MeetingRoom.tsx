// In the meeting: the stage (grid or speaker layout), the controls, the side panels,
// the waiting-room screen, the "Reconnecting…" banner and the end screen. The
// MeetingSession does the talking; this renders the state its events build.
import { useEffect, useLayoutEffect, useMemo, useReducer, useRef, useState, type ReactNode } from 'react';
import { Link } from 'react-router';
import { formatMeetingId, type JoinGrant } from '../../api/meetings';
import { DeviceError } from '../../meetings/devices';
import { gridShape, speakerLayout, stageTiles, type StageTile } from '../../meetings/layout';
import { MeetingSession } from '../../meetings/meetingSession';
import { indicatorsOf, initialMeetingState, meetingReducer, type MeetingState } from '../../meetings/meetingState';
import { signalingUrl } from '../../media/mediaRoom';
import { ChatPanel, ParticipantsPanel } from './MeetingPanels';
import type { PreJoinResult } from './PreJoin';
import { AudioSink, VideoView } from './VideoView';

declare global {
  interface Window {
    /** The page's meeting session, for end-to-end tests (stats, simulated drops). */
    __videoproMeeting?: MeetingSession;
  }
}

/** Creates the session once and leaves it when the page really goes away (not on StrictMode's test remount). */
function useSession(
  grant: JoinGrant,
  devices: PreJoinResult,
  dispatch: (e: Parameters<typeof meetingReducer>[1]) => void,
) {
  const ref = useRef<MeetingSession | null>(null);
  const leaveTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  if (!ref.current) ref.current = new MeetingSession({ wsUrl: signalingUrl(window.location), emit: dispatch });
  const session = ref.current;
  useEffect(() => {
    if (leaveTimer.current) clearTimeout(leaveTimer.current);
    leaveTimer.current = null;
    if (!window.__videoproMeeting) {
      window.__videoproMeeting = session;
      void session.start(grant.joinToken, { mic: devices.mic, camera: devices.camera }, devices.choice);
    }
    const leave = () => void session.leave();
    window.addEventListener('pagehide', leave);
    return () => {
      window.removeEventListener('pagehide', leave);
      leaveTimer.current = setTimeout(() => {
        if (window.__videoproMeeting === session) delete window.__videoproMeeting;
        leave();
      }, 0);
    };
  }, [session, grant, devices]);
  return session;
}

function useBoxSize(ref: React.RefObject<HTMLElement | null>): { width: number; height: number } {
  const [size, setSize] = useState({ width: 960, height: 540 });
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(([entry]) => {
      if (entry) setSize({ width: entry.contentRect.width, height: entry.contentRect.height });
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, [ref]);
  return size;
}

export function MeetingRoom({ grant, devices }: { grant: JoinGrant; devices: PreJoinResult }) {
  const [state, dispatch] = useReducer(meetingReducer, undefined, () =>
    initialMeetingState({ micOn: !!devices.mic, cameraOn: !!devices.camera }),
  );
  const session = useSession(grant, devices, dispatch);
  const call = (method: string, data: object = {}) => session.call(method, data);
  const phase = state.phase;

  if (phase.name === 'over') return <EndScreen state={state} grant={grant} />;
  if (phase.name === 'connecting') {
    return (
      <p className="container meeting-status" role="status" data-phase="connecting">
        Joining the meeting…
      </p>
    );
  }
  if (phase.name === 'waiting') {
    return (
      <section className="container meetings-page waiting-room" data-phase="waiting">
        <h1>Waiting for the host</h1>
        <p role="status">
          You are in the waiting room of "{grant.meeting.subject}". The host will let you in soon; please keep this page
          open.
        </p>
        <button type="button" className="button button--quiet" onClick={() => void session.leave()}>
          Leave
        </button>
      </section>
    );
  }
  return <InMeeting state={state} grant={grant} session={session} call={call} dispatch={dispatch} />;
}

function InMeeting(props: {
  state: MeetingState;
  grant: JoinGrant;
  session: MeetingSession;
  call: (method: string, data?: object) => Promise<unknown>;
  dispatch: (e: Parameters<typeof meetingReducer>[1]) => void;
}) {
  const { state, grant, session, call, dispatch } = props;
  const [layout, setLayout] = useState<'grid' | 'speaker'>('grid');
  const [panel, setPanel] = useState<'participants' | 'chat' | null>(null);
  const sharing = useMemo(() => {
    const ids = new Set(state.producers.filter((p) => p.source === 'screen').map((p) => p.participantId));
    if (state.local.sharing && state.selfId) ids.add(state.selfId);
    return ids;
  }, [state.producers, state.local.sharing, state.selfId]);
  const tiles = stageTiles(
    state.selfId,
    state.participants.map((p) => p.participantId),
    sharing,
  );
  const openPanel = (which: 'participants' | 'chat') => {
    const next = panel === which ? null : which;
    setPanel(next);
    dispatch({ type: 'chatOpen', open: next === 'chat' });
  };

  return (
    <div className="meeting" data-phase={state.phase.name}>
      <header className="meeting__bar">
        <div>
          <strong className="meeting__subject">{state.meeting?.subject ?? grant.meeting.subject}</strong>{' '}
          <span className="meeting__id">ID {formatMeetingId(grant.meeting.meetingId)}</span>
          {state.meeting?.locked && (
            <span className="badge" data-testid="locked-badge">
              Locked
            </span>
          )}
        </div>
        <MediaStatus state={state} />
        <div className="meeting__layout" role="group" aria-label="Layout">
          <button
            type="button"
            aria-pressed={layout === 'grid'}
            className="button button--quiet button--small"
            onClick={() => setLayout('grid')}
          >
            Grid
          </button>
          <button
            type="button"
            aria-pressed={layout === 'speaker'}
            className="button button--quiet button--small"
            onClick={() => setLayout('speaker')}
          >
            Speaker
          </button>
        </div>
      </header>
      {state.phase.name === 'reconnecting' && (
        <p className="meeting__banner" role="status" data-testid="reconnecting">
          Reconnecting… (attempt {state.phase.attempt}). Your camera and microphone stay as they were.
        </p>
      )}
      {state.notice && (
        <p className="meeting__notice" role="status" data-testid="notice">
          {state.notice}{' '}
          <button type="button" className="link-button" onClick={() => dispatch({ type: 'notice', text: null })}>
            Dismiss
          </button>
        </p>
      )}
      <div className="meeting__body">
        <Stage state={state} session={session} tiles={tiles} layout={layout} selfName={grant.name} />
        {panel === 'participants' && <ParticipantsPanel state={state} selfName={grant.name} call={call} />}
        {panel === 'chat' && <ChatPanel state={state} call={call} />}
      </div>
      {state.tracks
        .filter((t) => t.kind === 'audio')
        .map((t) => (
          <AudioSink key={t.consumerId} track={t.track} participantId={t.participantId} />
        ))}
      <Controls state={state} session={session} call={call} dispatch={dispatch} panel={panel} openPanel={openPanel} />
    </div>
  );
}

function MediaStatus({ state }: { state: MeetingState }) {
  const { media } = state;
  const text =
    media.state === 'connected'
      ? `Media connected${media.connectMs !== null ? ` in ${media.connectMs} ms` : ''}`
      : media.state === 'failed'
        ? 'Media cannot reach the server (UDP blocked?)'
        : media.state === 'disconnected'
          ? 'Media interrupted…'
          : media.state === 'new'
            ? 'Media connects when you or others send'
            : 'Connecting media…';
  return (
    <span className={`media-status media-status--${media.state}`} data-testid="media-status" data-state={media.state}>
      {text}
    </span>
  );
}

function Stage(props: {
  state: MeetingState;
  session: MeetingSession;
  tiles: StageTile[];
  layout: 'grid' | 'speaker';
  selfName: string;
}) {
  const { state, session, tiles, layout, selfName } = props;
  const box = useRef<HTMLDivElement>(null);
  const size = useBoxSize(box);
  const render = (tile: StageTile, className = '') => (
    <Tile key={tile.key} tile={tile} state={state} session={session} selfName={selfName} className={className} />
  );
  if (layout === 'speaker') {
    const { main, strip } = speakerLayout(tiles, state.activeSpeaker);
    return (
      <div className="stage stage--speaker" ref={box} data-layout="speaker">
        <div className="stage__main">{main && render(main, 'tile--main')}</div>
        <div className="stage__strip">{strip.map((t) => render(t))}</div>
      </div>
    );
  }
  const shape = gridShape(tiles.length, size.width, size.height);
  return (
    <div
      className="stage stage--grid"
      ref={box}
      data-layout="grid"
      style={{ gridTemplateColumns: `repeat(${shape.columns}, ${shape.tileWidth || 320}px)` }}
    >
      {tiles.map((t) => render(t))}
    </div>
  );
}

function Tile(props: {
  tile: StageTile;
  state: MeetingState;
  session: MeetingSession;
  selfName: string;
  className: string;
}) {
  const { tile, state, session, selfName, className } = props;
  const participant = state.participants.find((p) => p.participantId === tile.participantId);
  const name = tile.self ? `${selfName} (you)` : (participant?.displayName ?? 'Someone');
  const ind = tile.self
    ? { micOn: state.local.micOn, cameraOn: state.local.cameraOn, sharing: state.local.sharing }
    : indicatorsOf(state, tile.participantId);
  let track: MediaStreamTrack | null = null;
  if (tile.self) track = session.localTrack(tile.source);
  else if (tile.source === 'screen' || ind.cameraOn) {
    track =
      state.tracks.find((t) => t.participantId === tile.participantId && t.kind === 'video' && t.source === tile.source)
        ?.track ?? null;
  }
  const speaking = !tile.self && tile.source === 'camera' && state.activeSpeaker === tile.participantId;
  const hand = tile.self ? state.local.handRaised : participant?.handRaised;
  let body: ReactNode;
  if (track)
    body = <VideoView track={track} mirrored={tile.self && tile.source === 'camera'} label={`${name} video`} />;
  else body = <div className="tile__avatar">{tile.source === 'screen' ? 'Screen loading…' : initials(name)}</div>;
  return (
    <figure
      className={`tile ${className}${speaking ? ' tile--speaking' : ''}`}
      data-testid="participant-tile"
      data-participant-id={tile.participantId}
      data-source={tile.source}
      data-self={String(tile.self)}
      data-speaking={String(speaking)}
    >
      {body}
      <figcaption className="tile__caption">
        {tile.source === 'screen' ? `${name} — screen` : name}
        {tile.source === 'camera' && !ind.micOn && (
          <span className="tile__muted" data-testid="muted-indicator">
            {' '}
            · muted
          </span>
        )}
        {tile.source === 'camera' && !ind.cameraOn && <span className="tile__muted"> · camera off</span>}
        {hand && tile.source === 'camera' && <span aria-label="hand raised"> ✋</span>}
      </figcaption>
    </figure>
  );
}

function initials(name: string): string {
  return name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((w) => w[0]!.toUpperCase())
    .join('');
}

function Controls(props: {
  state: MeetingState;
  session: MeetingSession;
  call: (method: string, data?: object) => Promise<unknown>;
  dispatch: (e: Parameters<typeof meetingReducer>[1]) => void;
  panel: 'participants' | 'chat' | null;
  openPanel: (which: 'participants' | 'chat') => void;
}) {
  const { state, session, call, dispatch, panel, openPanel } = props;
  const { local } = state;
  const toggle = async (kind: 'mic' | 'camera', on: boolean) => {
    try {
      await session.setDevice(kind, on);
    } catch (e) {
      dispatch({ type: 'notice', text: e instanceof DeviceError ? e.message : String(e) });
    }
  };
  const share = async () => {
    if (local.sharing) return session.stopScreen();
    const started = await session.shareScreen();
    if (!started)
      dispatch({
        type: 'notice',
        text: 'Screen sharing did not start: the browser was not allowed to capture the screen.',
      });
  };
  const raise = () => void call('raiseHand', { raised: !local.handRaised }).catch(() => {});
  const waiting = state.waiting.length;
  return (
    <nav className="meeting__controls" aria-label="Meeting controls">
      <button
        type="button"
        className="control"
        aria-pressed={!local.micOn}
        onClick={() => void toggle('mic', !local.micOn)}
      >
        {local.micOn ? 'Mute' : 'Unmute'}
      </button>
      <button
        type="button"
        className="control"
        aria-pressed={!local.cameraOn}
        onClick={() => void toggle('camera', !local.cameraOn)}
      >
        {local.cameraOn ? 'Stop video' : 'Start video'}
      </button>
      <button type="button" className="control" onClick={() => void share()}>
        {local.sharing ? 'Stop sharing' : 'Share screen'}
      </button>
      <button type="button" className="control" aria-pressed={local.handRaised} onClick={raise}>
        {local.handRaised ? 'Lower hand' : 'Raise hand'}
      </button>
      <button
        type="button"
        className="control"
        aria-expanded={panel === 'participants'}
        onClick={() => openPanel('participants')}
      >
        Participants ({state.participants.length + 1}){waiting > 0 && ` · ${waiting} waiting`}
      </button>
      <button type="button" className="control" aria-expanded={panel === 'chat'} onClick={() => openPanel('chat')}>
        Chat{state.unreadChat > 0 && ` (${state.unreadChat} new)`}
      </button>
      <button type="button" className="control control--leave" onClick={() => void session.leave()}>
        Leave
      </button>
    </nav>
  );
}

function EndScreen({ state, grant }: { state: MeetingState; grant: JoinGrant }) {
  const phase = state.phase as Extract<MeetingState['phase'], { name: 'over' }>;
  const canRejoin = phase.ending === 'left' || phase.ending === 'failed';
  return (
    <section className="container meetings-page" data-phase="over" data-ending={phase.ending}>
      <h1>
        {phase.ending === 'ended'
          ? 'The meeting has ended'
          : phase.ending === 'left'
            ? 'You left'
            : 'You are out of the meeting'}
      </h1>
      <p role="status" data-testid="ending-message">
        {phase.message}
      </p>
      <p className="meetings-page__actions">
        {canRejoin && (
          <button type="button" className="button" onClick={() => window.location.reload()}>
            Rejoin
          </button>
        )}
        {grant.meeting.isCreator && (
          <Link className="button button--quiet" to={`/meetings/${grant.meeting.meetingId}/attendance`}>
            See attendance
          </Link>
        )}
        <Link className="button button--quiet" to="/">
          Home
        </Link>
      </p>
    </section>
  );
}
