// /meetings — "My meetings": upcoming and past meetings of the signed-in user, with
// start/join, copy link, edit, cancel and the attendance record.
import { useCallback, useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { formatMeetingId, type Meeting } from '../../api/meetings';
import { useAuth } from '../../accounts/auth';
import { FormError } from '../../accounts/ui';
import { CopyLinkButton, SignInFirst, formatTime, useMeetingsClient } from './common';
import '../account/account.css';
import './meetings.css';

type Scope = 'upcoming' | 'past';

export function MyMeetingsPage() {
  const { state } = useAuth();
  if (state.status === 'checking') return <p className="container">Loading…</p>;
  if (state.status !== 'signedIn') return <SignInFirst what="see and schedule your meetings" />;
  return <MeetingLists />;
}

function MeetingLists() {
  const client = useMeetingsClient();
  const [params, setParams] = useSearchParams();
  const scope: Scope = params.get('scope') === 'past' ? 'past' : 'upcoming';
  const created = params.get('created');
  const [meetings, setMeetings] = useState<Meeting[] | null>(null);
  const [error, setError] = useState<unknown>(null);

  const load = useCallback(async () => {
    setMeetings(null);
    setError(null);
    try {
      setMeetings(await client.list(scope));
    } catch (e) {
      setError(e);
    }
  }, [client, scope]);

  useEffect(() => {
    void load();
  }, [load]);

  return (
    <section className="container meetings-page">
      <div className="meetings-page__head">
        <h1>My meetings</h1>
        <div className="meetings-page__actions">
          <Link className="button" to="/meetings/new">
            New meeting
          </Link>
          <Link className="button button--quiet" to="/join">
            Join with an ID
          </Link>
        </div>
      </div>
      {created && (
        <p className="notice" role="status" data-testid="created-notice">
          Meeting {formatMeetingId(created)} is scheduled. Share its join link: <CopyLinkButton meetingId={created} />
        </p>
      )}
      <div className="tabs" role="tablist" aria-label="Which meetings">
        {(['upcoming', 'past'] as const).map((s) => (
          <button
            key={s}
            type="button"
            role="tab"
            aria-selected={scope === s}
            className={`tabs__tab${scope === s ? ' tabs__tab--active' : ''}`}
            onClick={() => setParams(s === 'past' ? { scope: 'past' } : {})}
          >
            {s === 'upcoming' ? 'Upcoming' : 'Past'}
          </button>
        ))}
      </div>
      <FormError error={error} />
      {error !== null && (
        <button type="button" className="button button--quiet" onClick={() => void load()}>
          Try again
        </button>
      )}
      {meetings === null && error === null && <p role="status">Loading your meetings…</p>}
      {meetings?.length === 0 && (
        <p className="meetings-empty">
          {scope === 'upcoming' ? 'No upcoming meetings. Create one with "New meeting".' : 'No past meetings yet.'}
        </p>
      )}
      {meetings && meetings.length > 0 && (
        <ul className="meeting-list">
          {meetings.map((m) => (
            <MeetingItem key={m.meetingId} meeting={m} past={scope === 'past'} onChanged={() => void load()} />
          ))}
        </ul>
      )}
    </section>
  );
}

function MeetingItem({ meeting, past, onChanged }: { meeting: Meeting; past: boolean; onChanged: () => void }) {
  const client = useMeetingsClient();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const open = meeting.status === 'scheduled';

  const cancel = async () => {
    setBusy(true);
    setError(null);
    try {
      await client.cancel(meeting.meetingId);
      onChanged();
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  };

  return (
    <li className="meeting-list__item card" data-testid="meeting-item" data-meeting-id={meeting.meetingId}>
      <div className="meeting-list__main">
        <h2 className="meeting-list__subject">{meeting.subject}</h2>
        <p className="meeting-list__meta">
          {meeting.kind === 'instant' ? 'Instant meeting, ' : ''}
          {formatTime(meeting.startsAt)} · {meeting.durationMinutes} min · ID{' '}
          <span data-testid="meeting-id">{formatMeetingId(meeting.meetingId)}</span>
          {meeting.status !== 'scheduled' && <span className="badge">{meeting.status}</span>}
        </p>
        <p className="meeting-list__flags">
          {meeting.passcodeRequired ? 'Passcode' : 'No passcode'} ·{' '}
          {meeting.waitingRoom ? 'Waiting room on' : 'No waiting room'} ·{' '}
          {meeting.guestsAllowed ? 'Guests allowed' : 'Signed-in people only'}
        </p>
      </div>
      <div className="meeting-list__actions">
        {open && (
          <Link className="button" to={`/m/${meeting.meetingId}`}>
            {meeting.isCreator ? 'Start' : 'Join'}
          </Link>
        )}
        {open && <CopyLinkButton meetingId={meeting.meetingId} />}
        {open && meeting.isCreator && !past && (
          <Link className="button button--quiet" to={`/meetings/${meeting.meetingId}/edit`}>
            Edit
          </Link>
        )}
        {meeting.isCreator && (
          <Link className="button button--quiet" to={`/meetings/${meeting.meetingId}/attendance`}>
            Attendance
          </Link>
        )}
        {open && meeting.isCreator && !confirming && (
          <button type="button" className="button button--quiet" onClick={() => setConfirming(true)}>
            Cancel meeting
          </button>
        )}
      </div>
      {confirming && (
        <div className="meeting-list__confirm" role="group" aria-label="Cancel the meeting">
          <p>Cancel "{meeting.subject}"? People with the link will no longer be able to join.</p>
          <button type="button" className="button button--danger" disabled={busy} onClick={() => void cancel()}>
            {busy ? 'Cancelling…' : 'Yes, cancel it'}
          </button>
          <button type="button" className="button button--quiet" disabled={busy} onClick={() => setConfirming(false)}>
            Keep it
          </button>
        </div>
      )}
      <FormError error={error} />
    </li>
  );
}
