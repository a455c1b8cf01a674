// The pre-join network check: round trips of the signalling `ping` over a fresh
// WebSocket. (Whether media reaches the server is shown once joined: the receive
// transport reaching "connected".)
import { SignalingClient, type SocketLike } from '../media/signalingClient';

export interface NetworkCheck {
  ok: boolean;
  /** Median round trip of the pings, ms. */
  rttMs: number | null;
  samples: number[];
  message: string;
}

export function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Words for a round trip: what it means for the call. */
export function describeRtt(rttMs: number): string {
  if (rttMs < 150) return `Good: the server answers in ${Math.round(rttMs)} ms.`;
  if (rttMs < 400) return `Fair: the server answers in ${Math.round(rttMs)} ms; calls may lag a little.`;
  return `Slow: the server answers in ${Math.round(rttMs)} ms; expect delays. A wired connection may help.`;
}

export async function checkNetwork(
  wsUrl: string,
  count = 5,
  createSocket: (url: string) => SocketLike = (url) => new WebSocket(url),
): Promise<NetworkCheck> {
  const signaling = new SignalingClient(createSocket(wsUrl), () => {}, 5000);
  const samples: number[] = [];
  try {
    await signaling.opened();
    for (let i = 0; i < count; i++) {
      const sent = performance.now();
      await signaling.request('ping');
      samples.push(performance.now() - sent);
    }
    const rttMs = median(samples)!;
    return { ok: true, rttMs, samples, message: describeRtt(rttMs) };
  } catch (e) {
    return {
      ok: false,
      rttMs: null,
      samples,
      message:
        `Cannot reach the meeting server (${e instanceof Error ? e.message : String(e)}). ` +
        'Check your connection; a firewall or proxy may block WebSockets.',
    };
  } finally {
    signaling.close();
  }
}
