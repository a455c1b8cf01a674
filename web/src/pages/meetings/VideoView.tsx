// A <video> (or <audio>) showing one MediaStreamTrack.
import { useEffect, useRef } from 'react';

export function VideoView({ track, mirrored, label }: { track: MediaStreamTrack; mirrored?: boolean; label: string }) {
  const ref = useRef<HTMLVideoElement>(null);
  useEffect(() => {
    const video = ref.current;
    if (!video) return;
    video.srcObject = new MediaStream([track]);
    void video.play().catch(() => {});
    return () => {
      video.srcObject = null;
    };
  }, [track]);
  return (
    <video
      ref={ref}
      className={`video-view${mirrored ? ' video-view--mirrored' : ''}`}
      autoPlay
      playsInline
      muted
      aria-label={label}
    />
  );
}

/** Plays a remote audio track; nothing visible. */
export function AudioSink({ track, participantId }: { track: MediaStreamTrack; participantId: string }) {
  const ref = useRef<HTMLAudioElement>(null);
  useEffect(() => {
    const audio = ref.current;
    if (!audio) return;
    audio.srcObject = new MediaStream([track]);
    void audio.play().catch(() => {});
    return () => {
      audio.srcObject = null;
    };
  }, [track]);
  return <audio ref={ref} autoPlay data-testid="remote-audio" data-participant-id={participantId} />;
}
