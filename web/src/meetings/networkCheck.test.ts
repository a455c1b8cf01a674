import { describe, expect, it } from 'vitest';
import { FakeSocket } from '../test/fakeSocket';
import { checkNetwork, describeRtt, median } from './networkCheck';

describe('network check', () => {
  it('takes the median round trip', () => {
    expect(median([])).toBeNull();
    expect(median([30, 10, 20])).toBe(20);
    expect(median([40, 10, 20, 30])).toBe(25);
  });

  it('describes round trips in words', () => {
    expect(describeRtt(12)).toBe('Good: the server answers in 12 ms.');
    expect(describeRtt(250)).toMatch(/^Fair/);
    expect(describeRtt(900)).toMatch(/^Slow/);
  });

  it('pings over the signalling socket and closes it', async () => {
    const socket = new FakeSocket();
    const result = checkNetwork('ws://x/ws', 3, () => socket);
    socket.open();
    for (let i = 0; i < 3; i++) {
      await new Promise((r) => setTimeout(r, 0));
      const last = socket.sent[socket.sent.length - 1]!;
      expect(last.method).toBe('ping');
      socket.receive({ id: last.id, ok: true, data: { time: 1 } });
    }
    const check = await result;
    expect(check.ok).toBe(true);
    expect(check.samples.length).toBe(3);
    expect(socket.closedWith).toBe(1000);
  });

  it('says what to check when the server cannot be reached', async () => {
    const socket = new FakeSocket();
    const result = checkNetwork('ws://x/ws', 3, () => socket);
    socket.drop(1006);
    const check = await result;
    expect(check.ok).toBe(false);
    expect(check.message).toMatch(/Cannot reach the meeting server .* firewall or proxy/);
  });
});
