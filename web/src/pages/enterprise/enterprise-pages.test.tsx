import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter, Route, Routes } from 'react-router';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AuthProvider, SESSION_HINT_KEY } from '../../accounts/auth';
import { AccountsClient, type User } from '../../api/accounts';
import type { Invitation } from '../../api/enterprises';
import { EnterprisePage } from './EnterprisePage';
import { EnterpriseRegisterPage } from './EnterpriseRegisterPage';
import { InvitationsPage } from './InvitationsPage';

const USER: User = {
  id: 7,
  email: 'bob@example.com',
  phone: null,
  displayName: 'Bob',
  status: 'active',
  hasPassword: false,
  birthYear: 1985,
  birthMonth: 7,
  createdAt: '2027-01-01T00:00:00Z',
};

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
const error = (status: number, code: string, message: string) => json(status, { error: { code, message } });

type Answers = Record<string, (body: unknown) => Response>;

/** A server stand-in answering by "METHOD path"; every request is recorded. */
function serve(answers: Answers) {
  const calls: { key: string; body: unknown }[] = [];
  const fetchImpl = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const key = `${init?.method ?? 'GET'} ${String(input)}`;
    const body = typeof init?.body === 'string' ? JSON.parse(init.body) : null;
    calls.push({ key, body });
    const answer = answers[key];
    if (!answer) throw new Error(`unexpected ${key}`);
    return answer(body);
  });
  return { calls, client: new AccountsClient(fetchImpl as typeof fetch) };
}

const ME = () =>
  json(200, {
    user: USER,
    csrfToken: 'tok',
    session: { id: 1, createdAt: '', expiresAt: '', idleExpiresAt: '' },
  });

function show(path: string, client: AccountsClient) {
  render(
    <AuthProvider client={client}>
      <MemoryRouter initialEntries={[path]}>
        <Routes>
          <Route path="/enterprise/register" element={<EnterpriseRegisterPage />} />
          <Route path="/enterprise/:enterpriseId" element={<EnterprisePage />} />
          <Route path="/invitations" element={<InvitationsPage />} />
        </Routes>
      </MemoryRouter>
    </AuthProvider>,
  );
}

function invitation(id: number, state: Invitation['state'], enterpriseName: string): Invitation {
  return {
    id,
    enterpriseId: id * 10,
    enterpriseName,
    invitedBy: 'Ada Admin',
    channel: 'email',
    target: 'bob@example.com',
    state,
    createdAt: '2027-01-08T09:00:00Z',
    expiresAt: '2027-01-15T09:00:00Z',
    respondedAt: null,
  };
}

// Typing and rendering are slow on a busy machine.
const SLOW = 30_000;

describe('enterprise pages', () => {
  beforeEach(() => window.localStorage.setItem(SESSION_HINT_KEY, '1'));
  afterEach(() => window.localStorage.clear());

  it(
    'lets the invitee accept an invitation and says clearly when one has expired',
    async () => {
      const { calls, client } = serve({
        'GET /api/v1/me': ME,
        'GET /api/v1/invitations': () =>
          json(200, { invitations: [invitation(1, 'pending', 'Acme'), invitation(2, 'expired', 'Globex')] }),
        'POST /api/v1/invitations/1/accept': () =>
          json(200, { enterprise: { id: 10, name: 'Acme', role: 'member', status: 'active', joinedAt: '' } }),
      });
      show('/invitations', client);
      const list = await screen.findByRole('list', { name: 'Your invitations' });
      const [acme, globex] = within(list).getAllByRole('listitem');
      expect(globex?.textContent).toContain('This invitation expired on 15 January 2027');
      expect(globex?.textContent).toContain('Ask an administrator of Globex to invite you again');
      expect(within(globex!).queryByRole('button')).toBeNull();
      expect(acme?.textContent).toContain('Ada Admin invited you');
      await userEvent.setup().click(within(acme!).getByRole('button', { name: 'Accept invitation to Acme' }));
      expect(await screen.findByText(/You are now a member of Acme/)).toBeTruthy();
      expect(screen.getByRole('link', { name: 'Open the enterprise' }).getAttribute('href')).toBe('/enterprise/10');
      expect(calls.filter((c) => c.key === 'GET /api/v1/invitations')).toHaveLength(2);
    },
    SLOW,
  );

  it(
    'shows a member only the names of the other members and offers to ask for cancellation',
    async () => {
      const { calls, client } = serve({
        'GET /api/v1/me': ME,
        'GET /api/v1/enterprises/10': () => json(200, { id: 10, name: 'Acme', role: 'member', status: 'active' }),
        'GET /api/v1/enterprises/10/members': () =>
          json(200, {
            role: 'member',
            administrator: false,
            members: [
              { displayName: 'Ada Admin', avatarUrl: '/api/v1/enterprises/10/member-avatars/3?v=5' },
              { displayName: 'Bob', avatarUrl: null, you: true },
            ],
          }),
        'GET /api/v1/enterprises/10/cancellation-requests': () => json(200, { requests: [] }),
        'POST /api/v1/enterprises/10/cancellation-requests': () =>
          error(409, 'request_pending', 'you already have a request waiting for the administrators’ decision'),
      });
      show('/enterprise/10', client);
      const members = await screen.findByRole('list', { name: 'Members' });
      expect(
        within(members)
          .getAllByRole('listitem')
          .map((li) => li.textContent),
      ).toEqual(['Ada Admin', 'Bob (you)']);
      // Names and avatars (R-ACC-5): Ada's image, Bob's initial.
      const images = within(members).getAllByRole('presentation');
      expect(images.map((img) => img.getAttribute('src'))).toEqual(['/api/v1/enterprises/10/member-avatars/3?v=5']);
      expect(members.querySelector('[data-initial="B"]')).not.toBeNull();
      expect(screen.queryByRole('table')).toBeNull();
      expect(screen.queryByText('Invitations')).toBeNull();
      await userEvent.setup().click(screen.getByRole('button', { name: 'Ask to cancel my account' }));
      expect((await screen.findByRole('alert')).textContent).toBe(
        'You already have a request waiting for the administrators’ decision.',
      );
      expect(calls.some((c) => c.key === 'POST /api/v1/enterprises/10/cancellation-requests')).toBe(true);
    },
    SLOW,
  );

  it(
    'says that an enterprise of someone else is not found',
    async () => {
      const { client } = serve({
        'GET /api/v1/me': ME,
        'GET /api/v1/enterprises/99': () =>
          error(404, 'enterprise_not_found', 'no such enterprise among yours; check the link'),
      });
      show('/enterprise/99', client);
      await screen.findByRole('heading', { level: 1, name: 'Enterprise not found' });
      expect(screen.getByRole('alert').textContent).toContain('ask its administrator to invite you');
    },
    SLOW,
  );

  it(
    'checks the registration form before sending, then asks for the code and explains a wrong one',
    async () => {
      window.localStorage.clear();
      const { calls, client } = serve({
        'POST /api/v1/enterprises/registration-code': () =>
          json(202, {
            status: 'sent',
            message: 'a code is on its way to ada@acme.example. It is valid for 10 minutes.',
          }),
        'POST /api/v1/enterprises': () =>
          error(400, 'invalid_code', 'the code is wrong, expired or used up; ask for a new one'),
      });
      show('/enterprise/register', client);
      const user = userEvent.setup();
      await user.type(screen.getByLabelText('Company name'), 'Acme Widgets');
      await user.type(screen.getByLabelText('Your name'), 'Ada Admin');
      await user.type(screen.getByLabelText('Work email'), 'ada@');
      await user.type(screen.getByLabelText('Mobile number'), '020 7946 0958');
      await user.click(screen.getByRole('button', { name: 'Send code' }));
      expect(screen.getByText(/Enter a valid email address/)).toBeTruthy();
      expect(screen.getByText(/with its country code/)).toBeTruthy();
      expect(calls).toHaveLength(0);

      await user.clear(screen.getByLabelText('Work email'));
      await user.type(screen.getByLabelText('Work email'), 'ada@acme.example');
      await user.clear(screen.getByLabelText('Mobile number'));
      await user.type(screen.getByLabelText('Mobile number'), '+44 20 7946 0958');
      await user.click(screen.getByRole('button', { name: 'Send code' }));
      expect((await screen.findByRole('status')).textContent).toContain('a code is on its way');
      expect(calls[0]?.body).toEqual({
        companyName: 'Acme Widgets',
        creatorName: 'Ada Admin',
        mobile: '+442079460958',
        email: 'ada@acme.example',
        notes: '',
      });
      await user.type(screen.getByLabelText('Code'), '123456');
      await user.type(screen.getByLabelText('Year'), '1985');
      await user.selectOptions(screen.getByLabelText('Month'), 'June');
      await user.click(screen.getByRole('button', { name: 'Register enterprise' }));
      expect((await screen.findByRole('alert')).textContent).toBe(
        'The code is wrong, expired or used up; ask for a new one.',
      );
      expect(calls[1]?.body).toMatchObject({
        code: '123456',
        birthYear: 1985,
        birthMonth: 6,
        email: 'ada@acme.example',
      });
    },
    SLOW,
  );
});
