// Shared test data of the account screens and clients.
import type { User } from '../api/accounts';

/** A signed-in user as GET /api/v1/me returns it. */
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
