// One participant in a meeting, over the signalling of docs/meeting-protocol.md:
// joinMeeting with the join token (or the waiting room until admitted), then
// mediasoup-client's Device with a receive transport (everyone else's tracks) and a
// send transport (microphone, camera, screen). Socket drops are survived with
// `resume` on a new socket and restartIce on both transports. Every change goes
// out as a MeetingEvent; the page renders the state built from them.
import { Device } from 'mediasoup-client';
import type { Consumer, IceParameters, Producer, RtpCapabilities, Transport } from 'mediasoup-client/types';
import type { ConsumeReply, TransportInfo } from '../media/wireTypes';
import { RequestFailed, SignalingClient, type SocketLike } from '../media/signalingClient';
import { openDevice, type DeviceChoice, type DeviceKind } from './devices';
import {
  combineMediaChecks,
  endingMessage,
  sourceOf,
  type Ending,
  type MediaCheck,
  type MeetingEvent,
  type Participant,
  type RemoteProducer,
  type Snapshot,
} from './meetingState';
import { Reconnector, type AttemptOutcome } from './reconnect';

type JoinedSnapshot = Snapshot & { routerRtpCapabilities: RtpCapabilities };
type EntryReply =
  ({ status: 'joined' } & JoinedSnapshot) | { status: 'waiting'; participantId: string; resumeToken: string };

type LocalSource = 'mic' | 'camera' | 'screen';

export interface InboundStats {
  audio: { packetsReceived: number };
  video: { packetsReceived: number; framesDecoded: number };
}

/** Errors a consume can meet when its producer closed meanwhile; not failures. */
const GONE_CODES = new Set(['unknown_producer', 'producer_closed', 'closed', 'already_consuming']);

/** What to tell the user when joining (or resuming) is refused. */
export function signalingErrorText(e: unknown): string {
  const code = e instanceof RequestFailed ? e.code : null;
  switch (code) {
    case 'invalid_join_token':
    case 'join_token_expired':
      return 'The invitation to join has expired. Press "Join" again.';
    case 'meeting_ended':
      return 'This meeting has ended.';
    case 'meeting_cancelled':
      return 'The host cancelled this meeting.';
    case 'meeting_not_found':
      return 'No meeting has this ID. Check the link you were given.';
    case 'waiting_room_full':
      return 'The waiting room is full. Try again in a few minutes.';
    case 'too_many_rooms':
    case 'media_unavailable':
      return 'The server cannot host this meeting right now. Try again in a few minutes.';
    case 'already_joined':
      return 'You are already in this meeting in another tab or window.';
    case 'not_host':
    case 'not_allowed':
      return 'Only the host can do that.';
    case 'unknown_participant':
    case 'not_waiting':
      return 'That person is no longer in the meeting or the waiting room.';
    case 'chat_too_long':
      return 'The message is too long: at most 2000 characters.';
    case 'meeting_locked':
      return 'The host has locked this meeting: nobody else can join now.';
    case 'removed_from_meeting':
      return 'The host removed you from this meeting; you cannot rejoin it while it runs.';
    case 'room_full':
      return 'The meeting is full. Try again later or ask the host.';
    case 'rate_limited':
      return 'Too many attempts from this network. Wait a few seconds and try again.';
    case 'resume_expired':
    case 'invalid_resume_token':
      return 'The connection was lost for too long. Join the meeting again.';
    default:
      return e instanceof Error ? e.message : String(e);
  }
}

export interface SessionOptions {
  wsUrl: string;
  emit: (event: MeetingEvent) => void;
  createSocket?: (url: string) => SocketLike;
}

export class MeetingSession {
  private signaling: SignalingClient | null = null;
  private device: Device | null = null;
  private sendTransport: Transport | null = null;
  private recvTransport: Transport | null = null;
  private recvReady: Promise<void>;
  private markRecvReady: () => void = () => {};
  private readonly producers = new Map<LocalSource, Producer>();
  private readonly consumers = new Map<string, { consumer: Consumer; participantId: string }>();
  private readonly consumed = new Set<string>();
  private readonly tracks: Record<LocalSource, MediaStreamTrack | null> = { mic: null, camera: null, screen: null };
  private choice: DeviceChoice = { micId: null, cameraId: null };
  private selfId: string | null = null;
  private resumeToken = '';
  private phase: 'connecting' | 'waiting' | 'joined' | 'over' = 'connecting';
  private pausedWhileHidden: DeviceKind[] = [];
  private readonly mediaChecks: Record<'send' | 'recv', MediaCheck> = {
    send: { state: 'new', connectMs: null },
    recv: { state: 'new', connectMs: null },
  };
  private readonly reconnector: Reconnector;
  private readonly onVisibility = () => void this.visibilityChanged();

  constructor(private readonly options: SessionOptions) {
    this.recvReady = new Promise((resolve) => (this.markRecvReady = resolve));
    this.reconnector = new Reconnector({
      attempt: () => this.resumeOnce(),
      onAttempt: (attempt) => this.emit({ type: 'reconnecting', attempt }),
      onGiveUp: (reason) => this.finish('failed', reason),
      onResumed: () => this.emit({ type: 'notice', text: 'Reconnected.' }),
      now: () => Date.now(),
      sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
    });
  }

  /** Joins with a join token; the microphone and camera tracks (from the pre-join screen) are published. */
  async start(
    joinToken: string,
    initial: { mic: MediaStreamTrack | null; camera: MediaStreamTrack | null },
    choice: DeviceChoice,
  ): Promise<void> {
    this.tracks.mic = initial.mic;
    this.tracks.camera = initial.camera;
    this.choice = choice;
    this.emit({ type: 'local', devices: { micOn: !!initial.mic, cameraOn: !!initial.camera } });
    document.addEventListener('visibilitychange', this.onVisibility);
    try {
      const signaling = await this.connect();
      const reply = await signaling.request<EntryReply>('joinMeeting', { joinToken });
      await this.entered(reply);
    } catch (e) {
      this.finish('failed', signalingErrorText(e));
    }
  }

  /** Leaves the meeting and frees everything; safe to call more than once. */
  async leave(): Promise<void> {
    if (this.phase === 'over') return;
    const signaling = this.signaling;
    this.phase = 'over'; // no reconnect from here on
    await signaling?.request('leave').catch(() => {});
    this.finish('left');
  }

  /** A host or in-meeting method (admit, muteAll, sendChat…); rejects with RequestFailed. */
  async call(method: string, data: object = {}): Promise<Record<string, unknown>> {
    if (!this.signaling) throw new Error('Not connected to the meeting.');
    return this.signaling.request(method, data);
  }

  /** Turns the microphone or the camera on (asking the browser) or off (stopping the capture). */
  async setDevice(kind: DeviceKind, on: boolean): Promise<void> {
    const producer = this.producers.get(kind);
    if (!on) {
      this.tracks[kind]?.stop();
      this.tracks[kind] = null;
      if (producer && !producer.paused) {
        producer.pause();
        await this.call('pauseProducer', { producerId: producer.id }).catch(() => {});
      }
      this.emit({ type: 'local', devices: kind === 'mic' ? { micOn: false } : { cameraOn: false } });
      return;
    }
    const track = await openDevice(kind, kind === 'mic' ? this.choice.micId : this.choice.cameraId);
    if (this.phase === 'over') {
      track.stop();
      return;
    }
    this.tracks[kind]?.stop();
    this.tracks[kind] = track;
    if (producer) {
      await producer.replaceTrack({ track });
      producer.resume();
      await this.call('resumeProducer', { producerId: producer.id }).catch(() => {});
    } else if (this.sendTransport) {
      await this.publish(track, kind);
    }
    this.emit({ type: 'local', devices: kind === 'mic' ? { micOn: true } : { cameraOn: true } });
  }

  /** Uses another microphone or camera; when it is on, the new track replaces the old one. */
  async chooseDevice(kind: DeviceKind, deviceId: string): Promise<void> {
    this.choice = kind === 'mic' ? { ...this.choice, micId: deviceId } : { ...this.choice, cameraId: deviceId };
    if (this.tracks[kind]) await this.setDevice(kind, true);
  }

  /** The local track of a source, for the self view. */
  localTrack(source: LocalSource): MediaStreamTrack | null {
    return this.tracks[source];
  }

  /** Publishes the screen; resolves false if the user declined. */
  async shareScreen(): Promise<boolean> {
    if (!this.sendTransport || this.producers.has('screen')) return false;
    let track: MediaStreamTrack | undefined;
    try {
      track = (await navigator.mediaDevices.getDisplayMedia({ video: true, audio: false })).getVideoTracks()[0];
    } catch {
      return false; // declined, or the browser cannot capture
    }
    if (!track) return false;
    track.addEventListener('ended', () => void this.stopScreen());
    this.tracks.screen = track;
    await this.publish(track, 'screen');
    this.emit({ type: 'local', devices: { sharing: true } });
    return true;
  }

  async stopScreen(): Promise<void> {
    const producer = this.producers.get('screen');
    this.tracks.screen?.stop();
    this.tracks.screen = null;
    if (!producer) return;
    this.producers.delete('screen');
    producer.close();
    this.emit({ type: 'local', devices: { sharing: false } });
    await this.call('closeProducer', { producerId: producer.id }).catch(() => {});
    if (document.visibilityState === 'hidden') this.visibilityChanged();
  }

  /** Sums the inbound-rtp counters of the receive transport by kind (status line, tests). */
  async stats(): Promise<InboundStats> {
    const out: InboundStats = { audio: { packetsReceived: 0 }, video: { packetsReceived: 0, framesDecoded: 0 } };
    if (!this.recvTransport || this.recvTransport.closed) return out;
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

  /** Drops the socket as a network failure would (tests and the developer console). */
  simulateDrop(): void {
    this.signaling?.drop();
  }

  // --- joining, the waiting room, resuming --------------------------------------

  private isOver(): boolean {
    return this.phase === 'over';
  }

  private emit(event: MeetingEvent): void {
    if (this.phase === 'over' && event.type !== 'over') return;
    this.options.emit(event);
  }

  private async connect(): Promise<SignalingClient> {
    const socket = this.options.createSocket?.(this.options.wsUrl) ?? new WebSocket(this.options.wsUrl);
    const signaling = new SignalingClient(socket, (method, data) => this.onNotification(method, data));
    this.signaling = signaling;
    signaling.onClosed(() => this.connectionLost(signaling));
    await signaling.opened();
    return signaling;
  }

  private connectionLost(signaling: SignalingClient): void {
    if (signaling !== this.signaling || this.phase === 'over' || this.phase === 'connecting') return;
    void this.reconnector.run();
  }

  private async resumeOnce(): Promise<AttemptOutcome> {
    try {
      const signaling = await this.connect();
      const reply = await signaling.request<EntryReply>('resume', { resumeToken: this.resumeToken });
      if (reply.status === 'joined') await this.restartIce();
      await this.entered(reply);
      return { ok: true };
    } catch (e) {
      this.signaling?.close();
      const code = e instanceof RequestFailed ? e.code : null;
      return { ok: false, code, message: code ? signalingErrorText(e) : e instanceof Error ? e.message : String(e) };
    }
  }

  private async restartIce(): Promise<void> {
    for (const transport of [this.sendTransport, this.recvTransport]) {
      if (!transport || transport.closed) continue;
      const { iceParameters } = await this.call('restartIce', { transportId: transport.id });
      await transport.restartIce({ iceParameters: iceParameters as IceParameters });
    }
  }

  private async entered(reply: EntryReply): Promise<void> {
    this.resumeToken = reply.resumeToken;
    if (reply.status === 'waiting') {
      this.phase = 'waiting';
      this.selfId = reply.participantId;
      this.emit({ type: 'waiting', participantId: reply.participantId });
      return;
    }
    await this.enterMeeting(reply);
  }

  private async enterMeeting(snapshot: JoinedSnapshot): Promise<void> {
    this.phase = 'joined';
    this.selfId = snapshot.participantId;
    this.resumeToken = snapshot.resumeToken;
    const producers = snapshot.producers
      .filter((p) => p.participantId !== snapshot.participantId)
      .map((p) => ({ ...p, source: sourceOf(p.source, p.kind) }));
    this.emit({ type: 'snapshot', snapshot: { ...snapshot, producers } });
    const live = new Set(producers.map((p) => p.producerId));
    for (const [id, entry] of this.consumers) {
      if (!live.has(entry.consumer.producerId)) this.dropConsumer(id);
    }
    if (!this.device) {
      const device = await Device.factory();
      await device.load({ routerRtpCapabilities: snapshot.routerRtpCapabilities });
      this.device = device;
    }
    if (!this.recvTransport) {
      this.recvTransport = await this.createTransport('recv');
      this.markRecvReady();
    }
    for (const producer of producers) void this.consume(producer);
    if (!this.sendTransport) {
      this.sendTransport = await this.createTransport('send');
      for (const source of ['mic', 'camera'] as const) {
        const track = this.tracks[source];
        if (track) await this.publish(track, source);
      }
    }
  }

  /** The end of the meeting for this participant: everything captured stops, everything is closed. */
  private finish(ending: Ending, detail?: string): void {
    const wasOver = this.phase === 'over' && ending !== 'left';
    this.phase = 'over';
    this.reconnector.cancel();
    document.removeEventListener('visibilitychange', this.onVisibility);
    for (const source of ['mic', 'camera', 'screen'] as const) {
      this.tracks[source]?.stop();
      this.tracks[source] = null;
    }
    this.producers.forEach((p) => p.close());
    this.producers.clear();
    this.consumers.forEach(({ consumer }) => consumer.close());
    this.consumers.clear();
    this.sendTransport?.close();
    this.recvTransport?.close();
    this.signaling?.close();
    if (!wasOver) this.options.emit({ type: 'over', ending, message: endingMessage(ending, detail) });
  }

  // --- media ----------------------------------------------------------------------

  private async createTransport(direction: 'send' | 'recv'): Promise<Transport> {
    const info = await this.call('createWebRtcTransport', { direction });
    const device = this.device!;
    const params = info as unknown as TransportInfo;
    const transport = direction === 'send' ? device.createSendTransport(params) : device.createRecvTransport(params);
    let startedAt = performance.now();
    transport.on('connect', ({ dtlsParameters }, done, failed) => {
      startedAt = performance.now(); // the first produce/consume starts ICE + DTLS
      this.call('connectWebRtcTransport', { transportId: transport.id, dtlsParameters }).then(() => done(), failed);
    });
    transport.on('connectionstatechange', (state) => {
      const connectMs = state === 'connected' ? Math.round(performance.now() - startedAt) : null;
      this.mediaChecks[direction] = { state, connectMs };
      this.emit({ type: 'media', media: combineMediaChecks(this.mediaChecks.send, this.mediaChecks.recv) });
      if (state === 'failed' && this.phase === 'joined' && this.signaling) {
        this.call('restartIce', { transportId: transport.id })
          .then(({ iceParameters }) => transport.restartIce({ iceParameters: iceParameters as IceParameters }))
          .catch(() => {});
      }
    });
    if (direction === 'send') {
      transport.on('produce', ({ kind, rtpParameters, appData }, done, failed) => {
        this.call('produce', { transportId: transport.id, kind, rtpParameters, appData }).then(
          (reply) => done({ id: String(reply.id) }),
          failed,
        );
      });
    }
    return transport;
  }

  private async publish(track: MediaStreamTrack, source: LocalSource): Promise<void> {
    if (!this.sendTransport || this.phase === 'over') return;
    const producer = await this.sendTransport.produce({ track, appData: { source }, stopTracks: false });
    this.producers.set(source, producer);
  }

  private async consume(info: RemoteProducer): Promise<void> {
    await this.recvReady;
    if (this.phase !== 'joined' || this.consumed.has(info.producerId) || !this.device) return;
    this.consumed.add(info.producerId);
    try {
      const reply = (await this.call('consume', {
        producerId: info.producerId,
        rtpCapabilities: this.device.recvRtpCapabilities,
      })) as unknown as ConsumeReply;
      const consumer = await this.recvTransport!.consume({
        id: reply.id,
        producerId: reply.producerId,
        kind: reply.kind,
        rtpParameters: reply.rtpParameters,
      });
      if (this.isOver()) {
        consumer.close();
        return;
      }
      this.consumers.set(consumer.id, { consumer, participantId: info.participantId });
      this.emit({
        type: 'trackAdded',
        track: {
          consumerId: consumer.id,
          producerId: info.producerId,
          participantId: info.participantId,
          kind: consumer.kind,
          source: info.source,
          track: consumer.track,
        },
      });
      await this.call('resumeConsumer', { consumerId: consumer.id });
    } catch (e) {
      this.consumed.delete(info.producerId);
      // Gone meanwhile, or the socket dropped (a resume consumes it again): nothing to say.
      if (!(e instanceof RequestFailed) || GONE_CODES.has(e.code)) return;
      // Joining a large meeting can pass the server's frames-per-second bound: try again shortly.
      if (e.code === 'rate_limited') {
        setTimeout(() => void this.consume(info), 500 + Math.random() * 1000);
        return;
      }
      if (this.phase === 'joined')
        this.emit({ type: 'notice', text: `A participant's media could not be received (${signalingErrorText(e)}).` });
    }
  }

  private dropConsumer(consumerId: string): void {
    const entry = this.consumers.get(consumerId);
    if (!entry) return;
    entry.consumer.close();
    this.consumers.delete(consumerId);
    this.consumed.delete(entry.consumer.producerId);
    this.emit({ type: 'trackRemoved', consumerId });
  }

  private dropProducerConsumers(producerId: string): void {
    for (const [id, entry] of this.consumers) if (entry.consumer.producerId === producerId) this.dropConsumer(id);
    this.consumed.delete(producerId);
  }

  // --- notifications ----------------------------------------------------------------

  private onNotification(method: string, data: Record<string, unknown>): void {
    switch (method) {
      case 'admitted':
        void this.enterMeeting(data as unknown as JoinedSnapshot).catch((e) =>
          this.finish('failed', signalingErrorText(e)),
        );
        break;
      case 'refused':
        this.finish('refused');
        break;
      case 'removed':
        this.finish('removed');
        break;
      case 'meetingEnded':
        this.finish('ended');
        break;
      case 'participantJoined':
        this.emit({ type: 'participantJoined', participant: data as unknown as Participant });
        break;
      case 'participantLeft':
        this.emit({ type: 'participantLeft', participantId: String(data.participantId) });
        break;
      case 'participantUpdated':
        this.emit({ type: 'participantUpdated', participant: data as unknown as Participant });
        break;
      case 'newProducer': {
        const p = data as unknown as RemoteProducer;
        if (p.participantId === this.selfId) break;
        const producer = { ...p, source: sourceOf(p.source, p.kind), paused: !!p.paused };
        this.emit({ type: 'producerAdded', producer });
        void this.consume(producer);
        break;
      }
      case 'producerClosed':
        this.dropProducerConsumers(String(data.producerId));
        this.emit({ type: 'producerClosed', producerId: String(data.producerId) });
        break;
      case 'producerPaused':
      case 'producerResumed':
        this.emit({ type: 'producerPaused', producerId: String(data.producerId), paused: method === 'producerPaused' });
        break;
      case 'consumerClosed':
        this.dropConsumer(String(data.consumerId));
        break;
      case 'mutedByHost':
        void this.setDevice('mic', false);
        this.emit({ type: 'notice', text: 'The host muted your microphone. You can unmute it yourself.' });
        break;
      default:
        this.onMeetingNotification(method, data);
    }
  }

  private onMeetingNotification(method: string, data: Record<string, unknown>): void {
    switch (method) {
      case 'chatMessage':
        this.emit({ type: 'chatMessage', message: data as never });
        break;
      case 'waitingRoomUpdated':
        this.emit({ type: 'waitingRoomUpdated', waiting: (data.waiting ?? []) as never });
        break;
      case 'meetingLocked':
        this.emit({ type: 'meetingLocked', locked: data.locked === true });
        break;
      case 'activeSpeaker':
        // The server's dominant-speaker detector (every packet's audio level, with hysteresis).
        if (typeof data.participantId === 'string') {
          this.emit({ type: 'activeSpeaker', participantId: data.participantId });
        }
        break;
      default:
        break; // later additions to the protocol: nothing to show
    }
  }

  // --- page visibility ---------------------------------------------------------------

  /** Nothing is captured while the page is hidden, unless the screen is shared. */
  private visibilityChanged(): void {
    if (this.phase === 'over') return;
    if (document.visibilityState === 'hidden') {
      if (this.tracks.screen) return;
      for (const kind of ['mic', 'camera'] as const) {
        if (!this.tracks[kind]) continue;
        this.pausedWhileHidden.push(kind);
        void this.setDevice(kind, false);
      }
      if (this.pausedWhileHidden.length) {
        this.emit({ type: 'notice', text: 'Your camera and microphone were paused while this page was hidden.' });
      }
    } else {
      const resume = this.pausedWhileHidden;
      this.pausedWhileHidden = [];
      for (const kind of resume) void this.setDevice(kind, true).catch(() => {});
    }
  }
}
