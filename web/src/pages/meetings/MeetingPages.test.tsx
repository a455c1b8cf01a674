import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter, Route, Routes, useParams } from 'react-router';
import { describe, expect, it } from 'vitest';
import { JoinByIdPage } from './JoinByIdPage';
import { MyMeetingsPage } from './MyMeetingsPage';

function Landed() {
  return <p>meeting {useParams().meetingId}</p>;
}

describe('meetings pages', () => {
  it('joins by a typed ID, and says what a meeting ID looks like when it is wrong', async () => {
    const user = userEvent.setup();
    render(
      <MemoryRouter initialEntries={['/join']}>
        <Routes>
          <Route path="/join" element={<JoinByIdPage />} />
          <Route path="/m/:meetingId" element={<Landed />} />
        </Routes>
      </MemoryRouter>,
    );
    await user.type(screen.getByLabelText('Meeting ID or link'), '12 34');
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    expect(screen.getByText(/A meeting ID has 9 to 11 digits/)).toBeTruthy();
    await user.clear(screen.getByLabelText('Meeting ID or link'));
    await user.type(screen.getByLabelText('Meeting ID or link'), '123 456 7890');
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    expect(await screen.findByText('meeting 1234567890')).toBeTruthy();
  });

  it('asks a visitor who is not signed in to sign in to see his meetings', () => {
    render(
      <MemoryRouter initialEntries={['/meetings']}>
        <MyMeetingsPage />
      </MemoryRouter>,
    );
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Sign in first');
    expect(screen.getByRole('link', { name: 'Sign in' }).getAttribute('href')).toBe('/signin?next=%2Fmeetings');
  });
});
