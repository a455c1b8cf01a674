import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Incident, RecipientRegister } from '../../api/privacyRegisters';
import { IncidentsPage } from './IncidentsPage';
import { RecipientsSection } from './RecipientsSection';

const register: RecipientRegister = {
  storageRegion: 'eu-central (Frankfurt)',
  recipients: [
    {
      id: 1,
      name: 'Example SMS Ltd',
      contact: 'privacy@sms.example',
      purpose: 'deliver sign-in codes',
      categories: ['account identifier', 'contact data'],
      legalBasis: 'contract',
      addedAt: '2026-03-01T00:00:00Z',
    },
  ],
};

const incident: Incident = {
  id: 7,
  summary: 'A copy of the sessions table was readable.',
  categories: ['session data'],
  startedAt: '2026-03-01T00:00:00Z',
  endedAt: '2026-03-02T06:30:00Z',
  measures: 'Every session was ended.',
  advice: 'Sign in again.',
  recordedAt: '2026-03-03T00:00:00Z',
  notified: 3,
};

describe('RecipientsSection', () => {
  it('shows the storage region and every recipient', async () => {
    render(<RecipientsSection load={async () => register} />);
    expect(await screen.findByText('eu-central (Frankfurt)')).toBeTruthy();
    expect(screen.getByText('Example SMS Ltd')).toBeTruthy();
    expect(screen.getByText('account identifier, contact data')).toBeTruthy();
  });

  it('says when nothing is shared', async () => {
    render(<RecipientsSection load={async () => ({ storageRegion: 'local', recipients: [] })} />);
    expect(await screen.findByText(/not shared|No personal information is shared/)).toBeTruthy();
  });

  it('says when the register cannot be loaded', async () => {
    render(<RecipientsSection load={() => Promise.reject(new Error('down'))} />);
    expect((await screen.findByRole('alert')).textContent).toMatch(/could not be loaded/);
  });
});

describe('IncidentsPage', () => {
  it('announces each published incident with its window, measures and advice', async () => {
    render(<IncidentsPage load={async () => [incident]} />);
    const article = await screen.findByRole('article', { name: 'Incident 7' });
    expect(article.textContent).toContain('2026-03-01 00:00 UTC to 2026-03-02 06:30 UTC');
    expect(article.textContent).toContain('session data');
    expect(article.textContent).toContain('Every session was ended.');
    expect(article.textContent).toContain('Sign in again.');
  });

  it('says when there is no incident', async () => {
    render(<IncidentsPage load={async () => []} />);
    expect(await screen.findByText('No security incident has been announced.')).toBeTruthy();
  });
});

describe('fetchRecipientRegister', () => {
  it('refuses an answer without the register', async () => {
    const { fetchRecipientRegister } = await import('../../api/privacyRegisters');
    const fake = (async () => new Response('{"status":"ok"}')) as typeof fetch;
    await expect(fetchRecipientRegister(fake)).rejects.toThrow(/unexpected answer/);
  });
});
