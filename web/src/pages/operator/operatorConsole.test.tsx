import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { SESSION_HINT_KEY } from '../../accounts/auth';
import { AccountsClient } from '../../api/accounts';
import type { OperatorRequest } from '../../api/operator';
import { ProfileClient } from '../../api/profile';
import { PROFILE } from '../../test/profileFixtures';
import { fakeServer, json, ME, renderWith } from '../../test/fakeServer';
import { CategoryDeletionCard, ProfileExtrasConsentCard } from '../account/DataChoicesSection';
import { ProfileForm } from '../account/profile/ProfileForm';
import { OperatorConsolePage } from './OperatorConsolePage';

const REQUEST: OperatorRequest = {
  id: 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',
  kind: 'access',
  channel: 'email',
  details: 'What do you keep about me?',
  identityVerified: true,
  status: 'in_progress',
  receivedAt: '2026-01-02T00:00:00Z',
  dueAt: '2026-01-23T23:59:59Z',
  answer: null,
  answeredAt: null,
  history: [{ at: '2026-01-02T00:00:00Z', status: 'received', actor: 'operator:user:1', note: 'via email' }],
  category: null,
  ground: null,
  userId: 7,
  requesterContact: 'ann@example.com',
  overdue: true,
};
const LATER: OperatorRequest = {
  ...REQUEST,
  id: 'bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb',
  kind: 'explanation',
  overdue: false,
  dueAt: '2026-03-01T23:59:59Z',
};
const OUTBOX = { 'GET /api/v1/operator/outbox?limit=50': () => json(200, { transport: 'dev', messages: [] }) };

describe('operator console', () => {
  beforeEach(() => {
    window.localStorage.setItem(SESSION_HINT_KEY, '1');
  });

  it('flags overdue requests in red at the top and refuses only with reasons', async () => {
    const { calls, client } = fakeServer({
      'GET /api/v1/me': () => json(200, ME),
      ...OUTBOX,
      'GET /api/v1/operator/privacy/requests': () => json(200, { open: [REQUEST, LATER], closed: [], overdue: 1 }),
      [`POST /api/v1/operator/privacy/requests/${REQUEST.id}/refuse`]: [
        () => json(400, { error: { code: 'reason_required', message: 'a refusal needs a reasoned answer' } }),
        (body) => json(200, { ...REQUEST, status: 'refused', answer: (body as { reason: string }).reason }),
      ],
    });
    renderWith(client, <OperatorConsolePage />, '/operator');
    const open = await screen.findByRole('list', { name: 'Open requests' });
    const items = within(open).getAllByRole('listitem', { name: /^Request / });
    expect(items[0]?.className).toContain('operator-request--overdue');
    expect(within(items[0]!).getByText(/OVERDUE/)).toBeTruthy();
    expect(items[1]?.className).not.toContain('operator-request--overdue');
    expect(items[0]?.textContent).toContain('due 2026-01-23');
    expect(screen.getByText(/1 overdue/)).toBeTruthy();

    const first = within(items[0]!);
    await userEvent.click(first.getByRole('button', { name: 'Refuse' }));
    expect((await first.findByRole('alert')).textContent).toContain('Give the reasons for the refusal');
    await userEvent.type(first.getByLabelText('Reasons for a refusal'), 'We hold nothing more.');
    await userEvent.click(first.getByRole('button', { name: 'Refuse' }));
    const refusals = calls.filter((c) => c.key.endsWith('/refuse'));
    expect(refusals).toHaveLength(2);
    expect(refusals[1]?.body).toEqual({ reason: 'We hold nothing more.' });
    expect(refusals[1]?.csrf).toBe('tok');
  });

  it('enters a cancellation received by email for an account', async () => {
    const { calls, client } = fakeServer({
      'GET /api/v1/me': () => json(200, ME),
      ...OUTBOX,
      'GET /api/v1/operator/privacy/requests': () => json(200, { open: [], closed: [], overdue: 0 }),
      'POST /api/v1/operator/privacy/requests': () => json(201, { ...REQUEST, kind: 'cancellation' }),
    });
    renderWith(client, <OperatorConsolePage />, '/operator');
    await userEvent.click(await screen.findByRole('button', { name: 'Enter a request' }));
    await userEvent.type(screen.getByLabelText(/^Account/), 'cid@example.com');
    await userEvent.type(screen.getByLabelText(/^Answer to/), 'cid@example.com');
    await userEvent.type(screen.getByLabelText(/What is asked/), 'Cancel my account, number 12.');
    await userEvent.click(screen.getByRole('button', { name: 'Enter request' }));
    expect(await screen.findByText(/Request entered; due 2026-01-23/)).toBeTruthy();
    expect(calls.find((c) => c.key === 'POST /api/v1/operator/privacy/requests')?.body).toEqual({
      kind: 'cancellation',
      account: 'cid@example.com',
      requesterContact: 'cid@example.com',
      details: 'Cancel my account, number 12.',
      identityVerified: false,
    });
  });

  it('publishes a policy version and keeps the recipients register', async () => {
    const { calls, client } = fakeServer({
      'GET /api/v1/me': () => json(200, ME),
      ...OUTBOX,
      'GET /api/v1/operator/privacy/requests': () => json(200, { open: [], closed: [], overdue: 0 }),
      'POST /api/v1/operator/policy': () => json(201, { version: 3 }),
    });
    renderWith(client, <OperatorConsolePage />, '/operator');
    await userEvent.click(await screen.findByRole('button', { name: 'Policy' }));
    await userEvent.type(screen.getByLabelText('Text'), '# Policy 3');
    await userEvent.type(screen.getByLabelText('Effective date'), '2030-01-01');
    await userEvent.click(screen.getByLabelText(/Material change/));
    await userEvent.click(screen.getByRole('button', { name: 'Publish' }));
    expect(await screen.findByText('Published version 3.')).toBeTruthy();
    expect(calls.find((c) => c.key === 'POST /api/v1/operator/policy')?.body).toEqual({
      text: '# Policy 3',
      effectiveAt: '2030-01-01',
      material: true,
    });
  });

  it('tells a non-operator that the console is not for him', async () => {
    const { client } = fakeServer({
      'GET /api/v1/me': () => json(200, ME),
      'GET /api/v1/operator/outbox?limit=50': () => json(403, { error: { code: 'forbidden', message: 'no' } }),
    });
    renderWith(client, <OperatorConsolePage />, '/operator');
    expect((await screen.findByRole('alert')).textContent).toContain('for operators of the service only');
    expect(screen.queryByRole('button', { name: 'Privacy requests' })).toBeNull();
  });
});

describe('Security Center data choices', () => {
  beforeEach(() => {
    window.localStorage.setItem(SESSION_HINT_KEY, '1');
  });

  it('deletes one category at once on a ground that allows it', async () => {
    const { calls, client } = fakeServer({
      'GET /api/v1/me': () => json(200, ME),
      'POST /api/v1/privacy/deletions': () =>
        json(201, { ...REQUEST, kind: 'deletion', status: 'answered', carriedOut: true, rowsDeleted: 1 }),
    });
    renderWith(client, <CategoryDeletionCard />);
    await userEvent.click(await screen.findByRole('button', { name: 'Delete this data' }));
    expect((await screen.findByRole('alert')).textContent).toContain('Say in a few words why');
    expect(calls.some((c) => c.key === 'POST /api/v1/privacy/deletions')).toBe(false);
    await userEvent.selectOptions(screen.getByLabelText('Data to delete'), 'avatar');
    await userEvent.selectOptions(screen.getByLabelText('Ground'), 'consent_withdrawn');
    await userEvent.type(screen.getByLabelText('Why'), 'I do not want a picture');
    await userEvent.click(screen.getByRole('button', { name: 'Delete this data' }));
    expect(await screen.findByText('Deleted: Avatar picture.')).toBeTruthy();
    expect(calls.find((c) => c.key === 'POST /api/v1/privacy/deletions')?.body).toEqual({
      category: 'avatar',
      ground: 'consent_withdrawn',
      reason: 'I do not want a picture',
    });
  });

  it('withdraws the profile extras consent, which erases the details', async () => {
    const granted = { purpose: 'profile_extras', granted: true, recordedAt: '2026-01-01T00:00:00Z' };
    const { calls, client } = fakeServer({
      'GET /api/v1/me': () => json(200, ME),
      'GET /api/v1/consents': () => json(200, { acceptanceRequired: null, current: { profile_extras: granted } }),
      'POST /api/v1/consents': () => json(201, { ...granted, granted: false }),
    });
    renderWith(client, <ProfileExtrasConsentCard />);
    await userEvent.click(await screen.findByRole('button', { name: /Withdraw consent/ }));
    expect(await screen.findByText(/your profile details were erased/)).toBeTruthy();
    expect(calls.find((c) => c.key === 'POST /api/v1/consents')?.body).toEqual({
      purpose: 'profile_extras',
      granted: false,
      method: 'button',
    });
  });
});

describe('profile extras consent on the profile form', () => {
  it('asks for the consent in a clear sentence before storing a detail beyond the name', async () => {
    const sent: unknown[] = [];
    const fetchImpl = vi.fn(async (_input: RequestInfo | URL, init?: RequestInit) => {
      sent.push(JSON.parse(String(init?.body)));
      return json(200, { user: ME.user, profile: { ...PROFILE, department: 'Sales' } });
    });
    const client = new ProfileClient(new AccountsClient(), fetchImpl as typeof fetch);
    const grant = vi.fn(async () => {});
    render(
      <ProfileForm
        client={client}
        profile={{ ...PROFILE, position: null, company: null }}
        onSaved={() => {}}
        extras={{ granted: false, grant }}
      />,
    );
    expect(screen.queryByText(/I agree that VideoPro stores/)).toBeNull();
    await userEvent.type(screen.getByLabelText('Department'), 'Sales');
    expect(screen.getByText(/I agree that VideoPro stores/)).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Save changes' }));
    expect((await screen.findByRole('alert')).textContent).toContain('tick the consent box');
    expect(fetchImpl).not.toHaveBeenCalled();
    await userEvent.click(screen.getByRole('checkbox'));
    await userEvent.click(screen.getByRole('button', { name: 'Save changes' }));
    expect(await screen.findByText('Profile saved.')).toBeTruthy();
    expect(grant).toHaveBeenCalledTimes(1);
    expect(sent).toEqual([{ department: 'Sales' }]);
  });
});
