// Checks of the enterprise forms, the same rules the server applies, so that most
// mistakes are named before a request is sent. The server still has the last word.
import { checkTarget, normalizePhone, type Checked } from '../accounts/validation';
import type { EnterpriseApplication } from '../api/enterprises';

export const MAX_COMPANY_NAME_BYTES = 120;
export const MAX_CREATOR_NAME_BYTES = 64;
export const MAX_NOTES_BYTES = 2000;
export const MAX_REASON_BYTES = 500;

export type ApplicationErrors = Partial<Record<keyof EnterpriseApplication, string>>;

function utf8Length(text: string): number {
  return new TextEncoder().encode(text).length;
}

const CONTROL = /[\u0000-\u001f\u007f]/;
const CONTROL_EXCEPT_BREAKS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

function checkLine(input: string, what: string, max: number): Checked<string> {
  const text = input.trim();
  if (text === '') return { ok: false, message: `Enter ${what}.` };
  if (utf8Length(text) > max)
    return { ok: false, message: `${capital(what)} is too long: use at most ${max} characters.` };
  if (CONTROL.test(text))
    return { ok: false, message: `${capital(what)} may not hold line breaks or control characters.` };
  return { ok: true, value: text };
}

function capital(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Free text with line breaks: notes, a note to the administrators, a reason. */
export function checkText(input: string, what: string, max: number, required: boolean): Checked<string> {
  const text = input.trim();
  if (required && text === '') return { ok: false, message: `Enter ${what}.` };
  if (utf8Length(text) > max)
    return { ok: false, message: `${capital(what)} is too long: use at most ${max} characters.` };
  if (CONTROL_EXCEPT_BREAKS.test(text))
    return { ok: false, message: `${capital(what)} may not hold control characters.` };
  return { ok: true, value: text };
}

/** The registration form, normalised, or the problem of each field. */
export function checkApplication(
  form: EnterpriseApplication,
): { ok: true; value: EnterpriseApplication } | { ok: false; errors: ApplicationErrors } {
  const errors: ApplicationErrors = {};
  const company = checkLine(form.companyName, 'the company name', MAX_COMPANY_NAME_BYTES);
  if (!company.ok) errors.companyName = company.message;
  const creator = checkLine(form.creatorName, 'your name', MAX_CREATOR_NAME_BYTES);
  if (!creator.ok) errors.creatorName = creator.message;
  const email = checkTarget(form.email);
  if (!email.ok || email.value.kind !== 'email') {
    errors.email = 'Enter a valid email address (name@example.com); the code to confirm the enterprise goes there.';
  }
  const mobile = normalizePhone(form.mobile);
  if (!mobile)
    errors.mobile = 'Enter the mobile number with its country code, starting with + (for example +44 20 7946 0958).';
  const notes = checkText(form.notes, 'the notes', MAX_NOTES_BYTES, false);
  if (!notes.ok) errors.notes = notes.message;
  if (!company.ok || !creator.ok || !email.ok || !mobile || !notes.ok || email.value.kind !== 'email') {
    return { ok: false, errors };
  }
  return {
    ok: true,
    value: {
      companyName: company.value,
      creatorName: creator.value,
      email: email.value.value,
      mobile,
      notes: notes.value,
    },
  };
}

/** A refusal needs a reason; an approval may carry one. */
export function checkDecisionReason(input: string, approve: boolean): Checked<string> {
  return checkText(input, approve ? 'the reason' : 'a reason for the member', MAX_REASON_BYTES, !approve);
}

/** "15 January 2027" for an ISO time. */
export function dayText(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
}
