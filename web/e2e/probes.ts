// Instruments for the media end-to-end tests that work on both engines: an init
// script, installed before the page's own scripts, that watches (without
// changing) what the page does, and readers for what it saw.
//   - every RTCPeerConnection the page creates, for getStats() of received media;
//   - the signalling messages, with their times (join, consume, resumeConsumer…);
//   - for every remote video tile, when it appeared and when its first decoded
//     frame was presented (requestVideoFrameCallback).
// Times are performance.now() of the page, in milliseconds.

/** One signalling message as the page sent or received it. */
export interface WireMessage {
  t: number;
  dir: 'out' | 'in';
  message: {
    id?: number;
    method?: string;
    ok?: boolean;
    data?: Record<string, unknown>;
  };
}

export interface TileTiming {
  peerId: string;
  source: string;
  insertedAt: number;
  firstFrameAt: number | null;
}

/** Received media summed per kind, from getStats() of every peer connection. */
export interface ReceivedMedia {
  audio: { packetsReceived: number; totalAudioEnergy: number; totalSamplesReceived: number };
  video: { packetsReceived: number; framesDecoded: number };
}

interface ProbeWindow {
  __e2eProbe?: { peerConnections: RTCPeerConnection[]; wire: WireMessage[]; tiles: TileTiming[] };
}

/** At most this many signalling messages are kept. */
export const PROBE_WIRE_LIMIT = 400;

/** The init script; self-contained, since drivers send its source text to the page. */
export function installProbe(wireLimit: number): void {
  const probe = { peerConnections: [] as RTCPeerConnection[], wire: [] as WireMessage[], tiles: [] as TileTiming[] };
  (window as unknown as ProbeWindow).__e2eProbe = probe;

  const NativePeerConnection = window.RTCPeerConnection;
  window.RTCPeerConnection = class extends NativePeerConnection {
    constructor(configuration?: RTCConfiguration) {
      super(configuration);
      probe.peerConnections.push(this);
    }
  };

  const record = (dir: 'out' | 'in', text: unknown) => {
    if (probe.wire.length >= wireLimit || typeof text !== 'string') return;
    try {
      probe.wire.push({ t: performance.now(), dir, message: JSON.parse(text) });
    } catch {
      // not JSON: not a signalling message
    }
  };
  const NativeWebSocket = window.WebSocket;
  window.WebSocket = class extends NativeWebSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols);
      this.addEventListener('message', (event) => record('in', event.data));
    }
    send(data: Parameters<WebSocket['send']>[0]): void {
      record('out', data);
      super.send(data);
    }
  };

  const watched = new WeakSet<Element>();
  const watchTiles = () => {
    document.querySelectorAll('[data-testid="remote-tile"]').forEach((tile) => {
      const video = tile.querySelector('video');
      if (!video || watched.has(video)) return;
      watched.add(video);
      const timing: TileTiming = {
        peerId: tile.getAttribute('data-peer-id') ?? '',
        source: tile.getAttribute('data-source') ?? '',
        insertedAt: performance.now(),
        firstFrameAt: null,
      };
      probe.tiles.push(timing);
      video.requestVideoFrameCallback(() => (timing.firstFrameAt = performance.now()));
    });
  };
  new MutationObserver(watchTiles).observe(document, { childList: true, subtree: true });
}

/** Reads what the probe saw so far (runs in the page). */
export function readProbe(): { wire: WireMessage[]; tiles: TileTiming[] } {
  const probe = (window as unknown as ProbeWindow).__e2eProbe;
  if (!probe) throw new Error('the e2e probe is not installed in this page');
  return { wire: probe.wire, tiles: probe.tiles };
}

/** Sums inbound-rtp counters of every peer connection of the page (runs in the page). */
export async function readReceivedMedia(): Promise<ReceivedMedia> {
  const probe = (window as unknown as ProbeWindow).__e2eProbe;
  if (!probe) throw new Error('the e2e probe is not installed in this page');
  const out: ReceivedMedia = {
    audio: { packetsReceived: 0, totalAudioEnergy: 0, totalSamplesReceived: 0 },
    video: { packetsReceived: 0, framesDecoded: 0 },
  };
  for (const pc of probe.peerConnections) {
    if (pc.connectionState === 'closed') continue;
    const report = await pc.getStats();
    report.forEach((s: Record<string, unknown>) => {
      if (s.type !== 'inbound-rtp') return;
      const n = (key: string) => (typeof s[key] === 'number' ? (s[key] as number) : 0);
      if (s.kind === 'audio') {
        out.audio.packetsReceived += n('packetsReceived');
        out.audio.totalAudioEnergy += n('totalAudioEnergy');
        out.audio.totalSamplesReceived += n('totalSamplesReceived');
      } else if (s.kind === 'video') {
        out.video.packetsReceived += n('packetsReceived');
        out.video.framesDecoded += n('framesDecoded');
      }
    });
  }
  return out;
}
