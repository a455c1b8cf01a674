// /meetings/new and /meetings/:meetingId/edit — create an instant or scheduled
// meeting, or change one: subject, start, duration, passcode, waiting room, guests.
import { useEffect, useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import type { Meeting, MeetingChanges, MeetingDraft } from '../../api/meetings';
import { useAuth } from '../../accounts/auth';
import { Field, FormError, SubmitButton } from '../../accounts/ui';
import { SignInFirst, useMeetingsClient } from './common';
import '../account/account.css';
import './meetings.css';

export interface MeetingForm {
  subject: string;
  kind: 'instant' | 'scheduled';
  start: string; // datetime-local value, local time
  durationMinutes: string;
  passcode: string;
  removePasscode: boolean;
  waitingRoom: boolean;
  guestsAllowed: boolean;
}

/** "2026-12-05T19:30" for a datetime-local input, in the browser's time zone. */
export function toLocalInput(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return (
    `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}` +
    `T${pad(date.getHours())}:${pad(date.getMinutes())}`
  );
}

/** The problems of a form, by field, in the words the user sees; empty when it can be sent. */
export function validateMeetingForm(form: MeetingForm, now: Date): Partial<Record<keyof MeetingForm, string>> {
  const errors: Partial<Record<keyof MeetingForm, string>> = {};
  if (!form.subject.trim()) errors.subject = 'Give the meeting a subject.';
  else if (form.subject.trim().length > 200) errors.subject = 'The subject can have at most 200 characters.';
  if (form.kind === 'scheduled') {
    const start = new Date(form.start);
    if (!form.start || Number.isNaN(start.getTime())) errors.start = 'Choose the date and time the meeting starts.';
    else if (start.getTime() < now.getTime() - 5 * 60_000) errors.start = 'The start time is in the past.';
  }
  const minutes = Number(form.durationMinutes);
  if (!Number.isInteger(minutes) || minutes < 5 || minutes > 1440) {
    errors.durationMinutes = 'The duration must be between 5 and 1440 minutes.';
  }
  if (form.passcode && !/^[\x21-\x7e]{4,32}$/.test(form.passcode)) {
    errors.passcode = 'A passcode has 4 to 32 letters, digits or signs, without spaces.';
  }
  return errors;
}

export function draftFrom(form: MeetingForm): MeetingDraft {
  return {
    subject: form.subject.trim(),
    kind: form.kind,
    ...(form.kind === 'scheduled' ? { startsAt: new Date(form.start).toISOString() } : {}),
    durationMinutes: Number(form.durationMinutes),
    ...(form.passcode ? { passcode: form.passcode } : {}),
    waitingRoom: form.waitingRoom,
    guestsAllowed: form.guestsAllowed,
  };
}

/** Only what changed, for PATCH. */
export function changesFrom(form: MeetingForm, before: Meeting): MeetingChanges {
  const changes: MeetingChanges = {};
  if (form.subject.trim() !== before.subject) changes.subject = form.subject.trim();
  const startsAt = new Date(form.start).toISOString();
  if (form.kind === 'scheduled' && Date.parse(startsAt) !== Date.parse(before.startsAt)) changes.startsAt = startsAt;
  if (Number(form.durationMinutes) !== before.durationMinutes) changes.durationMinutes = Number(form.durationMinutes);
  if (form.removePasscode) changes.passcode = null;
  else if (form.passcode) changes.passcode = form.passcode;
  if (form.waitingRoom !== before.waitingRoom) changes.waitingRoom = form.waitingRoom;
  if (form.guestsAllowed !== before.guestsAllowed) changes.guestsAllowed = form.guestsAllowed;
  return changes;
}

function formFrom(meeting: Meeting | null): MeetingForm {
  const start = meeting ? new Date(meeting.startsAt) : new Date(Date.now() + 60 * 60_000);
  if (!meeting) start.setMinutes(0, 0, 0);
  return {
    subject: meeting?.subject ?? '',
    kind: meeting?.kind ?? 'instant',
    start: toLocalInput(start),
    durationMinutes: String(meeting?.durationMinutes ?? 60),
    passcode: '',
    removePasscode: false,
    waitingRoom: meeting?.waitingRoom ?? false,
    guestsAllowed: meeting?.guestsAllowed ?? true,
  };
}

export function MeetingFormPage() {
  const { state } = useAuth();
  const { meetingId } = useParams();
  if (state.status === 'checking') return <p className="container">Loading…</p>;
  if (state.status !== 'signedIn') return <SignInFirst what="schedule meetings" />;
  return <MeetingFormLoader meetingId={meetingId ?? null} />;
}

function MeetingFormLoader({ meetingId }: { meetingId: string | null }) {
  const client = useMeetingsClient();
  const [meeting, setMeeting] = useState<Meeting | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    if (!meetingId) return;
    client.get(meetingId).then(setMeeting, setError);
  }, [client, meetingId]);
  if (!meetingId) return <MeetingFormView before={null} />;
  if (error) {
    return (
      <section className="container meetings-page">
        <h1>Edit meeting</h1>
        <FormError error={error} />
        <Link to="/meetings">Back to my meetings</Link>
      </section>
    );
  }
  if (!meeting) return <p className="container">Loading the meeting…</p>;
  if (!meeting.isCreator) {
    return (
      <section className="container meetings-page">
        <h1>Edit meeting</h1>
        <p className="form-error" role="alert">
          Only the person who created this meeting can change it.
        </p>
      </section>
    );
  }
  return <MeetingFormView before={meeting} />;
}

function MeetingFormView({ before }: { before: Meeting | null }) {
  const client = useMeetingsClient();
  const navigate = useNavigate();
  const [form, setForm] = useState<MeetingForm>(() => formFrom(before));
  const [shown, setShown] = useState<Partial<Record<keyof MeetingForm, string>>>({});
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const set = <K extends keyof MeetingForm>(key: K, value: MeetingForm[K]) => setForm((f) => ({ ...f, [key]: value }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const problems = validateMeetingForm(form, new Date());
    setShown(problems);
    if (Object.keys(problems).length) return;
    setBusy(true);
    setError(null);
    try {
      if (before) {
        await client.update(before.meetingId, changesFrom(form, before));
        navigate('/meetings');
      } else {
        const meeting = await client.create(draftFrom(form));
        navigate(meeting.kind === 'instant' ? `/m/${meeting.meetingId}` : `/meetings?created=${meeting.meetingId}`);
      }
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  };

  return (
    <section className="container meetings-page meetings-page--narrow">
      <h1>{before ? 'Edit meeting' : 'New meeting'}</h1>
      <form className="card meeting-form" onSubmit={(e) => void submit(e)} noValidate>
        <Field
          label="Subject"
          value={form.subject}
          maxLength={200}
          error={shown.subject}
          onChange={(e) => set('subject', e.target.value)}
        />
        {!before && (
          <fieldset className="method-choice">
            <legend className="field__label">When</legend>
            <label className="method-choice__option">
              <input type="radio" checked={form.kind === 'instant'} onChange={() => set('kind', 'instant')} /> Now
              (instant meeting)
            </label>
            <label className="method-choice__option">
              <input type="radio" checked={form.kind === 'scheduled'} onChange={() => set('kind', 'scheduled')} />{' '}
              Schedule for later
            </label>
          </fieldset>
        )}
        {form.kind === 'scheduled' && (
          <Field
            label="Starts at"
            type="datetime-local"
            value={form.start}
            error={shown.start}
            hint="In your time zone."
            onChange={(e) => set('start', e.target.value)}
          />
        )}
        <Field
          label="Duration (minutes)"
          type="number"
          min={5}
          max={1440}
          step={5}
          value={form.durationMinutes}
          error={shown.durationMinutes}
          onChange={(e) => set('durationMinutes', e.target.value)}
        />
        <Field
          label={
            before?.passcodeRequired ? 'New passcode (leave empty to keep the current one)' : 'Passcode (optional)'
          }
          value={form.passcode}
          autoComplete="off"
          error={shown.passcode}
          hint="4 to 32 characters without spaces. People joining must type it."
          disabled={form.removePasscode}
          onChange={(e) => set('passcode', e.target.value)}
        />
        {before?.passcodeRequired && (
          <label className="checkbox">
            <input
              type="checkbox"
              checked={form.removePasscode}
              onChange={(e) => set('removePasscode', e.target.checked)}
            />{' '}
            Remove the passcode
          </label>
        )}
        <label className="checkbox">
          <input type="checkbox" checked={form.waitingRoom} onChange={(e) => set('waitingRoom', e.target.checked)} />{' '}
          Waiting room: the host lets each person in
        </label>
        <label className="checkbox">
          <input
            type="checkbox"
            checked={form.guestsAllowed}
            onChange={(e) => set('guestsAllowed', e.target.checked)}
          />{' '}
          Guests without an account may join
        </label>
        <FormError error={error} />
        <div className="meeting-form__buttons">
          <SubmitButton busy={busy} busyText="Saving…">
            {before ? 'Save changes' : form.kind === 'instant' ? 'Start the meeting' : 'Schedule'}
          </SubmitButton>
          <Link className="button button--quiet" to="/meetings">
            Back
          </Link>
        </div>
      </form>
    </section>
  );
}
