// One participant in a test room: signalling over /ws, mediasoup-client's Device,
// a send transport (microphone, camera, optional screen) and a receive transport
// (every other participant's tracks, created paused and resumed once set up).
// State changes go out as RoomEvents; the page renders them.
import { Device } from 'mediasoup-client';
import type { Consumer, MediaKind, Producer, RtpCapabilities, Transport } from 'mediasoup-client/types';
import type { ConsumeReply, TransportInfo } from './wireTypes';
import { RequestFailed, SignalingClient } from './signalingClient';
import type { RemotePeer, RoomEvent, Source } from './roomState';

interface ProducerInfo {
  producerId: string;
  peerId: string;
  kind: MediaKind;
  appData?: { source?: Source };
}

interface JoinReply {
  peerId: string;
  routerRtpCapabilities: RtpCapabilities;
  peers: RemotePeer[];
  producers: ProducerInfo[];
}

/** Received-media counters, for the end-to-end test and the status line. */
export interface InboundStats {
  audio: { packetsReceived: number };
  video: { packetsReceived: number; framesDecoded: number };
}

const ADVICE =
  'Reload the page to try again. If it keeps failing, check that the server is running and that its ' +
  'media UDP ports are reachable from this browser.';

/** Developer options of the test page (`?simulcast=1&layer=0`). */
export interface MediaOptions {
  /** Publish the camera as three simulcast encodings (r0 = 1/4, r1 = 1/2, r2 = full size). */
  simulcast: boolean;
  /** Ask the server for this simulcast layer (0 = lowest) of every remote camera. */
  preferredLayer: number | undefined;
  /**
   * Floor of the browser's send bandwidth estimate for the camera, in kbit/s
   * (x-google-min-bitrate): lets a test on a loaded machine keep every layer on.
   */
  minKbps: number | undefined;
}

/** Reads MediaOptions from the page's query string; absent or invalid values are ignored. */
export function mediaOptions(search: string): MediaOptions {
  const query = new URLSearchParams(search);
  const integer = (name: string, min: number, max: number): number | undefined => {
    const raw = query.get(name);
    const value = raw ? Number(raw) : NaN;
    return Number.isInteger(value) && value >= min && value <= max ? value : undefined;
  };
  return {
    simulcast: query.get('simulcast') === '1',
    preferredLayer: integer('layer', 0, 2),
    minKbps: integer('minKbps', 100, 5000),
  };
}

/** Lowest resolution first, as the server numbers spatial layers. */
const SIMULCAST_ENCODINGS = [
  { rid: 'r0', scaleResolutionDownBy: 4, maxBitrate: 150_000 },
  { rid: 'r1', scaleResolutionDownBy: 2, maxBitrate: 500_000 },
  { rid: 'r2', scaleResolutionDownBy: 1, maxBitrate: 1_500_000 },
];

/** Errors a consumer can meet when its producer closed meanwhile; not failures. */
const GONE_CODES = new Set(['unknown_producer', 'producer_closed', 'closed', 'already_consuming']);

export class MediaRoom {
  private signaling: SignalingClient | null = null;
  private device: Device | null = null;
  private sendTransport: Transport | null = null;
  private recvTransport: Transport | null = null;
  private readonly producers = new Map<Source, Producer>();
  private readonly consumers = new Map<string, Consumer>();
  private readonly consumedProducers = new Set<string>();
  private localStream: MediaStream | null = null;
  private recvReady: Promise<void>;
  private markRecvReady: () => void = () => {};
  private closed = false;

  constructor(
    private readonly emit: (event: RoomEvent) => void,
    private readonly options: MediaOptions = { simulcast: false, preferredLayer: undefined, minKbps: undefined },
  ) {
    this.recvReady = new Promise((resolve) => (this.markRecvReady = resolve));
  }

  /** The local camera + microphone stream, once published. */
  get local(): MediaStream | null {
    return this.localStream;
  }

  async start(wsUrl: string, roomId: string, displayName: string): Promise<void> {
    try {
      const signaling = new SignalingClient(new WebSocket(wsUrl), (method, data) => this.onNotification(method, data));
      this.signaling = signaling;
      signaling.onClosed((reason) => this.fail(`Lost the connection to the server (${reason}).`));
      await signaling.opened();
      const joined = await signaling.request<JoinReply>('join', { roomId, displayName });
      if (this.closed) return;
      this.emit({ type: 'joined', selfId: joined.peerId, peers: joined.peers });

      const device = await Device.factory();
      await device.load({ routerRtpCapabilities: joined.routerRtpCapabilities });
      this.device = device;
      this.recvTransport = await this.createTransport('recv');
      this.markRecvReady();
      for (const producer of joined.producers) void this.consume(producer);

      this.sendTransport = await this.createTransport('send');
      this.localStream = await navigator.mediaDevices.getUserMedia({
        audio: true,
        // Browsers send three simulcast layers only from about 960x540 up.
        video: this.options.simulcast
          ? { width: { ideal: 1280 }, height: { ideal: 720 } }
          : { width: { ideal: 640 }, height: { ideal: 480 } },
      });
      for (const track of this.localStream.getTracks()) {
        await this.publish(track, track.kind === 'audio' ? 'mic' : 'webcam');
      }
      if (!this.closed) this.emit({ type: 'connected' });
    } catch (e) {
      this.fail(describe(e));
    }
  }

  /** Publishes the screen as a second video producer; resolves false if the user declined. */
  async shareScreen(): Promise<boolean> {
    if (!this.sendTransport || this.producers.has('screen')) return false;
    let stream: MediaStream;
    try {
      stream = await navigator.mediaDevices.getDisplayMedia({ video: true, audio: false });
    } catch {
      return false; // the user declined or the browser cannot capture
    }
    const track = stream.getVideoTracks()[0];
    if (!track) return false;
    track.addEventListener('ended', () => void this.stopScreen());
    try {
      await this.publish(track, 'screen');
    } catch (e) {
      track.stop();
      this.fail(describe(e));
      return false;
    }
    this.emit({ type: 'screenShare', active: true });
    return true;
  }

  async stopScreen(): Promise<void> {
    const producer = this.producers.get('screen');
    if (!producer) return;
    this.producers.delete('screen');
    producer.track?.stop();
    producer.close();
    this.emit({ type: 'screenShare', active: false });
    await this.signaling?.request('closeProducer', { producerId: producer.id }).catch(() => {});
  }

  /** Leaves the room and frees everything; safe to call more than once. */
  async leave(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const signaling = this.signaling;
    await signaling?.request('leave').catch(() => {});
    this.sendTransport?.close();
    this.recvTransport?.close();
    this.localStream?.getTracks().forEach((t) => t.stop());
    this.producers.forEach((p) => p.track?.stop());
    this.producers.clear();
    this.consumers.clear();
    signaling?.close();
    this.emit({ type: 'left' });
  }

  /** Frame widths the camera producer sends, by rid (simulcast) or '' (one encoding). */
  async sentWidths(): Promise<Record<string, number>> {
    const out: Record<string, number> = {};
    const report = await this.producers.get('webcam')?.getStats();
    report?.forEach((s: { type?: string; rid?: string; frameWidth?: number }) => {
      if (s.type === 'outbound-rtp' && s.frameWidth) out[s.rid ?? ''] = s.frameWidth;
    });
    return out;
  }

  /** Sums inbound-rtp counters of the receive transport by kind. */
  async stats(): Promise<InboundStats> {
    const out: InboundStats = { audio: { packetsReceived: 0 }, video: { packetsReceived: 0, framesDecoded: 0 } };
    if (!this.recvTransport) return out;
    const report = await this.recvTransport.getStats();
    report.forEach((s: { type?: string; kind?: string; packetsReceived?: number; framesDecoded?: number }) => {
      if (s.type !== 'inbound-rtp') return;
      if (s.kind === 'audio') out.audio.packetsReceived += s.packetsReceived ?? 0;
      if (s.kind === 'video') {
        out.video.packetsReceived += s.packetsReceived ?? 0;
        out.video.framesDecoded += s.framesDecoded ?? 0;
      }
    });
    return out;
  }

  private async createTransport(direction: 'send' | 'recv'): Promise<Transport> {
    const signaling = this.requireSignaling();
    const info = await signaling.request<TransportInfo>('createWebRtcTransport', { direction });
    const device = this.device!;
    const transport = direction === 'send' ? device.createSendTransport(info) : device.createRecvTransport(info);
    transport.on('connect', ({ dtlsParameters }, done, failed) => {
      signaling
        .request('connectWebRtcTransport', { transportId: transport.id, dtlsParameters })
        .then(() => done(), failed);
    });
    transport.on('connectionstatechange', (state) => {
      if (state === 'failed' && !this.closed) {
        this.fail(`The ${direction} media connection failed (ICE/DTLS).`);
      }
    });
    if (direction === 'send') {
      transport.on('produce', ({ kind, rtpParameters, appData }, done, failed) => {
        signaling
          .request<{ id: string }>('produce', { transportId: transport.id, kind, rtpParameters, appData })
          .then(({ id }) => done({ id }), failed);
      });
    }
    return transport;
  }

  private async publish(track: MediaStreamTrack, source: Source): Promise<void> {
    if (!this.sendTransport || this.closed) return;
    const simulcast = source === 'webcam' && this.options.simulcast;
    const producer = await this.sendTransport.produce({
      track,
      ...(simulcast ? { encodings: SIMULCAST_ENCODINGS } : {}),
      ...(source === 'webcam' && this.options.minKbps
        ? {
            codecOptions: {
              videoGoogleStartBitrate: this.options.minKbps,
              videoGoogleMinBitrate: this.options.minKbps,
            },
          }
        : {}),
      appData: { source },
    });
    this.producers.set(source, producer);
  }

  private async consume(info: ProducerInfo): Promise<void> {
    await this.recvReady;
    if (this.closed || this.consumedProducers.has(info.producerId)) return;
    this.consumedProducers.add(info.producerId);
    const signaling = this.requireSignaling();
    try {
      const reply = await signaling.request<ConsumeReply>('consume', {
        producerId: info.producerId,
        rtpCapabilities: this.device!.recvRtpCapabilities,
      });
      const consumer = await this.recvTransport!.consume({
        id: reply.id,
        producerId: reply.producerId,
        kind: reply.kind,
        rtpParameters: reply.rtpParameters,
      });
      if (this.closed) return;
      this.consumers.set(consumer.id, consumer);
      this.emit({
        type: 'tileAdded',
        tile: {
          consumerId: consumer.id,
          producerId: info.producerId,
          peerId: info.peerId,
          kind: consumer.kind,
          source: info.appData?.source ?? (consumer.kind === 'audio' ? 'mic' : 'webcam'),
          track: consumer.track,
        },
      });
      await signaling.request('resumeConsumer', { consumerId: consumer.id });
      if (consumer.kind === 'video' && this.options.preferredLayer !== undefined) {
        await signaling.request('setConsumerPreferredLayers', {
          consumerId: consumer.id,
          spatialLayer: this.options.preferredLayer,
        });
      }
    } catch (e) {
      if (e instanceof RequestFailed && GONE_CODES.has(e.code)) return;
      if (!this.closed) this.fail(describe(e));
    }
  }

  private onNotification(method: string, data: Record<string, unknown>): void {
    switch (method) {
      case 'peerJoined':
        this.emit({ type: 'peerJoined', peer: { peerId: String(data.peerId), displayName: String(data.displayName) } });
        break;
      case 'peerLeft':
        this.emit({ type: 'peerLeft', peerId: String(data.peerId) });
        break;
      case 'newProducer':
        void this.consume(data as unknown as ProducerInfo);
        break;
      case 'producerClosed':
        this.emit({ type: 'producerClosed', producerId: String(data.producerId) });
        break;
      case 'consumerClosed': {
        const consumerId = String(data.consumerId);
        this.consumers.get(consumerId)?.close();
        this.consumers.delete(consumerId);
        this.emit({ type: 'consumerClosed', consumerId });
        break;
      }
      default:
        break; // producerPaused/producerResumed and later additions: nothing to show yet
    }
  }

  private requireSignaling(): SignalingClient {
    if (!this.signaling) throw new Error('not connected');
    return this.signaling;
  }

  private fail(message: string): void {
    if (this.closed) return;
    this.emit({ type: 'failed', message: `${message} ${ADVICE}` });
  }
}

function describe(e: unknown): string {
  if (e instanceof DOMException && e.name === 'NotAllowedError') {
    return 'The browser did not allow the camera or microphone.';
  }
  if (e instanceof DOMException && e.name === 'NotFoundError') {
    return 'No camera or microphone was found.';
  }
  return e instanceof Error ? e.message : String(e);
}

/** The signalling address of the server that served this page. */
export function signalingUrl(location: Location): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws`;
}
