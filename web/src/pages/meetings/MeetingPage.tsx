// /m/:meetingId (and the server's /j/:meetingId) — the meeting's join page: its
// details, the pre-join screen, then the meeting itself. Loaded only when visited:
// it carries mediasoup-client.
import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import { ApiError } from '../../api/accounts';
import { formatMeetingId, type JoinGrant, type Meeting } from '../../api/meetings';
import { nameOf, useAuth } from '../../accounts/auth';
import { FormError } from '../../accounts/ui';
import { formatTime, useMeetingsClient } from './common';
import { MeetingRoom } from './MeetingRoom';
import { PreJoin, type PreJoinResult } from './PreJoin';
import '../account/account.css';
import './meetings.css';

/** Why the meeting cannot be joined at all, in words. */
function unavailable(error: unknown): string | null {
  if (!(error instanceof ApiError)) return null;
  switch (error.code) {
    case 'meeting_not_found':
      return 'No meeting has this ID. Check the ID or the link you were given.';
    case 'meeting_cancelled':
      return 'The host cancelled this meeting.';
    case 'meeting_ended':
      return 'This meeting has ended.';
    default:
      return null;
  }
}

/** What to do when POST /join is refused. */
function joinErrorText(error: unknown): unknown {
  if (!(error instanceof ApiError)) return error;
  switch (error.code) {
    case 'meeting_locked':
      return 'The host has locked this meeting: nobody else can join now. Ask the host to unlock it.';
    case 'wrong_passcode':
      return 'The passcode is not right. Check it with the host and type it again.';
    case 'passcode_required':
      return 'This meeting needs a passcode. Ask the host for it.';
    case 'guests_not_allowed':
      return 'Only people with an account can join this meeting. Sign in first.';
    default:
      return unavailable(error) ?? error;
  }
}

export function MeetingPage() {
  const { meetingId = '' } = useParams();
  const { state } = useAuth();
  const client = useMeetingsClient();
  const [meeting, setMeeting] = useState<Meeting | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [joining, setJoining] = useState(false);
  const [joinError, setJoinError] = useState<unknown>(null);
  const [entry, setEntry] = useState<{ grant: JoinGrant; devices: PreJoinResult } | null>(null);

  useEffect(() => {
    if (state.status === 'checking') return;
    client.get(meetingId).then(setMeeting, setLoadError);
  }, [client, meetingId, state.status]);

  if (entry) return <MeetingRoom grant={entry.grant} devices={entry.devices} />;

  if (loadError) {
    return (
      <section className="container meetings-page">
        <h1>Meeting {formatMeetingId(meetingId)}</h1>
        {unavailable(loadError) ? (
          <p className="form-error" role="alert">
            {unavailable(loadError)}
          </p>
        ) : (
          <FormError error={loadError} />
        )}
        <Link to="/join">Join another meeting</Link>
      </section>
    );
  }
  if (!meeting) return <p className="container">Loading the meeting…</p>;
  if (meeting.status !== 'scheduled') {
    return (
      <section className="container meetings-page">
        <h1>{meeting.subject}</h1>
        <p className="form-error" role="alert">
          {meeting.status === 'cancelled' ? 'The host cancelled this meeting.' : 'This meeting has ended.'}
        </p>
      </section>
    );
  }

  const signedInName = state.status === 'signedIn' ? nameOf(state.user) : null;
  const join = async (devices: PreJoinResult) => {
    setJoining(true);
    setJoinError(null);
    try {
      const grant = await client.join(meeting.meetingId, {
        ...(signedInName === null ? { guestName: devices.guestName } : {}),
        ...(devices.passcode ? { passcode: devices.passcode } : {}),
      });
      setEntry({ grant, devices });
    } catch (e) {
      setJoinError(joinErrorText(e));
      setJoining(false);
    }
  };

  return (
    <section className="container meetings-page">
      <h1>{meeting.subject}</h1>
      <p className="meetings-page__lead">
        Hosted by {meeting.hostName} · {formatTime(meeting.startsAt)} · ID {formatMeetingId(meeting.meetingId)}
        {meeting.locked && ' · locked by the host'}
      </p>
      <PreJoin
        meeting={meeting}
        signedInName={signedInName}
        busy={joining}
        error={joinError}
        onJoin={(d) => void join(d)}
      />
    </section>
  );
}
