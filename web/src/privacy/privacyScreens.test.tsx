import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { SESSION_HINT_KEY } from '../accounts/auth';
import { PrivacyPolicyPage } from '../pages/PrivacyPolicyPage';
import {
  AccountCancellationCard,
  CANCELLATION_WARNING,
  DataExportCard,
  PrivacyRequestsCard,
} from '../pages/account/PrivacySection';
import { PolicyGate } from './PolicyGate';
import { fakeServer, json, ME, renderWith } from '../test/fakeServer';

const EXPORT = {
  id: '0123456789abcdef0123456789abcdef',
  createdAt: '2026-01-02T00:00:00Z',
  finishedAt: null,
  expiresAt: null,
  error: null,
  bytes: 0,
  downloadUrl: null,
};

// Generous timeouts: the export card polls once a second, and CI machines are shared.
describe('privacy screens', { timeout: 30_000 }, () => {
  beforeEach(() => {
    window.localStorage.setItem(SESSION_HINT_KEY, '1');
  });

  it('prepares "Download my data" with progress, then offers the owner-only link', async () => {
    const { calls, client } = fakeServer({
      'GET /api/v1/me': () => json(200, ME),
      'GET /api/v1/privacy/exports': () => json(200, { exports: [] }),
      'POST /api/v1/privacy/exports': () => json(202, { ...EXPORT, status: 'queued', progress: 0 }),
      [`GET /api/v1/privacy/exports/${EXPORT.id}`]: [
        () => json(200, { ...EXPORT, status: 'running', progress: 40 }),
        () =>
          json(200, {
            ...EXPORT,
            status: 'ready',
            progress: 100,
            bytes: 4096,
            expiresAt: '2026-01-07T00:00:00Z',
            downloadUrl: `/api/v1/privacy/exports/${EXPORT.id}/archive`,
          }),
      ],
    });
    renderWith(client, <DataExportCard />);
    await screen.findByRole('button', { name: 'Download my data' });
    await userEvent.click(screen.getByRole('button', { name: 'Download my data' }));
    expect(await screen.findByText(/Preparing your archive… 40%/, {}, { timeout: 5000 })).toBeTruthy();
    const link = await screen.findByRole('link', { name: 'Download the archive' }, { timeout: 8000 });
    expect(link.getAttribute('href')).toBe(`/api/v1/privacy/exports/${EXPORT.id}/archive`);
    expect(screen.getByText(/available until 2026-01-07/)).toBeTruthy();
    expect(calls.find((c) => c.key === 'POST /api/v1/privacy/exports')?.csrf).toBe('tok');
  });

  it('shows the server refusal when an export is already being prepared', async () => {
    const { client } = fakeServer({
      'GET /api/v1/me': () => json(200, ME),
      'GET /api/v1/privacy/exports': () => json(200, { exports: [] }),
      'POST /api/v1/privacy/exports': () =>
        json(409, {
          error: { code: 'export_in_progress', message: 'an export of your data is already being prepared' },
        }),
    });
    renderWith(client, <DataExportCard />);
    await userEvent.click(await screen.findByRole('button', { name: 'Download my data' }));
    expect((await screen.findByRole('alert')).textContent).toBe('An export of your data is already being prepared.');
  });

  it('cancels the account only after the exact warning and a re-verification code', async () => {
    const signedIn = [() => json(200, ME), () => json(401, { error: { code: 'unauthenticated', message: 'sign in' } })];
    const { calls, client } = fakeServer({
      'GET /api/v1/me': signedIn,
      'POST /api/v1/privacy/cancellation/code': () => json(202, { sent: true }),
      'POST /api/v1/privacy/cancellation': (body) =>
        (body as { code: string }).code === '123456'
          ? json(200, { cancelled: true })
          : json(403, { error: { code: 'reauthentication_failed', message: 'wrong code' } }),
    });
    renderWith(client, <AccountCancellationCard />);
    await userEvent.click(await screen.findByRole('button', { name: 'Cancel my account' }));
    const dialog = screen.getByRole('alertdialog');
    expect(dialog.textContent).toContain(CANCELLATION_WARNING);
    expect(CANCELLATION_WARNING).toBe(
      'Account cannot be restored after cancellation. Are you sure you want to cancel this account?',
    );
    expect(calls.some((c) => c.key.startsWith('POST'))).toBe(false);

    await userEvent.click(screen.getByRole('button', { name: 'Yes, cancel this account' }));
    const code = await screen.findByLabelText('Code');
    await userEvent.type(code, '12');
    await userEvent.click(screen.getByRole('button', { name: 'Cancel my account now' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Enter the 6-digit code we sent you.');
    await userEvent.clear(code);
    await userEvent.type(code, '654321');
    await userEvent.click(screen.getByRole('button', { name: 'Cancel my account now' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/code is not right/);
    await userEvent.clear(code);
    await userEvent.type(code, '123456');
    await userEvent.click(screen.getByRole('button', { name: 'Cancel my account now' }));
    expect(await screen.findByText('Landing')).toBeTruthy();
    expect(calls.filter((c) => c.key === 'POST /api/v1/privacy/cancellation').at(-1)?.body).toEqual({
      code: '123456',
      confirm: true,
    });
  });

  it('files a request about my data and shows when the answer is due', async () => {
    const filed = {
      id: 'ab'.repeat(16),
      kind: 'copy',
      channel: 'web',
      details: 'All of it, please.',
      identityVerified: true,
      status: 'received',
      receivedAt: '2026-03-02T10:00:00Z',
      dueAt: '2026-03-24T00:00:00Z',
      answer: null,
      answeredAt: null,
      history: [],
    };
    const { calls, client } = fakeServer({
      'GET /api/v1/me': () => json(200, ME),
      'GET /api/v1/privacy/requests': [() => json(200, { requests: [] }), () => json(200, { requests: [filed] })],
      'POST /api/v1/privacy/requests': () => json(201, filed),
    });
    renderWith(client, <PrivacyRequestsCard />);
    await userEvent.click(await screen.findByRole('button', { name: 'Send request' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Say what you would like us to do.');
    await userEvent.selectOptions(screen.getByLabelText('What you ask'), 'copy');
    await userEvent.type(screen.getByLabelText('Details'), 'All of it, please.');
    await userEvent.click(screen.getByRole('button', { name: 'Send request' }));
    const list = await screen.findByRole('list', { name: 'Your requests' });
    expect(list.textContent).toContain('answer due by 2026-03-24');
    expect(calls.find((c) => c.key === 'POST /api/v1/privacy/requests')?.body).toEqual({
      kind: 'copy',
      details: 'All of it, please.',
    });
  });

  it('blocks the pages until the new policy version is accepted', async () => {
    const { calls, client } = fakeServer({
      'GET /api/v1/me': () => json(200, ME),
      'GET /api/v1/consents': [
        () => json(200, { acceptanceRequired: 2 }),
        () => json(200, { acceptanceRequired: null }),
      ],
      'GET /api/v1/policy': () =>
        json(200, {
          version: 2,
          effectiveAt: '2026-02-01T00:00:00Z',
          material: true,
          publishedAt: '2026-01-20T00:00:00Z',
          text: '# New policy\n\nWe now keep logs for 200 days.',
        }),
      'POST /api/v1/consents': () => json(201, {}),
    });
    renderWith(client, <PolicyGate>{<p>Meetings page</p>}</PolicyGate>);
    expect(await screen.findByRole('heading', { name: 'Our privacy policy has changed' })).toBeTruthy();
    expect(await screen.findByText('We now keep logs for 200 days.')).toBeTruthy();
    expect(screen.queryByText('Meetings page')).toBeNull();
    await userEvent.click(screen.getByRole('button', { name: 'Accept version 2 and continue' }));
    expect(await screen.findByText('Meetings page')).toBeTruthy();
    expect(calls.find((c) => c.key === 'POST /api/v1/consents')?.body).toEqual({
      purpose: 'policy_acceptance',
      granted: true,
    });
  });

  it('shows the operator’s published policy and its history on /privacy', async () => {
    window.localStorage.removeItem(SESSION_HINT_KEY);
    const { client } = fakeServer({
      'GET /api/v1/policy': () =>
        json(200, {
          version: 3,
          effectiveAt: '2026-03-01T00:00:00Z',
          material: false,
          publishedAt: '2026-02-20T00:00:00Z',
          text: '# Operator policy\n\nWe keep meeting data while your account exists.',
        }),
      'GET /api/v1/policy/versions': () =>
        json(200, {
          versions: [
            { version: 1, effectiveAt: '2026-01-01T00:00:00Z', material: false, publishedAt: '', inForce: false },
            { version: 3, effectiveAt: '2026-03-01T00:00:00Z', material: false, publishedAt: '', inForce: true },
          ],
        }),
    });
    renderWith(client, <PrivacyPolicyPage />, '/privacy');
    expect(await screen.findByRole('heading', { level: 1, name: 'Operator policy' })).toBeTruthy();
    expect(screen.getByText('Version 3, effective 2026-03-01')).toBeTruthy();
    expect(await screen.findByText(/Version 3, effective 2026-03-01 — in force/)).toBeTruthy();
  });

  it('keeps the default policy when the operator has published none', async () => {
    window.localStorage.removeItem(SESSION_HINT_KEY);
    const { calls, client } = fakeServer({
      'GET /api/v1/policy/versions': () => json(200, { versions: [] }),
    });
    renderWith(client, <PrivacyPolicyPage />, '/privacy');
    expect(await screen.findByText('Default policy, version 1 (effective on installation)')).toBeTruthy();
    await new Promise((r) => setTimeout(r, 50));
    expect(calls.map((c) => c.key)).toEqual(['GET /api/v1/policy/versions']);
  });
});
