// Shared data of the profile tests: a signed-in user, an empty-ish profile, JSON answers.
import type { Profile } from '../api/profile';

export { USER } from './fixtures';

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
