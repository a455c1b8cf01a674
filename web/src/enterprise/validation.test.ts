import { describe, expect, it } from 'vitest';
import { checkApplication, checkDecisionReason, dayText } from './validation';

const good = {
  companyName: '  Acme Widgets ',
  creatorName: 'Ada',
  mobile: '+44 20 7946 0958',
  email: 'Ada@ACME.example',
  notes: 'About 50 seats\nBilling in EUR',
};

describe('checkApplication', () => {
  it('normalises a good form like the server does', () => {
    const checked = checkApplication(good);
    expect(checked).toEqual({
      ok: true,
      value: {
        companyName: 'Acme Widgets',
        creatorName: 'Ada',
        mobile: '+442079460958',
        email: 'Ada@acme.example',
        notes: 'About 50 seats\nBilling in EUR',
      },
    });
  });

  it('names every wrong field and what to do', () => {
    const checked = checkApplication({
      companyName: '',
      creatorName: 'x'.repeat(65),
      mobile: '020 7946 0958',
      email: 'ada@',
      notes: 'n'.repeat(2001),
    });
    expect(checked.ok).toBe(false);
    if (checked.ok) return;
    expect(checked.errors.companyName).toBe('Enter the company name.');
    expect(checked.errors.creatorName).toMatch(/at most 64/);
    expect(checked.errors.mobile).toMatch(/country code/);
    expect(checked.errors.email).toMatch(/name@example.com/);
    expect(checked.errors.notes).toMatch(/at most 2000/);
  });

  it('refuses an email-less form even with a phone in the email field', () => {
    const checked = checkApplication({ ...good, email: '+442079460958' });
    expect(checked.ok).toBe(false);
  });
});

describe('checkDecisionReason', () => {
  it('requires a reason to refuse but not to approve', () => {
    expect(checkDecisionReason('  ', false)).toEqual({ ok: false, message: 'Enter a reason for the member.' });
    expect(checkDecisionReason('', true)).toEqual({ ok: true, value: '' });
    expect(checkDecisionReason(' Contract until June ', false)).toEqual({ ok: true, value: 'Contract until June' });
    expect(checkDecisionReason('r'.repeat(501), false).ok).toBe(false);
  });
});

describe('dayText', () => {
  it('writes the day in words, in UTC', () => {
    expect(dayText('2027-01-15T23:30:00Z')).toBe('15 January 2027');
    expect(dayText('not a date')).toBe('not a date');
  });
});
