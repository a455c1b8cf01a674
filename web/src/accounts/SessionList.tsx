import type { Session } from '../api/accounts';

/** "just now", "5 minutes ago", else the local date and time. */
export function formatLastUsed(iso: string, now: Date = new Date()): string {
  const when = new Date(iso);
  if (Number.isNaN(when.getTime())) return 'unknown';
  const seconds = Math.round((now.getTime() - when.getTime()) / 1000);
  if (seconds < 60) return 'just now';
  if (seconds < 3600) {
    const minutes = Math.floor(seconds / 60);
    return `${minutes} minute${minutes === 1 ? '' : 's'} ago`;
  }
  return new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' }).format(when);
}

export function deviceName(session: Session): string {
  return session.device.trim() || 'Unknown browser';
}

export interface SessionListProps {
  sessions: Session[];
  /** The session being signed out, if any. */
  busyId?: number | null;
  onSignOut(session: Session): void;
  now?: Date;
}

/** The user's sessions, this device first-class: device, last use, address, and a sign-out button for the others. */
export function SessionList({ sessions, busyId = null, onSignOut, now }: SessionListProps) {
  if (sessions.length === 0) return <p>No active sessions.</p>;
  return (
    <ul className="session-list" aria-label="Signed-in devices">
      {sessions.map((s) => (
        <li key={s.id} className="session-list__item">
          <div className="session-list__about">
            <p className="session-list__device">
              {deviceName(s)}
              {s.current && <span className="badge">This device</span>}
            </p>
            <p className="session-list__meta">
              Last used {formatLastUsed(s.lastUsedAt, now)}
              {s.ip && <> · from {s.ip}</>}
            </p>
          </div>
          {!s.current && (
            <button
              type="button"
              className="button button--quiet"
              disabled={busyId === s.id}
              aria-label={`Sign out ${deviceName(s)}, last used ${formatLastUsed(s.lastUsedAt, now)}`}
              onClick={() => onSignOut(s)}
            >
              {busyId === s.id ? 'Signing out…' : 'Sign out'}
            </button>
          )}
        </li>
      ))}
    </ul>
  );
}
