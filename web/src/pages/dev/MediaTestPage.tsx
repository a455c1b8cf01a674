// /dev/media?room=abc&name=Alice — the developer media test page: joins a test
// room, publishes camera + microphone, optionally the screen, and shows every
// other participant's tracks. Not linked from the product's pages.
// &simulcast=1 publishes the camera in three layers; &layer=0..2 asks for one;
// &minKbps=N floors the camera's send bandwidth estimate.
import { useEffect, useReducer, useRef, useState } from 'react';
import { useLocation } from 'react-router';
import { MediaRoom, mediaOptions, signalingUrl } from '../../media/mediaRoom';
import {
  initialRoomState,
  joinParameters,
  roomReducer,
  tileLabel,
  type Status,
  type Tile,
} from '../../media/roomState';
import './MediaTestPage.css';

declare global {
  interface Window {
    /** The page's room, for end-to-end tests (stats, screen share). */
    __videoproMedia?: MediaRoom;
  }
}

export function MediaTestPage() {
  const { search } = useLocation();
  const { roomId, displayName } = joinParameters(search);
  const { simulcast, preferredLayer, minKbps } = mediaOptions(search);
  const [state, dispatch] = useReducer(roomReducer, initialRoomState);
  const [room, setRoom] = useState<MediaRoom | null>(null);

  useEffect(() => {
    const media = new MediaRoom(dispatch, { simulcast, preferredLayer, minKbps });
    setRoom(media);
    window.__videoproMedia = media;
    void media.start(signalingUrl(window.location), roomId, displayName);
    return () => {
      if (window.__videoproMedia === media) delete window.__videoproMedia;
      void media.leave();
    };
  }, [roomId, displayName, simulcast, preferredLayer, minKbps]);

  const remoteVideo = state.tiles.filter((t) => t.kind === 'video');
  const remoteAudio = state.tiles.filter((t) => t.kind === 'audio');
  const live = state.status.phase === 'connected';

  return (
    <section className="media-test container" aria-labelledby="media-test-title">
      <title>{`Media test — ${roomId} — VideoPro`}</title>
      <h1 id="media-test-title">Media test room “{roomId}”</h1>
      <StatusLine status={state.status} peers={state.peers.length} />
      <div className="media-test__actions">
        <button
          type="button"
          className="media-test__button"
          disabled={!live}
          onClick={() => void (state.sharingScreen ? room?.stopScreen() : room?.shareScreen())}
        >
          {state.sharingScreen ? 'Stop sharing' : 'Share screen'}
        </button>
        <button
          type="button"
          className="media-test__button media-test__button--quiet"
          disabled={state.status.phase === 'left'}
          onClick={() => void room?.leave()}
        >
          Leave
        </button>
      </div>
      <ul className="media-test__grid" aria-label="Video">
        {live && room?.local && (
          <li className="media-tile media-tile--local">
            <StreamVideo stream={room.local} />
            <span className="media-tile__label">{displayName} (you) — camera</span>
          </li>
        )}
        {remoteVideo.map((tile) => (
          <li
            key={tile.consumerId}
            className="media-tile"
            data-testid="remote-tile"
            data-peer-id={tile.peerId}
            data-source={tile.source}
          >
            <TrackVideo tile={tile} />
            <span className="media-tile__label">{tileLabel(tile, state.peers)}</span>
          </li>
        ))}
      </ul>
      {remoteAudio.map((tile) => (
        <TrackAudio key={tile.consumerId} tile={tile} label={tileLabel(tile, state.peers)} />
      ))}
      <p className="media-test__help">
        Open this page in a second browser window with the same <code>?room=</code> to see and hear each other.
      </p>
    </section>
  );
}

function StatusLine({ status, peers }: { status: Status; peers: number }) {
  const text =
    status.phase === 'connecting'
      ? 'Connecting…'
      : status.phase === 'connected'
        ? `Connected — ${peers === 0 ? 'waiting for others to join' : `${peers} other participant${peers === 1 ? '' : 's'}`}`
        : status.phase === 'left'
          ? 'You left the room. Reload the page to join again.'
          : `Failed: ${status.message}`;
  return (
    <p role="status" className={`media-test__status media-test__status--${status.phase}`} data-phase={status.phase}>
      {text}
    </p>
  );
}

function StreamVideo({ stream }: { stream: MediaStream }) {
  const ref = useRef<HTMLVideoElement>(null);
  useEffect(() => {
    if (ref.current) ref.current.srcObject = stream;
  }, [stream]);
  return <video ref={ref} autoPlay playsInline muted />;
}

function TrackVideo({ tile }: { tile: Tile }) {
  const stream = useStreamOf(tile.track);
  return <StreamVideo stream={stream} />;
}

function TrackAudio({ tile, label }: { tile: Tile; label: string }) {
  const ref = useRef<HTMLAudioElement>(null);
  const stream = useStreamOf(tile.track);
  const [blocked, setBlocked] = useState(false);
  useEffect(() => {
    const audio = ref.current;
    if (!audio) return;
    audio.srcObject = stream;
    // Browsers may refuse sound before the user has interacted with the page.
    audio.play().then(
      () => setBlocked(false),
      () => setBlocked(true),
    );
  }, [stream]);
  return (
    <div className="media-test__audio" data-testid="remote-audio" data-peer-id={tile.peerId}>
      <audio ref={ref} aria-label={label} />
      {blocked && (
        <button
          type="button"
          className="media-test__button"
          onClick={() => void ref.current?.play().then(() => setBlocked(false))}
        >
          Enable sound: {label}
        </button>
      )}
    </div>
  );
}

function useStreamOf(track: MediaStreamTrack): MediaStream {
  const [stream] = useState(() => new MediaStream([track]));
  return stream;
}
