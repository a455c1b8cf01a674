// What the media test page shows, as a reducer over room events: the connection
// status, the other peers, and one tile per received track.

export type Source = 'mic' | 'webcam' | 'screen';
export type Status =
  { phase: 'connecting' } | { phase: 'connected' } | { phase: 'failed'; message: string } | { phase: 'left' };

export interface RemotePeer {
  peerId: string;
  displayName: string;
}

export interface Tile {
  consumerId: string;
  producerId: string;
  peerId: string;
  kind: 'audio' | 'video';
  source: Source;
  track: MediaStreamTrack;
}

export interface RoomState {
  status: Status;
  selfId: string | null;
  peers: RemotePeer[];
  tiles: Tile[];
  sharingScreen: boolean;
}

export type RoomEvent =
  | { type: 'joined'; selfId: string; peers: RemotePeer[] }
  | { type: 'connected' }
  | { type: 'failed'; message: string }
  | { type: 'left' }
  | { type: 'peerJoined'; peer: RemotePeer }
  | { type: 'peerLeft'; peerId: string }
  | { type: 'tileAdded'; tile: Tile }
  | { type: 'consumerClosed'; consumerId: string }
  | { type: 'producerClosed'; producerId: string }
  | { type: 'screenShare'; active: boolean };

export const initialRoomState: RoomState = {
  status: { phase: 'connecting' },
  selfId: null,
  peers: [],
  tiles: [],
  sharingScreen: false,
};

export function roomReducer(state: RoomState, event: RoomEvent): RoomState {
  switch (event.type) {
    case 'joined':
      return { ...state, selfId: event.selfId, peers: event.peers };
    case 'connected':
      return state.status.phase === 'connecting' ? { ...state, status: { phase: 'connected' } } : state;
    case 'failed':
      return { ...state, status: { phase: 'failed', message: event.message } };
    case 'left':
      return { ...state, status: { phase: 'left' }, peers: [], tiles: [], sharingScreen: false };
    case 'peerJoined':
      return state.peers.some((p) => p.peerId === event.peer.peerId)
        ? state
        : { ...state, peers: [...state.peers, event.peer] };
    case 'peerLeft':
      return {
        ...state,
        peers: state.peers.filter((p) => p.peerId !== event.peerId),
        tiles: state.tiles.filter((t) => t.peerId !== event.peerId),
      };
    case 'tileAdded':
      return state.tiles.some((t) => t.consumerId === event.tile.consumerId)
        ? state
        : { ...state, tiles: [...state.tiles, event.tile] };
    case 'consumerClosed':
      return { ...state, tiles: state.tiles.filter((t) => t.consumerId !== event.consumerId) };
    case 'producerClosed':
      return { ...state, tiles: state.tiles.filter((t) => t.producerId !== event.producerId) };
    case 'screenShare':
      return { ...state, sharingScreen: event.active };
  }
}

const SOURCE_LABELS: Record<Source, string> = { mic: 'microphone', webcam: 'camera', screen: 'screen' };

/** "Alice — camera"; an unknown peer is shown by the start of its id. */
export function tileLabel(tile: Tile, peers: RemotePeer[]): string {
  const peer = peers.find((p) => p.peerId === tile.peerId);
  return `${peer ? peer.displayName : tile.peerId.slice(0, 12)} — ${SOURCE_LABELS[tile.source]}`;
}

/** The room and display name from the page's query (?room=abc&name=Alice), with defaults. */
export function joinParameters(search: string): { roomId: string; displayName: string } {
  const query = new URLSearchParams(search);
  const room = (query.get('room') ?? '').trim();
  const name = (query.get('name') ?? '').trim();
  return {
    roomId: /^[A-Za-z0-9_-]{1,64}$/.test(room) ? room : 'test',
    displayName: name ? name.slice(0, 64) : 'Guest',
  };
}
