// Pieces shared by the meetings pages: the client, time formatting, the copy-link
// button, the "sign in first" notice.
import { useMemo, useState } from 'react';
import { Link, useLocation } from 'react-router';
import { MeetingsClient, joinLink } from '../../api/meetings';
import { useAuth } from '../../accounts/auth';

export function useMeetingsClient(): MeetingsClient {
  const { client } = useAuth();
  return useMemo(() => new MeetingsClient(client), [client]);
}

/** "Sat 5 Dec 2026, 19:30" in the browser's language and time zone. */
export function formatTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const t = new Date(iso);
  if (Number.isNaN(t.getTime())) return '—';
  return t.toLocaleString(undefined, {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  });
}

/** Copies the meeting's join link, saying whether it worked; shows the link if the clipboard is unavailable. */
export function CopyLinkButton({ meetingId }: { meetingId: string }) {
  const link = joinLink(window.location.origin, meetingId);
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(link);
      setState('copied');
    } catch {
      setState('failed');
    }
  };
  return (
    <span className="copy-link">
      <button type="button" className="button button--quiet" onClick={() => void copy()}>
        Copy join link
      </button>
      <span role="status" className="copy-link__status">
        {state === 'copied' && 'Link copied.'}
        {state === 'failed' && (
          <>
            Copy this link yourself: <code data-testid="join-link">{link}</code>
          </>
        )}
      </span>
    </span>
  );
}

/** Shown instead of a page that needs a signed-in user. */
export function SignInFirst({ what }: { what: string }) {
  const { pathname } = useLocation();
  return (
    <section className="container meetings-page">
      <h1>Sign in first</h1>
      <p>
        You need to be signed in to {what}. <Link to={`/signin?next=${encodeURIComponent(pathname)}`}>Sign in</Link> or{' '}
        <Link to="/signup">create an account</Link>.
      </p>
    </section>
  );
}
