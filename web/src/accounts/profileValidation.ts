// Checks of the profile form, the same rules the server applies (R-ACC-4), so that
// mistakes are named before a request is sent. The server still has the last word.
import type { Checked } from './validation';
import type { ProfileField } from '../api/profile';

export const GENDERS = ['female', 'male', 'other'] as const;

/** At most this many characters (code points) per field; the name counts UTF-8 bytes. */
export const PROFILE_LIMITS: Record<ProfileField, number> = {
  name: 64,
  gender: 16,
  position: 100,
  address: 300,
  company: 120,
  department: 100,
};

export const PROFILE_LABELS: Record<ProfileField, string> = {
  name: 'Name',
  gender: 'Gender',
  position: 'Position',
  address: 'Address',
  company: 'Company',
  department: 'Department',
};

export const AVATAR_MAX_BYTES = 5 * 1024 * 1024;
export const AVATAR_TYPES = ['image/jpeg', 'image/png', 'image/webp'];

/** The trimmed value, null when empty (the field is cleared), or what is wrong. */
export function checkProfileValue(field: ProfileField, input: string): Checked<string | null> {
  const value = input.trim();
  if (value === '') return { ok: true, value: null };
  const label = PROFILE_LABELS[field];
  const limit = PROFILE_LIMITS[field];
  const length = field === 'name' ? new TextEncoder().encode(value).length : [...value].length;
  if (length > limit) {
    return {
      ok: false,
      message: `${label} is too long: at most ${limit} ${field === 'name' ? 'bytes' : 'characters'}.`,
    };
  }
  // eslint-disable-next-line no-control-regex
  const control = field === 'address' ? /[\u0000-\u0009\u000b-\u001f\u007f]/ : /[\u0000-\u001f\u007f]/;
  if (control.test(value)) {
    return {
      ok: false,
      message:
        field === 'address'
          ? `${label} may hold line breaks but no other control characters.`
          : `${label} may not hold line breaks or control characters.`,
    };
  }
  if (field === 'gender' && !(GENDERS as readonly string[]).includes(value)) {
    return { ok: false, message: 'Choose female, male, other, or leave gender empty.' };
  }
  return { ok: true, value };
}

/** The fields of `edited` whose checked value differs from `saved`, or the first problem per field. */
export function profileChanges(
  saved: Record<ProfileField, string | null>,
  edited: Record<ProfileField, string>,
): { changes: Partial<Record<ProfileField, string | null>>; errors: Partial<Record<ProfileField, string>> } {
  const changes: Partial<Record<ProfileField, string | null>> = {};
  const errors: Partial<Record<ProfileField, string>> = {};
  for (const field of Object.keys(PROFILE_LIMITS) as ProfileField[]) {
    const checked = checkProfileValue(field, edited[field]);
    if (!checked.ok) errors[field] = checked.message;
    else if (checked.value !== (saved[field] ?? null)) changes[field] = checked.value;
  }
  return { changes, errors };
}

/** Refuses files the server would refuse anyway: not JPEG/PNG/WebP, or over 5 MB. */
export function checkAvatarFile(file: { type: string; size: number }): Checked<true> {
  if (!AVATAR_TYPES.includes(file.type)) {
    return { ok: false, message: 'Choose a JPEG, PNG or WebP image.' };
  }
  if (file.size > AVATAR_MAX_BYTES) {
    return { ok: false, message: 'The image is larger than 5 MB. Choose a smaller one.' };
  }
  if (file.size === 0) return { ok: false, message: 'The file is empty. Choose an image.' };
  return { ok: true, value: true };
}
