import { describe, expect, it } from 'vitest';
import { initialRoomState, joinParameters, roomReducer, tileLabel, type RoomEvent, type Tile } from './roomState';

const track = {} as MediaStreamTrack;

function tile(consumerId: string, peerId: string, producerId: string, source: Tile['source'] = 'webcam'): Tile {
  return { consumerId, producerId, peerId, kind: source === 'mic' ? 'audio' : 'video', source, track };
}

function run(...events: RoomEvent[]) {
  return events.reduce(roomReducer, initialRoomState);
}

describe('roomReducer', () => {
  it('goes from connecting to connected, and stays failed once failed', () => {
    expect(initialRoomState.status.phase).toBe('connecting');
    expect(run({ type: 'connected' }).status).toEqual({ phase: 'connected' });
    const failed = run({ type: 'failed', message: 'no camera' }, { type: 'connected' });
    expect(failed.status).toEqual({ phase: 'failed', message: 'no camera' });
  });

  it('tracks peers and their tiles, without duplicates', () => {
    const state = run(
      { type: 'joined', selfId: 'me', peers: [{ peerId: 'a', displayName: 'Alice' }] },
      { type: 'peerJoined', peer: { peerId: 'b', displayName: 'Bob' } },
      { type: 'peerJoined', peer: { peerId: 'b', displayName: 'Bob' } },
      { type: 'tileAdded', tile: tile('c1', 'a', 'p1') },
      { type: 'tileAdded', tile: tile('c1', 'a', 'p1') },
      { type: 'tileAdded', tile: tile('c2', 'b', 'p2', 'mic') },
      { type: 'tileAdded', tile: tile('c3', 'b', 'p3', 'screen') },
    );
    expect(state.selfId).toBe('me');
    expect(state.peers.map((p) => p.peerId)).toEqual(['a', 'b']);
    expect(state.tiles.map((t) => t.consumerId)).toEqual(['c1', 'c2', 'c3']);
  });

  it('removes tiles by consumer, by producer, and all of a peer that left', () => {
    const base = run(
      { type: 'peerJoined', peer: { peerId: 'b', displayName: 'Bob' } },
      { type: 'tileAdded', tile: tile('c1', 'b', 'p1') },
      { type: 'tileAdded', tile: tile('c2', 'b', 'p2', 'mic') },
      { type: 'tileAdded', tile: tile('c3', 'b', 'p3', 'screen') },
    );
    expect(roomReducer(base, { type: 'consumerClosed', consumerId: 'c2' }).tiles).toHaveLength(2);
    expect(roomReducer(base, { type: 'producerClosed', producerId: 'p3' }).tiles.map((t) => t.source)).toEqual([
      'webcam',
      'mic',
    ]);
    const left = roomReducer(base, { type: 'peerLeft', peerId: 'b' });
    expect(left.tiles).toEqual([]);
    expect(left.peers).toEqual([]);
  });

  it('clears everything on leave and follows the screen share', () => {
    const sharing = run({ type: 'tileAdded', tile: tile('c1', 'b', 'p1') }, { type: 'screenShare', active: true });
    expect(sharing.sharingScreen).toBe(true);
    const left = roomReducer(sharing, { type: 'left' });
    expect(left).toMatchObject({ status: { phase: 'left' }, tiles: [], sharingScreen: false });
  });
});

describe('tileLabel', () => {
  it('names the peer and the source', () => {
    const peers = [{ peerId: 'b', displayName: 'Bob' }];
    expect(tileLabel(tile('c', 'b', 'p', 'screen'), peers)).toBe('Bob — screen');
    expect(tileLabel(tile('c', 'b', 'p', 'mic'), peers)).toBe('Bob — microphone');
    expect(tileLabel(tile('c', 'peer-0123456789abcdef', 'p'), [])).toBe('peer-0123456 — camera');
  });
});

describe('joinParameters', () => {
  it('reads room and name from the query, with safe defaults', () => {
    expect(joinParameters('?room=abc&name=Alice')).toEqual({ roomId: 'abc', displayName: 'Alice' });
    expect(joinParameters('')).toEqual({ roomId: 'test', displayName: 'Guest' });
    expect(joinParameters('?room=a%20b&name=%20%20')).toEqual({ roomId: 'test', displayName: 'Guest' });
    expect(joinParameters(`?name=${'x'.repeat(80)}`).displayName).toHaveLength(64);
  });
});
