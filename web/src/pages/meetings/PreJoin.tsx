// The pre-join screen: camera preview, microphone level, device pickers, the network
// check, and (for guests, or when a passcode is set) name and passcode. The camera
// and microphone are asked for here, each on its own, so a refused one leaves the
// other; the user may join without either.
import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import type { Meeting } from '../../api/meetings';
import { Field, FormError } from '../../accounts/ui';
import {
  DeviceError,
  LevelMeter,
  listDevices,
  openDevice,
  type DeviceChoice,
  type DeviceKind,
  type DeviceLists,
} from '../../meetings/devices';
import { checkNetwork, type NetworkCheck } from '../../meetings/networkCheck';
import { signalingUrl } from '../../media/mediaRoom';
import { VideoView } from './VideoView';

export interface PreJoinResult {
  guestName: string;
  passcode: string;
  mic: MediaStreamTrack | null;
  camera: MediaStreamTrack | null;
  choice: DeviceChoice;
}

interface Props {
  meeting: Meeting;
  signedInName: string | null;
  busy: boolean;
  error: unknown;
  onJoin: (result: PreJoinResult) => void;
}

const GUEST_NAME_KEY = 'videopro.guest-name';

function storedGuestName(): string {
  try {
    return window.localStorage.getItem(GUEST_NAME_KEY) ?? '';
  } catch {
    return '';
  }
}

/** The microphone and camera of the pre-join screen, each on or off, with its error. */
function useLocalDevices() {
  const [tracks, setTracks] = useState<Record<DeviceKind, MediaStreamTrack | null>>({ mic: null, camera: null });
  const [errors, setErrors] = useState<Record<DeviceKind, string | null>>({ mic: null, camera: null });
  const [choice, setChoice] = useState<DeviceChoice>({ micId: null, cameraId: null });
  const [lists, setLists] = useState<DeviceLists>({ mics: [], cameras: [] });
  const live = useRef(tracks);
  live.current = tracks;
  const handedOver = useRef(false);

  const turn = useCallback(async (kind: DeviceKind, on: boolean, deviceId: string | null = null) => {
    live.current[kind]?.stop();
    setTracks((t) => ({ ...t, [kind]: null }));
    if (!on) return;
    try {
      const track = await openDevice(kind, deviceId);
      setTracks((t) => ({ ...t, [kind]: track }));
      setErrors((e) => ({ ...e, [kind]: null }));
      setLists(await listDevices());
    } catch (e) {
      setErrors((x) => ({ ...x, [kind]: e instanceof DeviceError ? e.message : String(e) }));
    }
  }, []);

  useEffect(() => {
    void turn('mic', true);
    void turn('camera', true);
    return () => {
      if (handedOver.current) return;
      live.current.mic?.stop();
      live.current.camera?.stop();
    };
  }, [turn]);

  // Nothing is captured while the page is hidden.
  useEffect(() => {
    let paused: DeviceKind[] = [];
    const changed = () => {
      if (document.visibilityState === 'hidden') {
        paused = (['mic', 'camera'] as const).filter((k) => live.current[k]);
        paused.forEach((k) => void turn(k, false));
      } else {
        paused.forEach((k) => void turn(k, true, k === 'mic' ? choice.micId : choice.cameraId));
        paused = [];
      }
    };
    document.addEventListener('visibilitychange', changed);
    return () => document.removeEventListener('visibilitychange', changed);
  }, [turn, choice]);

  const choose = (kind: DeviceKind, deviceId: string) => {
    setChoice((c) => (kind === 'mic' ? { ...c, micId: deviceId } : { ...c, cameraId: deviceId }));
    void turn(kind, true, deviceId);
  };

  return { tracks, errors, choice, lists, turn, choose, handedOver };
}

function MicLevel({ track }: { track: MediaStreamTrack | null }) {
  const [level, setLevel] = useState(0);
  useEffect(() => {
    if (!track) {
      setLevel(0);
      return;
    }
    let meter: LevelMeter | null = null;
    try {
      meter = new LevelMeter(track);
    } catch {
      return; // no WebAudio: no meter
    }
    const timer = setInterval(() => setLevel(meter!.level()), 100);
    return () => {
      clearInterval(timer);
      meter?.close();
    };
  }, [track]);
  return (
    <meter
      className="level-meter"
      min={0}
      max={1}
      low={0.05}
      high={0.8}
      value={level}
      aria-label="Microphone level"
      data-testid="mic-level"
      data-level={level.toFixed(3)}
    />
  );
}

function DevicePicker(props: {
  label: string;
  devices: MediaDeviceInfo[];
  value: string | null;
  onChange: (id: string) => void;
}) {
  if (props.devices.length < 2) return null;
  return (
    <label className="device-picker">
      {props.label}{' '}
      <select value={props.value ?? props.devices[0]!.deviceId} onChange={(e) => props.onChange(e.target.value)}>
        {props.devices.map((d, i) => (
          <option key={d.deviceId} value={d.deviceId}>
            {d.label || `${props.label} ${i + 1}`}
          </option>
        ))}
      </select>
    </label>
  );
}

function NetworkStatus() {
  const [check, setCheck] = useState<NetworkCheck | null>(null);
  const run = useCallback(() => {
    setCheck(null);
    void checkNetwork(signalingUrl(window.location)).then(setCheck);
  }, []);
  useEffect(run, [run]);
  return (
    <div className="network-check" data-testid="network-check" data-ok={check ? String(check.ok) : undefined}>
      <strong>Network: </strong>
      {check === null ? (
        <span role="status">checking the connection to the server…</span>
      ) : (
        <span role="status" data-rtt={check.rttMs ?? undefined}>
          {check.message} The media connection is checked when you join.
        </span>
      )}
      {check && ' '}
      {check && (
        <button type="button" className="link-button" onClick={run}>
          Check again
        </button>
      )}
    </div>
  );
}

export function PreJoin({ meeting, signedInName, busy, error, onJoin }: Props) {
  const devices = useLocalDevices();
  const [guestName, setGuestName] = useState(storedGuestName);
  const [passcode, setPasscode] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const asGuest = signedInName === null;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (asGuest && !guestName.trim()) {
      setProblem('Type the name the others will see.');
      return;
    }
    if (meeting.passcodeRequired && !passcode) {
      setProblem('This meeting needs a passcode. Ask the host for it.');
      return;
    }
    setProblem(null);
    try {
      if (asGuest) window.localStorage.setItem(GUEST_NAME_KEY, guestName.trim());
    } catch {
      // storage unavailable: the name is only remembered for convenience
    }
    devices.handedOver.current = true;
    onJoin({
      guestName: guestName.trim(),
      passcode,
      mic: devices.tracks.mic,
      camera: devices.tracks.camera,
      choice: devices.choice,
    });
  };

  const { tracks, errors } = devices;
  return (
    <div className="prejoin">
      <div className="prejoin__preview card">
        <div className="prejoin__video">
          {tracks.camera ? (
            <VideoView track={tracks.camera} mirrored label="Your camera" />
          ) : (
            <p className="prejoin__novideo">Camera off</p>
          )}
        </div>
        <div className="prejoin__controls">
          <button
            type="button"
            className="button button--quiet"
            onClick={() => void devices.turn('mic', !tracks.mic, devices.choice.micId)}
          >
            {tracks.mic ? 'Mute microphone' : 'Turn microphone on'}
          </button>
          <button
            type="button"
            className="button button--quiet"
            onClick={() => void devices.turn('camera', !tracks.camera, devices.choice.cameraId)}
          >
            {tracks.camera ? 'Turn camera off' : 'Turn camera on'}
          </button>
          <MicLevel track={tracks.mic} />
        </div>
        <DevicePicker
          label="Microphone"
          devices={devices.lists.mics}
          value={devices.choice.micId}
          onChange={(id) => devices.choose('mic', id)}
        />
        <DevicePicker
          label="Camera"
          devices={devices.lists.cameras}
          value={devices.choice.cameraId}
          onChange={(id) => devices.choose('camera', id)}
        />
        {errors.mic && (
          <p className="form-error" role="alert" data-testid="mic-error">
            {errors.mic}
          </p>
        )}
        {errors.camera && (
          <p className="form-error" role="alert" data-testid="camera-error">
            {errors.camera}
          </p>
        )}
        <NetworkStatus />
      </div>
      <form className="prejoin__form card meeting-form" onSubmit={submit} noValidate>
        <h2>Ready to join?</h2>
        {asGuest ? (
          meeting.guestsAllowed ? (
            <Field
              label="Your name"
              value={guestName}
              maxLength={64}
              autoComplete="name"
              onChange={(e) => setGuestName(e.target.value)}
            />
          ) : (
            <p className="form-error" role="alert">
              Only people with an account can join this meeting. Sign in first.
            </p>
          )
        ) : (
          <p>
            You join as <strong>{signedInName}</strong>.
          </p>
        )}
        {meeting.passcodeRequired && (
          <Field label="Passcode" value={passcode} autoComplete="off" onChange={(e) => setPasscode(e.target.value)} />
        )}
        {problem && (
          <p className="form-error" role="alert">
            {problem}
          </p>
        )}
        <FormError error={error} />
        <button type="submit" className="button" disabled={busy || (asGuest && !meeting.guestsAllowed)}>
          {busy ? 'Joining…' : 'Join now'}
        </button>
      </form>
    </div>
  );
}
