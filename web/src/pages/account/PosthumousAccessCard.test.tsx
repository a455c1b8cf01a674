import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { SESSION_HINT_KEY } from '../../accounts/auth';
import { fakeServer, json, ME, renderWith } from '../../test/fakeServer';
import { EnterRequestSection } from '../operator/EnterRequestSection';
import { OperatorClient } from '../../api/operator';
import { PosthumousAccessCard, POSTHUMOUS_ACCESS_TEXT } from './PosthumousAccessCard';

const RECORD = { purpose: 'posthumous_access', recordedAt: '2026-01-01T00:00:00Z' };

describe('after my death (R-PRIV-6)', () => {
  beforeEach(() => {
    window.localStorage.setItem(SESSION_HINT_KEY, '1');
  });

  it('lets relatives act by default; the user arranges otherwise, then allows them again', async () => {
    const { calls, client } = fakeServer({
      'GET /api/v1/me': () => json(200, ME),
      'GET /api/v1/consents': () => json(200, { acceptanceRequired: null, current: { posthumous_access: null } }),
      'POST /api/v1/consents': [
        () => json(201, { ...RECORD, granted: false }),
        () => json(201, { ...RECORD, granted: true }),
      ],
    });
    renderWith(client, <PosthumousAccessCard />);
    expect(screen.getByText(POSTHUMOUS_ACCESS_TEXT)).toBeTruthy();
    expect(await screen.findByText('Your close relatives may make these requests.')).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'My relatives may not' }));
    expect(await screen.findByText(/Recorded: your close relatives may not/)).toBeTruthy();
    expect(screen.getByText(/You decided that your close relatives may not/)).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Allow my relatives again' }));
    expect(await screen.findByText(/Recorded: your close relatives may exercise/)).toBeTruthy();
    const posted = calls.filter((c) => c.key === 'POST /api/v1/consents').map((c) => c.body);
    expect(posted).toEqual([
      { purpose: 'posthumous_access', granted: false, method: 'button' },
      { purpose: 'posthumous_access', granted: true, method: 'button' },
    ]);
  });

  it('shows a withdrawal already recorded', async () => {
    const { client } = fakeServer({
      'GET /api/v1/me': () => json(200, ME),
      'GET /api/v1/consents': () =>
        json(200, { acceptanceRequired: null, current: { posthumous_access: { ...RECORD, granted: false } } }),
    });
    renderWith(client, <PosthumousAccessCard />);
    expect(await screen.findByRole('button', { name: 'Allow my relatives again' })).toBeTruthy();
  });

  it("enters a relative's request with the relationship and the proof of it", async () => {
    const { calls, client } = fakeServer({
      'GET /api/v1/me': () => json(200, ME),
      'POST /api/v1/operator/privacy/requests': () =>
        json(201, { id: 'a'.repeat(32), kind: 'deceased_relative', dueAt: '2026-01-23T23:59:59Z' }),
    });
    renderWith(client, <EnterRequestSection client={new OperatorClient(client)} onEntered={() => {}} />);
    await userEvent.selectOptions(screen.getByLabelText('Kind'), 'deceased_relative');
    await userEvent.type(screen.getByLabelText(/^Account/), 'gus@example.com');
    await userEvent.type(screen.getByLabelText(/^Answer to/), 'son@example.org');
    await userEvent.type(screen.getByLabelText('Relationship to the deceased'), 'son');
    await userEvent.type(screen.getByLabelText(/^Proof of relationship/), 'Birth certificate no. 42');
    await userEvent.type(screen.getByLabelText(/What is asked/), 'A copy of his data.');
    await userEvent.click(screen.getByRole('button', { name: 'Enter request' }));
    expect(await screen.findByText(/Request entered; due 2026-01-23/)).toBeTruthy();
    expect(calls.find((c) => c.key === 'POST /api/v1/operator/privacy/requests')?.body).toEqual({
      kind: 'deceased_relative',
      account: 'gus@example.com',
      requesterContact: 'son@example.org',
      details: 'A copy of his data.',
      identityVerified: false,
      relationship: 'son',
      proofOfRelationship: 'Birth certificate no. 42',
    });
  });
});
