// The cookie banner (R-COOKIE-1). VideoPro sets only strictly necessary cookies
// (the session cookie; the CSRF token travels in a header) and works fully with
// them alone. The banner asks whether optional cookies may be used; the choice is
// kept in this browser's localStorage (no cookie needed) and, for a signed-in user,
// recorded in the consent ledger. It is an in-flow bar at the bottom of the page,
// so it never covers a form control; "Cookie choices" in the footer reopens it.
import { useCallback, useEffect, useState } from 'react';
import { useAuth } from '../accounts/auth';
import '../pages/account/account.css';
import './CookieBanner.css';

export const COOKIE_CHOICE_KEY = 'videopro.cookie-choice';
export const COOKIE_PURPOSE = 'non_essential_cookies';

export interface CookieChoice {
  optional: boolean;
  at: string;
  /** The account whose ledger has this choice, once recorded. */
  recordedFor?: number;
}

export function readCookieChoice(): CookieChoice | null {
  try {
    const text = window.localStorage.getItem(COOKIE_CHOICE_KEY);
    if (!text) return null;
    const value = JSON.parse(text) as Partial<CookieChoice>;
    return typeof value.optional === 'boolean' && typeof value.at === 'string' ? (value as CookieChoice) : null;
  } catch {
    return null;
  }
}

function writeCookieChoice(choice: CookieChoice): void {
  try {
    window.localStorage.setItem(COOKIE_CHOICE_KEY, JSON.stringify(choice));
  } catch {
    // storage unavailable: the banner asks again next time
  }
}

/** Opens the banner again from anywhere (the footer's "Cookie choices"). */
export const REOPEN_EVENT = 'videopro:cookie-choices';

export function CookieBanner() {
  const { state, client } = useAuth();
  const [choice, setChoice] = useState<CookieChoice | null>(() => readCookieChoice());
  const [open, setOpen] = useState(() => readCookieChoice() === null);
  const userId = state.status === 'signedIn' ? state.user.id : null;

  useEffect(() => {
    const reopen = () => setOpen(true);
    window.addEventListener(REOPEN_EVENT, reopen);
    return () => window.removeEventListener(REOPEN_EVENT, reopen);
  }, []);

  // A signed-in user's choice goes into his consent ledger (once per account).
  useEffect(() => {
    if (userId === null || choice === null || choice.recordedFor === userId) return;
    let live = true;
    client.recordConsent(COOKIE_PURPOSE, choice.optional, 'banner').then(
      () => {
        if (!live) return;
        const recorded = { ...choice, recordedFor: userId };
        writeCookieChoice(recorded);
        setChoice(recorded);
      },
      () => {
        // not recorded (e.g. no policy published yet): kept locally, tried again later
      },
    );
    return () => {
      live = false;
    };
  }, [client, userId, choice]);

  const decide = useCallback((optional: boolean) => {
    const next: CookieChoice = { optional, at: new Date().toISOString() };
    writeCookieChoice(next);
    setChoice(next);
    setOpen(false);
  }, []);

  if (!open) return null;
  return (
    <section className="cookie-banner" aria-label="Cookie choices">
      <div className="container cookie-banner__inner">
        <p>
          VideoPro needs one cookie to keep you signed in, and it works fully with that alone. Optional cookies are used
          only if you allow them; you can change your mind at any time under “Cookie choices” below.
        </p>
        <div className="cookie-banner__actions">
          <button type="button" className="button button--quiet" onClick={() => decide(false)}>
            Only necessary cookies
          </button>
          <button type="button" className="button" onClick={() => decide(true)}>
            Allow optional cookies
          </button>
        </div>
      </div>
    </section>
  );
}

export function CookieChoicesButton() {
  return (
    <button type="button" className="link-button" onClick={() => window.dispatchEvent(new Event(REOPEN_EVENT))}>
      Cookie choices
    </button>
  );
}
