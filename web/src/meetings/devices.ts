// The camera and the microphone: asked for one at a time (so that a refused camera
// still leaves the microphone), with an English explanation of each failure and
// how to fix it, and a level meter for a microphone track.

export type DeviceKind = 'mic' | 'camera';

export interface DeviceChoice {
  micId: string | null;
  cameraId: string | null;
}

export class DeviceError extends Error {
  constructor(
    readonly device: DeviceKind,
    readonly reason: 'denied' | 'missing' | 'busy' | 'other',
    message: string,
  ) {
    super(message);
    this.name = 'DeviceError';
  }
}

const NAMES: Record<DeviceKind, string> = { mic: 'microphone', camera: 'camera' };

/** What went wrong with a device and what to do about it. */
export function deviceErrorFrom(device: DeviceKind, e: unknown): DeviceError {
  const name = NAMES[device];
  const errorName = e instanceof Error || e instanceof DOMException ? e.name : '';
  if (errorName === 'NotAllowedError' || errorName === 'SecurityError') {
    return new DeviceError(
      device,
      'denied',
      `The browser blocked the ${name}. To allow it, click the camera or lock icon in the address bar, ` +
        `set ${name === 'camera' ? 'Camera' : 'Microphone'} to "Allow" for this site, then turn the ${name} on again. ` +
        `You can join without it.`,
    );
  }
  if (errorName === 'NotFoundError' || errorName === 'OverconstrainedError') {
    return new DeviceError(device, 'missing', `No ${name} was found. Connect one, or join without it.`);
  }
  if (errorName === 'NotReadableError' || errorName === 'AbortError') {
    return new DeviceError(
      device,
      'busy',
      `The ${name} is in use by another program or could not start. Close the other program and try again.`,
    );
  }
  if (!navigator.mediaDevices?.getUserMedia) {
    return new DeviceError(
      device,
      'other',
      `This page cannot use the ${name}: the browser allows it only on HTTPS pages or on localhost.`,
    );
  }
  return new DeviceError(device, 'other', `The ${name} could not start (${errorName || String(e)}).`);
}

/** Opens one device and returns its track; throws DeviceError. */
export async function openDevice(device: DeviceKind, deviceId: string | null): Promise<MediaStreamTrack> {
  const id = deviceId ? { deviceId: { exact: deviceId } } : {};
  const constraints: MediaStreamConstraints =
    device === 'mic'
      ? { audio: { echoCancellation: true, noiseSuppression: true, ...id } }
      : { video: { width: { ideal: 640 }, height: { ideal: 360 }, frameRate: { ideal: 24 }, ...id } };
  try {
    if (!navigator.mediaDevices?.getUserMedia) throw new Error('no mediaDevices');
    const stream = await navigator.mediaDevices.getUserMedia(constraints);
    const track = device === 'mic' ? stream.getAudioTracks()[0] : stream.getVideoTracks()[0];
    if (!track) throw new DOMException('no track', 'NotFoundError');
    return track;
  } catch (e) {
    throw deviceErrorFrom(device, e);
  }
}

export interface DeviceLists {
  mics: MediaDeviceInfo[];
  cameras: MediaDeviceInfo[];
}

/** The microphones and cameras; labels appear once the user allowed a device. */
export async function listDevices(): Promise<DeviceLists> {
  if (!navigator.mediaDevices?.enumerateDevices) return { mics: [], cameras: [] };
  const all = await navigator.mediaDevices.enumerateDevices();
  return {
    mics: all.filter((d) => d.kind === 'audioinput' && d.deviceId),
    cameras: all.filter((d) => d.kind === 'videoinput' && d.deviceId),
  };
}

/** A level meter over an audio track: level() is 0..1 (RMS, scaled). */
export class LevelMeter {
  private readonly context: AudioContext;
  private readonly analyser: AnalyserNode;
  private readonly buffer: Float32Array<ArrayBuffer>;

  constructor(track: MediaStreamTrack) {
    this.context = new AudioContext();
    const source = this.context.createMediaStreamSource(new MediaStream([track]));
    this.analyser = this.context.createAnalyser();
    this.analyser.fftSize = 512;
    this.buffer = new Float32Array(this.analyser.fftSize);
    source.connect(this.analyser);
    // Without a click on the page first, some browsers start it suspended.
    if (this.context.state === 'suspended') void this.context.resume().catch(() => {});
  }

  level(): number {
    this.analyser.getFloatTimeDomainData(this.buffer);
    return rmsLevel(this.buffer);
  }

  close(): void {
    void this.context.close().catch(() => {});
  }
}

/** RMS of samples, scaled so that normal speech reaches about 0.5 (clamped to 1). */
export function rmsLevel(samples: ArrayLike<number>): number {
  if (samples.length === 0) return 0;
  let sum = 0;
  for (let i = 0; i < samples.length; i++) sum += samples[i]! * samples[i]!;
  return Math.min(1, Math.sqrt(sum / samples.length) * 4);
}
