// Checks of the account forms, the same rules the server applies, so that most
// mistakes are named before a request is sent. The server still has the last word.

/** The user's email address or mobile number, classified and normalised like the server does. */
export type Target = { kind: 'email'; value: string } | { kind: 'phone'; value: string };

export const TARGET_HINT = 'An email address, or a mobile number with its country code, e.g. +44 20 7946 0958.';
export const PASSWORD_RULE = 'At least 8 characters (at most 128).';
export const CODE_HINT = 'The 6-digit code from the message we sent you.';

export const MIN_PASSWORD_LENGTH = 8;
export const MAX_PASSWORD_BYTES = 128;
export const GUARDIAN_CONSENT_AGE = 14;

const EMAIL =
  /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*@([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;

/** Result of a check: the cleaned value, or a message saying what is wrong and what to do. */
export type Checked<T> = { ok: true; value: T } | { ok: false; message: string };

/**
 * "+44 20 7946-0958", "(+44) 2079460958", "0044 20 7946 0958" -> "+442079460958".
 * Spaces, dashes, dots and parentheses separate; the country code ("+" or "00") is
 * required; 8 to 15 digits, the first not 0 (E.164).
 */
export function normalizePhone(input: string): string | null {
  const text = input.trim();
  if (text.length === 0 || text.length > 32 || !/^[\d\s().+-]+$/.test(text)) return null;
  const compact = text.replace(/[\s().-]/g, '');
  let digits: string;
  if (compact.startsWith('+')) digits = compact.slice(1);
  else if (compact.startsWith('00')) digits = compact.slice(2);
  else return null;
  if (!/^[1-9]\d{7,14}$/.test(digits)) return null;
  return `+${digits}`;
}

export function checkTarget(input: string): Checked<Target> {
  const text = input.trim();
  if (text === '') return { ok: false, message: 'Enter your email address or mobile number.' };
  if (text.includes('@')) {
    const at = text.lastIndexOf('@');
    const email = `${text.slice(0, at)}@${text.slice(at + 1).toLowerCase()}`;
    if (email.length > 254 || at > 64 || !EMAIL.test(email)) {
      return {
        ok: false,
        message: 'This is not a valid email address. Check it for typing mistakes (name@example.com).',
      };
    }
    return { ok: true, value: { kind: 'email', value: email } };
  }
  const phone = normalizePhone(text);
  if (!phone) {
    return {
      ok: false,
      message: 'Enter the mobile number with its country code, starting with + (for example +44 20 7946 0958).',
    };
  }
  return { ok: true, value: { kind: 'phone', value: phone } };
}

export function checkCode(input: string): Checked<string> {
  const code = input.replace(/\s/g, '');
  if (!/^\d{6}$/.test(code)) return { ok: false, message: 'Enter the 6 digits of the code we sent you.' };
  return { ok: true, value: code };
}

function utf8Length(text: string): number {
  return new TextEncoder().encode(text).length;
}

export function checkPassword(input: string): Checked<string> {
  if (input.length < MIN_PASSWORD_LENGTH) {
    return { ok: false, message: `The password needs at least ${MIN_PASSWORD_LENGTH} characters.` };
  }
  if (utf8Length(input) > MAX_PASSWORD_BYTES || input.includes('\0')) {
    return { ok: false, message: 'The password is too long: use at most 128 characters.' };
  }
  return { ok: true, value: input };
}

/** Optional at registration: empty is fine, anything else must follow the rule. */
export function checkOptionalPassword(input: string): Checked<string | undefined> {
  return input === '' ? { ok: true, value: undefined } : checkPassword(input);
}

export function checkNewPassword(password: string, repeated: string): Checked<string> {
  const checked = checkPassword(password);
  if (!checked.ok) return checked;
  if (password !== repeated)
    return { ok: false, message: 'The two new passwords differ. Type the same password twice.' };
  return checked;
}

export function checkDisplayName(input: string): Checked<string | undefined> {
  const name = input.trim();
  if (name === '') return { ok: true, value: undefined };
  if (utf8Length(name) > 64) return { ok: false, message: 'The display name is too long: use at most 64 characters.' };
  if (/[\u0000-\u001f\u007f]/.test(name))
    return { ok: false, message: 'The display name may not hold control characters.' };
  return { ok: true, value: name };
}

export interface BirthMonth {
  year: number;
  month: number;
}

export function checkBirth(yearText: string, monthText: string, now: Date = new Date()): Checked<BirthMonth> {
  const year = Number(yearText.trim());
  const month = Number(monthText.trim());
  if (yearText.trim() === '' || monthText.trim() === '') {
    return { ok: false, message: 'Give the year and the month of your birth.' };
  }
  if (!Number.isInteger(year) || year < 1900)
    return { ok: false, message: 'Give the year of birth as 4 digits, 1900 or later.' };
  if (!Number.isInteger(month) || month < 1 || month > 12) return { ok: false, message: 'Choose the month of birth.' };
  if (year * 12 + month > now.getFullYear() * 12 + now.getMonth() + 1) {
    return { ok: false, message: 'The date of birth cannot be in the future.' };
  }
  return { ok: true, value: { year, month } };
}

/** True when, by birth month, the person is under 14 (the server's rule: a parent or guardian must agree). */
export function needsGuardian(birth: BirthMonth, now: Date = new Date()): boolean {
  const ageInMonths = now.getFullYear() * 12 + now.getMonth() + 1 - (birth.year * 12 + birth.month);
  return ageInMonths <= GUARDIAN_CONSENT_AGE * 12;
}

/** The guardian's contact: required for a child (undefined otherwise). */
export function checkGuardian(input: string, child: boolean): Checked<string | undefined> {
  if (!child) return { ok: true, value: undefined };
  if (input.trim() === '') {
    return { ok: false, message: "Enter a parent's or guardian's email address or mobile number." };
  }
  const target = checkTarget(input);
  return target.ok ? { ok: true, value: target.value.value } : target;
}
