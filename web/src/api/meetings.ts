// Typed client for the meetings API (/api/v1/meetings*). Requests go through the
// accounts client, which carries the session's CSRF token and turns failures into
// ApiError (HTTP status, the server's stable code, an English message).
import type { AccountsClient } from './accounts';

export type MeetingStatus = 'scheduled' | 'ended' | 'cancelled';

export interface Meeting {
  meetingId: string;
  joinPath: string;
  subject: string;
  kind: 'instant' | 'scheduled';
  startsAt: string;
  endsAt: string;
  durationMinutes: number;
  hostName: string;
  passcodeRequired: boolean;
  waitingRoom: boolean;
  guestsAllowed: boolean;
  locked: boolean;
  status: MeetingStatus;
  isCreator: boolean;
}

export interface MeetingDraft {
  subject: string;
  kind: 'instant' | 'scheduled';
  startsAt?: string;
  durationMinutes: number;
  passcode?: string;
  waitingRoom: boolean;
  guestsAllowed: boolean;
}

/** A PATCH body: only what changed; passcode null clears it. */
export type MeetingChanges = Partial<Omit<MeetingDraft, 'kind' | 'passcode'>> & { passcode?: string | null };

export interface JoinGrant {
  joinToken: string;
  expiresAt: string;
  name: string;
  guest: boolean;
  host: boolean;
  waitingRoom: boolean;
  meeting: Meeting;
}

export interface AttendanceRow {
  name: string;
  userId: number | null;
  guest: boolean;
  joinedAt: string;
  exitedAt: string | null;
}

export interface Attendance {
  meeting: Meeting;
  sessions: Array<{ startedAt: string; endedAt: string | null }>;
  attendance: AttendanceRow[];
}

const BASE = '/api/v1/meetings';

function one(meetingId: string): string {
  return `${BASE}/${encodeURIComponent(meetingId)}`;
}

export class MeetingsClient {
  constructor(private readonly http: AccountsClient) {}

  async list(scope: 'upcoming' | 'past'): Promise<Meeting[]> {
    return (await this.http.json<{ meetings: Meeting[] }>('GET', `${BASE}?scope=${scope}`)).meetings;
  }

  create(draft: MeetingDraft): Promise<Meeting> {
    return this.http.json<Meeting>('POST', BASE, draft);
  }

  get(meetingId: string): Promise<Meeting> {
    return this.http.json<Meeting>('GET', one(meetingId));
  }

  update(meetingId: string, changes: MeetingChanges): Promise<Meeting> {
    return this.http.json<Meeting>('PATCH', one(meetingId), changes);
  }

  async cancel(meetingId: string): Promise<void> {
    await this.http.call('DELETE', one(meetingId));
  }

  /** A signed join token (2 minutes): for a signed-in user the body may be empty. */
  join(meetingId: string, details: { guestName?: string; passcode?: string }): Promise<JoinGrant> {
    return this.http.json<JoinGrant>('POST', `${one(meetingId)}/join`, details);
  }

  attendance(meetingId: string): Promise<Attendance> {
    return this.http.json<Attendance>('GET', `${one(meetingId)}/attendance`);
  }
}

/** Where the browser downloads the attendance CSV (a plain link: the cookie goes along). */
export function attendanceCsvPath(meetingId: string): string {
  return `${one(meetingId)}/attendance.csv`;
}

/** "123 456 7890" for reading aloud; the id itself stays digits only. */
export function formatMeetingId(meetingId: string): string {
  const d = meetingId.replace(/\D/g, '');
  if (d.length < 9) return d;
  return `${d.slice(0, 3)} ${d.slice(3, 6)} ${d.slice(6)}`;
}

/** The digits of a typed meeting ID or pasted link, or null when it cannot be one (9–11 digits). */
export function parseMeetingInput(text: string): string | null {
  const trimmed = text.trim();
  const fromLink = /\/(?:m|j)\/(\d{9,11})(?:[/?#]|$)/.exec(trimmed);
  if (fromLink) return fromLink[1]!;
  const digits = trimmed.replace(/[\s-]/g, '');
  return /^\d{9,11}$/.test(digits) ? digits : null;
}

/** The link people open to join: /m/<meetingId> on this server. */
export function joinLink(origin: string, meetingId: string): string {
  return `${origin}/m/${meetingId}`;
}
