import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeSocket } from '../test/fakeSocket';
import { RequestFailed, SignalingClient } from './signalingClient';

describe('SignalingClient', () => {
  let socket: FakeSocket;
  let notes: Array<[string, Record<string, unknown>]>;
  let client: SignalingClient;

  beforeEach(() => {
    vi.useFakeTimers();
    socket = new FakeSocket();
    notes = [];
    client = new SignalingClient(socket, (method, data) => notes.push([method, data]), 1000);
  });
  afterEach(() => vi.useRealTimers());

  it('waits for the socket to open', async () => {
    const opened = client.opened();
    socket.open();
    await expect(opened).resolves.toBeUndefined();
  });

  it('sends requests with increasing ids and matches replies by id, in any order', async () => {
    const first = client.request('join', { roomId: 'abc' });
    const second = client.request('ping');
    expect(socket.sent).toEqual([
      { id: 1, method: 'join', data: { roomId: 'abc' } },
      { id: 2, method: 'ping', data: {} },
    ]);
    socket.receive({ id: 2, ok: true, data: { time: 5 } });
    socket.receive({ id: 1, ok: true, data: { peerId: 'p' } });
    await expect(second).resolves.toEqual({ time: 5 });
    await expect(first).resolves.toEqual({ peerId: 'p' });
    expect(client.pendingCount).toBe(0);
  });

  it('rejects with the server error code and message', async () => {
    const joined = client.request('join');
    socket.receive({ id: 1, ok: false, error: { code: 'room_full', message: 'Room abc is full.' } });
    const error = await joined.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RequestFailed);
    expect((error as RequestFailed).code).toBe('room_full');
    expect((error as RequestFailed).message).toContain('Room abc is full.');
  });

  it('times out a request that gets no answer and ignores a late reply', async () => {
    const pending = client.request('consume');
    vi.advanceTimersByTime(1001);
    await expect(pending).rejects.toMatchObject({ code: 'timeout' });
    socket.receive({ id: 1, ok: true, data: {} });
    expect(client.pendingCount).toBe(0);
  });

  it('passes notifications on and ignores malformed frames', () => {
    socket.onmessage?.(new MessageEvent('message', { data: 'not json' }));
    socket.receive(42);
    socket.receive({ method: 'peerJoined', data: { peerId: 'b', displayName: 'Bob' } });
    expect(notes).toEqual([['peerJoined', { peerId: 'b', displayName: 'Bob' }]]);
  });

  it('fails every pending request when the connection drops, and later ones at once', async () => {
    const lost = vi.fn();
    client.onClosed(lost);
    const pending = client.request('produce');
    socket.drop(1011, 'server going away');
    await expect(pending).rejects.toThrow('produce: connection closed: server going away');
    await expect(client.request('leave')).rejects.toThrow('connection closed');
    expect(lost).toHaveBeenCalledOnce();
  });

  it('close() closes the socket without reporting a lost connection', async () => {
    const lost = vi.fn();
    client.onClosed(lost);
    const pending = client.request('leave');
    client.close();
    await expect(pending).rejects.toThrow('closed by the page');
    expect(socket.closedWith).toBe(1000);
    expect(lost).not.toHaveBeenCalled();
  });
});
