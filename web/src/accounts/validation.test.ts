import { describe, expect, it } from 'vitest';
import {
  checkBirth,
  checkCode,
  checkDisplayName,
  checkNewPassword,
  checkOptionalPassword,
  checkPassword,
  checkTarget,
  needsGuardian,
  normalizePhone,
} from './validation';

const NOW = new Date(2026, 10, 29); // 29 November 2026

describe('targets', () => {
  it('normalises international mobile numbers to E.164', () => {
    expect(normalizePhone('+44 20 7946-0958')).toBe('+442079460958');
    expect(normalizePhone('(+44) 2079460958')).toBe('+442079460958');
    expect(normalizePhone('0044 20 7946 0958')).toBe('+442079460958');
    expect(normalizePhone('+1 (555) 010.9999')).toBe('+15550109999');
  });

  it('refuses numbers without a country code, too short or long, or with letters', () => {
    for (const bad of ['020 7946 0958', '+44 123', '+1234567890123456', '+0 20 7946 0958', '+44 20 79A6 0958', '+']) {
      expect(normalizePhone(bad), bad).toBeNull();
      const checked = checkTarget(bad);
      expect(checked.ok, bad).toBe(false);
      if (!checked.ok) expect(checked.message).toMatch(/country code/);
    }
  });

  it('accepts email addresses, lower-casing the domain only', () => {
    expect(checkTarget('  Ann.Lee@Example.COM ')).toEqual({
      ok: true,
      value: { kind: 'email', value: 'Ann.Lee@example.com' },
    });
    expect(checkTarget('+44 20 7946 0958')).toEqual({ ok: true, value: { kind: 'phone', value: '+442079460958' } });
  });

  it('names what is wrong with an address', () => {
    for (const bad of [
      'ann@',
      '@example.com',
      'ann@@example.com',
      'ann lee@example.com',
      'ann@example',
      'ann..lee@example.com',
    ]) {
      expect(checkTarget(bad).ok, bad).toBe(false);
    }
    expect(checkTarget('')).toEqual({ ok: false, message: 'Enter your email address or mobile number.' });
  });
});

describe('codes', () => {
  it('takes exactly 6 digits, spaces ignored', () => {
    expect(checkCode('123456')).toEqual({ ok: true, value: '123456' });
    expect(checkCode(' 123 456 ')).toEqual({ ok: true, value: '123456' });
    for (const bad of ['12345', '1234567', '12345a', '', '１２３４５６']) expect(checkCode(bad).ok, bad).toBe(false);
  });
});

describe('passwords', () => {
  it('needs 8 to 128 bytes', () => {
    expect(checkPassword('1234567').ok).toBe(false);
    expect(checkPassword('12345678').ok).toBe(true);
    expect(checkPassword('x'.repeat(128)).ok).toBe(true);
    expect(checkPassword('x'.repeat(129)).ok).toBe(false);
    expect(checkPassword('é'.repeat(65)).ok).toBe(false); // 130 bytes in UTF-8
  });

  it('is optional at registration and must be typed twice alike when changed', () => {
    expect(checkOptionalPassword('')).toEqual({ ok: true, value: undefined });
    expect(checkOptionalPassword('short').ok).toBe(false);
    expect(checkNewPassword('battery staple', 'battery stapel')).toEqual({
      ok: false,
      message: 'The two new passwords differ. Type the same password twice.',
    });
    expect(checkNewPassword('battery staple', 'battery staple').ok).toBe(true);
    expect(checkNewPassword('short', 'short').ok).toBe(false);
  });
});

describe('display names', () => {
  it('is optional, trimmed, at most 64 bytes, no control characters', () => {
    expect(checkDisplayName('   ')).toEqual({ ok: true, value: undefined });
    expect(checkDisplayName(' Ann ')).toEqual({ ok: true, value: 'Ann' });
    expect(checkDisplayName('a'.repeat(65)).ok).toBe(false);
    expect(checkDisplayName('An\u0007n').ok).toBe(false);
  });
});

describe('birth month', () => {
  it('requires a year from 1900 and a month 1-12, not in the future', () => {
    expect(checkBirth('1985', '7', NOW)).toEqual({ ok: true, value: { year: 1985, month: 7 } });
    expect(checkBirth('2026', '11', NOW).ok).toBe(true);
    expect(checkBirth('2026', '12', NOW)).toEqual({ ok: false, message: 'The date of birth cannot be in the future.' });
    expect(checkBirth('1899', '12', NOW).ok).toBe(false);
    expect(checkBirth('1985', '13', NOW).ok).toBe(false);
    expect(checkBirth('85x', '1', NOW).ok).toBe(false);
    expect(checkBirth('', '1', NOW)).toEqual({ ok: false, message: 'Give the year and the month of your birth.' });
  });

  it('flags children under 14 as the server does (by month)', () => {
    expect(needsGuardian({ year: 2020, month: 1 }, NOW)).toBe(true);
    expect(needsGuardian({ year: 2012, month: 12 }, NOW)).toBe(true); // 13 years 11 months
    expect(needsGuardian({ year: 2012, month: 11 }, NOW)).toBe(true); // exactly 14 years in months: server's <= rule
    expect(needsGuardian({ year: 2012, month: 10 }, NOW)).toBe(false);
    expect(needsGuardian({ year: 1985, month: 7 }, NOW)).toBe(false);
  });
});
