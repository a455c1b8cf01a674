import { describe, expect, it } from 'vitest';
import type { Meeting } from '../../api/meetings';
import { changesFrom, draftFrom, toLocalInput, validateMeetingForm, type MeetingForm } from './MeetingFormPage';

const now = new Date('2026-12-05T18:00:00');
const form: MeetingForm = {
  subject: ' Planning ',
  kind: 'scheduled',
  start: '2026-12-06T09:30',
  durationMinutes: '45',
  passcode: '',
  removePasscode: false,
  waitingRoom: true,
  guestsAllowed: false,
};

describe('meeting form', () => {
  it('accepts a good form and builds the draft in UTC', () => {
    expect(validateMeetingForm(form, now)).toEqual({});
    expect(draftFrom(form)).toEqual({
      subject: 'Planning',
      kind: 'scheduled',
      startsAt: new Date('2026-12-06T09:30').toISOString(),
      durationMinutes: 45,
      waitingRoom: true,
      guestsAllowed: false,
    });
    expect(draftFrom({ ...form, kind: 'instant', passcode: 'abcd' })).not.toHaveProperty('startsAt');
  });

  it('names each problem in words', () => {
    const errors = validateMeetingForm(
      { ...form, subject: ' ', start: '2026-12-01T09:00', durationMinutes: '3', passcode: 'a b' },
      now,
    );
    expect(errors).toEqual({
      subject: 'Give the meeting a subject.',
      start: 'The start time is in the past.',
      durationMinutes: 'The duration must be between 5 and 1440 minutes.',
      passcode: 'A passcode has 4 to 32 letters, digits or signs, without spaces.',
    });
    expect(validateMeetingForm({ ...form, start: '' }, now).start).toBe('Choose the date and time the meeting starts.');
  });

  it('sends only what changed, and null to remove the passcode', () => {
    const before = {
      subject: 'Planning',
      startsAt: new Date('2026-12-06T09:30').toISOString(),
      durationMinutes: 60,
      waitingRoom: true,
      guestsAllowed: false,
      passcodeRequired: true,
    } as Meeting;
    expect(changesFrom(form, before)).toEqual({ durationMinutes: 45 });
    expect(changesFrom({ ...form, removePasscode: true, guestsAllowed: true }, before)).toEqual({
      durationMinutes: 45,
      passcode: null,
      guestsAllowed: true,
    });
  });

  it('formats a date for a datetime-local input', () => {
    expect(toLocalInput(new Date(2026, 0, 2, 3, 4))).toBe('2026-01-02T03:04');
  });
});
