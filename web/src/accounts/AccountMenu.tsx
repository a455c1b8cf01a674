import { useState } from 'react';
import { Link } from 'react-router';
import { nameOf, useAuth } from './auth';
import { errorText } from './ui';

/** Sign in / Create account, or the signed-in user's name with Profile, the Security Center and Sign out. */
export function AccountMenu() {
  const { state, signOut } = useAuth();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  if (state.status === 'checking') {
    return (
      <nav className="account-menu" aria-label="Account">
        <span className="account-menu__note">Checking your session…</span>
      </nav>
    );
  }
  if (state.status === 'signedOut') {
    return (
      <nav className="account-menu" aria-label="Account">
        <Link to="/signin" className="nav-link">
          Sign in
        </Link>
        <Link to="/signup" className="button-link button-link--small">
          Create account
        </Link>
      </nav>
    );
  }
  return (
    <nav className="account-menu" aria-label="Account">
      <span className="account-menu__who">
        Signed in as <strong>{nameOf(state.user)}</strong>
      </span>
      <Link to="/settings/profile" className="nav-link">
        Profile
      </Link>
      <Link to="/settings/security" className="nav-link">
        Security Center
      </Link>
      <Link to="/enterprise" className="nav-link">
        Enterprises
      </Link>
      <button
        type="button"
        className="button button--quiet"
        disabled={busy}
        onClick={() => {
          setBusy(true);
          void signOut().then((error) => {
            setBusy(false);
            setFailure(error);
          });
        }}
      >
        {busy ? 'Signing out…' : 'Sign out'}
      </button>
      {failure !== null && (
        <span className="form-error" role="alert">
          {errorText(failure)}
        </span>
      )}
    </nav>
  );
}
