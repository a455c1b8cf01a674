import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { Session } from '../api/accounts';
import { formatLastUsed, SessionList } from './SessionList';

const NOW = new Date('2026-11-29T12:00:00Z');

function session(id: number, device: string, lastUsedAt: string, current = false): Session {
  return {
    id,
    device,
    ip: `192.0.2.${id}`,
    createdAt: '2026-11-29T08:00:00Z',
    lastUsedAt,
    expiresAt: '2026-11-29T20:00:00Z',
    current,
  };
}

describe('SessionList', () => {
  const sessions = [
    session(1, 'Chrome on Linux', '2026-11-29T11:59:40Z', true),
    session(2, 'Firefox on Windows', '2026-11-29T11:55:00Z'),
    session(3, '', '2026-11-29T11:00:00Z'),
  ];

  it('shows every session with its device and last use, the current one marked "This device"', () => {
    render(<SessionList sessions={sessions} onSignOut={() => {}} now={NOW} />);
    const items = within(screen.getByRole('list', { name: 'Signed-in devices' })).getAllByRole('listitem');
    expect(items).toHaveLength(3);
    expect(items[0]?.textContent).toContain('Chrome on Linux');
    expect(within(items[0]!).getByText('This device')).toBeTruthy();
    expect(items[0]?.textContent).toContain('Last used just now');
    expect(items[1]?.textContent).toContain('Last used 5 minutes ago');
    expect(items[1]?.textContent).toContain('192.0.2.2');
    expect(within(items[1]!).queryByText('This device')).toBeNull();
    expect(items[2]?.textContent).toContain('Unknown browser');
  });

  it('offers "Sign out" for the other sessions only and reports which one was chosen', async () => {
    const onSignOut = vi.fn();
    render(<SessionList sessions={sessions} onSignOut={onSignOut} now={NOW} />);
    const buttons = screen.getAllByRole('button', { name: /^Sign out/ });
    expect(buttons).toHaveLength(2);
    await userEvent.setup().click(screen.getByRole('button', { name: /Sign out Firefox on Windows/ }));
    expect(onSignOut).toHaveBeenCalledWith(sessions[1]);
  });

  it('shows progress on the session being signed out', () => {
    render(<SessionList sessions={sessions} busyId={2} onSignOut={() => {}} now={NOW} />);
    const busy = screen.getByRole('button', { name: /Sign out Firefox/ }) as HTMLButtonElement;
    expect(busy.disabled).toBe(true);
    expect(busy.textContent).toBe('Signing out…');
  });

  it('formats the last use relative to now, then as a date', () => {
    expect(formatLastUsed('2026-11-29T11:59:01Z', NOW)).toBe('just now');
    expect(formatLastUsed('2026-11-29T11:59:00Z', NOW)).toBe('1 minute ago');
    expect(formatLastUsed('2026-11-29T10:00:00Z', NOW)).toMatch(/2026/);
    expect(formatLastUsed('not a date', NOW)).toBe('unknown');
  });
});
