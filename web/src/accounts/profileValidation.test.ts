import { describe, expect, it } from 'vitest';
import { checkAvatarFile, checkProfileValue, profileChanges, AVATAR_MAX_BYTES } from './profileValidation';

describe('checkProfileValue', () => {
  it('trims, and treats a blank value as clearing the field', () => {
    expect(checkProfileValue('position', '  Engineer ')).toEqual({ ok: true, value: 'Engineer' });
    expect(checkProfileValue('company', '   ')).toEqual({ ok: true, value: null });
  });

  it('bounds each field in characters, the name in bytes, like the server', () => {
    const han = '\u5de5'; // one character, three UTF-8 bytes
    expect(checkProfileValue('position', han.repeat(100)).ok).toBe(true);
    expect(checkProfileValue('position', han.repeat(101))).toEqual({
      ok: false,
      message: 'Position is too long: at most 100 characters.',
    });
    expect(checkProfileValue('address', 'a'.repeat(300)).ok).toBe(true);
    expect(checkProfileValue('address', 'a'.repeat(301)).ok).toBe(false);
    expect(checkProfileValue('name', 'a'.repeat(64)).ok).toBe(true);
    expect(checkProfileValue('name', han.repeat(22)).ok).toBe(false); // 66 bytes
  });

  it('allows line breaks in the address only, and no other control characters', () => {
    expect(checkProfileValue('address', '1 Main Street\nSpringfield')).toEqual({
      ok: true,
      value: '1 Main Street\nSpringfield',
    });
    expect(checkProfileValue('department', 'Sales\nNorth').ok).toBe(false);
    expect(checkProfileValue('address', 'Street\u0007').ok).toBe(false);
  });

  it('accepts only the offered genders', () => {
    expect(checkProfileValue('gender', 'other')).toEqual({ ok: true, value: 'other' });
    expect(checkProfileValue('gender', 'robot').ok).toBe(false);
  });
});

describe('profileChanges', () => {
  const saved = { name: 'Ann', gender: null, position: 'Engineer', address: null, company: 'Acme', department: null };

  it('lists only the fields whose checked value differs', () => {
    const { changes, errors } = profileChanges(saved, {
      name: 'Ann ',
      gender: 'female',
      position: 'Engineer',
      address: '',
      company: '',
      department: '',
    });
    expect(errors).toEqual({});
    expect(changes).toEqual({ gender: 'female', company: null });
  });

  it('names the problem of each bad field', () => {
    const { errors } = profileChanges(saved, {
      name: 'Ann',
      gender: 'x',
      position: 'p'.repeat(101),
      address: '',
      company: 'Acme',
      department: '',
    });
    expect(Object.keys(errors).sort()).toEqual(['gender', 'position']);
  });
});

describe('checkAvatarFile', () => {
  it('accepts JPEG, PNG and WebP up to 5 MB', () => {
    for (const type of ['image/jpeg', 'image/png', 'image/webp']) {
      expect(checkAvatarFile({ type, size: 1000 }).ok).toBe(true);
    }
    expect(checkAvatarFile({ type: 'image/png', size: AVATAR_MAX_BYTES }).ok).toBe(true);
  });

  it('refuses other types, empty and oversized files', () => {
    expect(checkAvatarFile({ type: 'application/pdf', size: 1000 })).toEqual({
      ok: false,
      message: 'Choose a JPEG, PNG or WebP image.',
    });
    expect(checkAvatarFile({ type: 'image/gif', size: 1000 }).ok).toBe(false);
    expect(checkAvatarFile({ type: 'image/png', size: AVATAR_MAX_BYTES + 1 }).ok).toBe(false);
    expect(checkAvatarFile({ type: 'image/png', size: 0 }).ok).toBe(false);
  });
});
