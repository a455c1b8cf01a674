// Shared data of the profile tests: a signed-in user, an empty-ish profile, JSON answers.
import type { User } from '../api/accounts';
import type { Profile } from '../api/profile';

export const USER: User = {
  id: 7,
  email: 'ann@example.com',
  phone: null,
  displayName: 'Ann',
  status: 'active',
  hasPassword: true,
  birthYear: 1985,
  birthMonth: 7,
  createdAt: '2026-01-01T00:00:00Z',
};

export const PROFILE: Profile = {
  name: 'Ann',
  gender: null,
  position: 'Engineer',
  address: null,
  company: 'Acme',
  department: null,
  updatedAt: null,
  avatar: null,
};

export const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
