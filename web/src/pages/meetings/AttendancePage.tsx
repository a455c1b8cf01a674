// /meetings/:meetingId/attendance — the attendance record, for the meeting's creator
// only: actual start and end, each attendee's joins and exits, a chart of how many
// were present over time, and the CSV download. Anyone else gets a clear refusal.
import { useEffect, useMemo, useState } from 'react';
import { Link, useParams } from 'react-router';
import { ApiError } from '../../api/accounts';
import { attendanceCsvPath, formatMeetingId, type Attendance } from '../../api/meetings';
import { useAuth } from '../../accounts/auth';
import { FormError } from '../../accounts/ui';
import { attendanceSteps, chartGeometry, groupAttendees, type Stay } from '../../meetings/attendanceChart';
import { SignInFirst, formatTime, useMeetingsClient } from './common';
import '../account/account.css';
import './meetings.css';

export function AttendancePage() {
  const { state } = useAuth();
  const { meetingId = '' } = useParams();
  if (state.status === 'checking') return <p className="container">Loading…</p>;
  if (state.status !== 'signedIn') return <SignInFirst what="see a meeting's attendance" />;
  return <AttendanceLoader meetingId={meetingId} />;
}

function AttendanceLoader({ meetingId }: { meetingId: string }) {
  const client = useMeetingsClient();
  const [report, setReport] = useState<Attendance | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    client.attendance(meetingId).then(setReport, setError);
  }, [client, meetingId]);

  if (error) {
    const forbidden = error instanceof ApiError && error.status === 403;
    return (
      <section className="container meetings-page">
        <h1>Attendance</h1>
        {forbidden ? (
          <p className="form-error" role="alert" data-testid="attendance-forbidden">
            Only the person who created this meeting can see its attendance. If you need it, ask the meeting's creator
            for the CSV file.
          </p>
        ) : (
          <FormError error={error} />
        )}
        <Link to="/meetings">Back to my meetings</Link>
      </section>
    );
  }
  if (!report) return <p className="container">Loading the attendance…</p>;
  return <AttendanceView report={report} />;
}

function AttendanceView({ report }: { report: Attendance }) {
  const { meeting } = report;
  const attendees = useMemo(() => groupAttendees(report.attendance), [report]);
  const startedAt = report.sessions[0]?.startedAt ?? null;
  const last = report.sessions[report.sessions.length - 1];
  const endedAt = last ? last.endedAt : null;
  return (
    <section className="container meetings-page" data-testid="attendance">
      <h1>Attendance: {meeting.subject}</h1>
      <dl className="attendance-facts">
        <dt>Meeting ID</dt>
        <dd data-testid="attendance-meeting-id">{formatMeetingId(meeting.meetingId)}</dd>
        <dt>Scheduled</dt>
        <dd>
          {formatTime(meeting.startsAt)} for {meeting.durationMinutes} min
        </dd>
        <dt>Actual start</dt>
        <dd data-testid="actual-start">{startedAt ? formatTime(startedAt) : 'The meeting has not started.'}</dd>
        <dt>Actual end</dt>
        <dd data-testid="actual-end">{!startedAt ? '—' : endedAt ? formatTime(endedAt) : 'Still running'}</dd>
        <dt>Attendees</dt>
        <dd data-testid="attendee-count">{attendees.length}</dd>
      </dl>
      <p>
        <a className="button" href={attendanceCsvPath(meeting.meetingId)} download>
          Download CSV
        </a>
      </p>
      {startedAt && <AttendanceChart report={report} />}
      {attendees.length === 0 ? (
        <p>Nobody has joined this meeting yet.</p>
      ) : (
        <div className="table-scroll">
          <table className="attendance-table">
            <caption className="visually-hidden">Each attendee's joins and exits</caption>
            <thead>
              <tr>
                <th scope="col">Attendee</th>
                <th scope="col">Joined</th>
                <th scope="col">Left</th>
              </tr>
            </thead>
            <tbody>
              {attendees.flatMap((a) =>
                a.stays.map((s, i) => (
                  <tr key={`${a.key}-${i}`} data-testid="attendance-row" data-attendee={a.name}>
                    <th scope="row">
                      {i === 0 ? a.name : ''}
                      {i === 0 && a.guest && <span className="badge">guest</span>}
                    </th>
                    <td data-testid="joined-at">{formatTime(new Date(s.joinedAt).toISOString())}</td>
                    <td data-testid="exited-at">
                      {s.exitedAt === null ? 'still in the meeting' : formatTime(new Date(s.exitedAt).toISOString())}
                    </td>
                  </tr>
                )),
              )}
            </tbody>
          </table>
        </div>
      )}
      <p>
        <Link to="/meetings?scope=past">Back to my meetings</Link>
      </p>
    </section>
  );
}

function clock(t: number, withSeconds: boolean): string {
  return new Date(t).toLocaleTimeString(undefined, {
    hour: '2-digit',
    minute: '2-digit',
    ...(withSeconds ? { second: '2-digit' } : {}),
  });
}

/** The number of people present over the meeting's sessions, drawn as an SVG step chart. */
function AttendanceChart({ report }: { report: Attendance }) {
  const geometry = useMemo(() => {
    const stays: Stay[] = report.attendance.map((row) => ({
      joinedAt: Date.parse(row.joinedAt),
      exitedAt: row.exitedAt === null ? null : Date.parse(row.exitedAt),
    }));
    const start = Date.parse(report.sessions[0]!.startedAt);
    const lastSession = report.sessions[report.sessions.length - 1]!;
    const lastExit = Math.max(start, ...stays.map((s) => s.exitedAt ?? Date.now()));
    const end = lastSession.endedAt ? Math.max(Date.parse(lastSession.endedAt), lastExit) : Date.now();
    return chartGeometry(attendanceSteps(stays, start, Math.max(end, start + 1000)));
  }, [report]);
  return (
    <figure className="attendance-chart">
      <svg
        viewBox="0 0 640 220"
        role="img"
        aria-label={`Attendance over time: at most ${geometry.maxCount} people at once`}
        data-testid="attendance-chart"
      >
        {geometry.yTicks.map((tick) => (
          <g key={`y${tick.count}`}>
            <line className="attendance-chart__grid" x1={40} x2={624} y1={tick.y} y2={tick.y} />
            <text className="attendance-chart__label" x={34} y={tick.y + 4} textAnchor="end">
              {tick.count}
            </text>
          </g>
        ))}
        {geometry.xTicks.map((tick) => (
          <text key={`x${tick.t}`} className="attendance-chart__label" x={tick.x} y={212} textAnchor="middle">
            {clock(tick.t, geometry.tickStepMs < 60_000)}
          </text>
        ))}
        <path className="attendance-chart__area" d={geometry.area} />
        <path className="attendance-chart__line" d={geometry.path} data-testid="attendance-line" />
      </svg>
      <figcaption>People in the meeting over time.</figcaption>
    </figure>
  );
}
