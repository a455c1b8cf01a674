import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import type { Session } from '../../api/accounts';
import { nameOf, useAuth } from '../../accounts/auth';
import { SessionList } from '../../accounts/SessionList';
import { errorText, Field, FormError, SubmitButton } from '../../accounts/ui';
import { checkNewPassword, PASSWORD_RULE } from '../../accounts/validation';
import { CategoryDeletionCard, ProfileExtrasConsentCard } from './DataChoicesSection';
import { PosthumousAccessCard } from './PosthumousAccessCard';
import { AccountCancellationCard, DataExportCard, PrivacyRequestsCard } from './PrivacySection';
import './account.css';

/** Security Center: sessions, sign out one or all others, change the password, sign out. */
export function SecurityCenterPage() {
  const { state } = useAuth();
  if (state.status === 'checking') {
    return (
      <section className="container account-page" aria-labelledby="security-title">
        <title>Security Center — VideoPro</title>
        <h1 id="security-title">Security Center</h1>
        <p role="status">Checking your session…</p>
      </section>
    );
  }
  if (state.status === 'signedOut') {
    return (
      <section className="container account-page" aria-labelledby="security-title">
        <title>Signed out — VideoPro</title>
        <h1 id="security-title">You are signed out</h1>
        <p role="status">
          {state.ended
            ? 'Your session has ended: it was signed out, perhaps from another device, or it expired.'
            : 'Sign in to see your devices and change your password.'}
        </p>
        <p>
          <Link to="/signin?next=/settings/security" className="button-link">
            Sign in
          </Link>
        </p>
      </section>
    );
  }
  return <SignedInSecurityCenter />;
}

function SignedInSecurityCenter() {
  const { state, client, signOut } = useAuth();
  const navigate = useNavigate();
  const [sessions, setSessions] = useState<Session[] | null>(null);
  const [listFailure, setListFailure] = useState<unknown>(null);
  const [loading, setLoading] = useState(false);
  const [busyId, setBusyId] = useState<number | null>(null);
  const [revokingAll, setRevokingAll] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [signOutFailure, setSignOutFailure] = useState<unknown>(null);
  const [signingOut, setSigningOut] = useState(false);

  const load = useCallback(async () => {
    setLoading(true);
    try {
      setSessions(await client.sessions());
      setListFailure(null);
    } catch (e) {
      setListFailure(e);
    } finally {
      setLoading(false);
    }
  }, [client]);

  useEffect(() => {
    void load();
  }, [load]);

  if (state.status !== 'signedIn') return null;
  const user = state.user;
  const others = sessions?.filter((s) => !s.current).length ?? 0;

  async function signOutOne(session: Session) {
    setBusyId(session.id);
    setNotice(null);
    try {
      await client.revokeSession(session.id);
      await load();
      setNotice(`${session.device || 'The device'} is signed out.`);
    } catch (e) {
      setListFailure(e);
    } finally {
      setBusyId(null);
    }
  }

  async function signOutOthers() {
    setRevokingAll(true);
    setNotice(null);
    try {
      const ended = await client.revokeOtherSessions();
      await load();
      setNotice(ended === 1 ? '1 other device is signed out.' : `${ended} other devices are signed out.`);
    } catch (e) {
      setListFailure(e);
    } finally {
      setRevokingAll(false);
    }
  }

  async function signOutHere() {
    setSigningOut(true);
    const failure = await signOut();
    setSigningOut(false);
    setSignOutFailure(failure);
    if (failure === null) navigate('/', { replace: true });
  }

  return (
    <section className="container account-page account-page--wide" aria-labelledby="security-title">
      <title>Security Center — VideoPro</title>
      <h1 id="security-title">Security Center</h1>
      <p className="account-page__lead">
        Signed in as <strong>{nameOf(user)}</strong>
        {user.displayName && (user.email || user.phone) && <> ({user.email ?? user.phone})</>}.{' '}
        <Link to="/settings/profile">Your profile and avatar</Link>
      </p>

      <section className="card" aria-labelledby="sessions-title">
        <div className="card__head">
          <h2 id="sessions-title">Where you are signed in</h2>
          <button type="button" className="button button--quiet" onClick={() => void load()} disabled={loading}>
            {loading ? 'Refreshing…' : 'Refresh'}
          </button>
        </div>
        {notice && (
          <p className="form-note" role="status">
            {notice}
          </p>
        )}
        <FormError error={listFailure} />
        {sessions === null ? (
          !listFailure && <p role="status">Loading your sessions…</p>
        ) : (
          <>
            <SessionList sessions={sessions} busyId={busyId} onSignOut={(s) => void signOutOne(s)} />
            {others > 0 ? (
              <button
                type="button"
                className="button button--danger"
                onClick={() => void signOutOthers()}
                disabled={revokingAll}
              >
                {revokingAll ? 'Signing out other devices…' : 'Sign out of all other devices'}
              </button>
            ) : (
              <p className="field__hint">No other device is signed in.</p>
            )}
          </>
        )}
      </section>

      <PasswordChange hasPassword={user.hasPassword} onChanged={() => void load()} />

      <DataExportCard />

      <PrivacyRequestsCard />

      <ProfileExtrasConsentCard />

      <CategoryDeletionCard />

      <PosthumousAccessCard />

      <section className="card" aria-labelledby="signout-title">
        <h2 id="signout-title">Sign out</h2>
        <p className="field__hint">Ends the session in this browser. Your other devices stay signed in.</p>
        <button type="button" className="button button--quiet" onClick={() => void signOutHere()} disabled={signingOut}>
          {signingOut ? 'Signing out…' : 'Sign out'}
        </button>
        {signOutFailure !== null && (
          <p className="form-error" role="alert">
            {errorText(signOutFailure)}
          </p>
        )}
      </section>

      <AccountCancellationCard />
    </section>
  );
}

function PasswordChange({ hasPassword, onChanged }: { hasPassword: boolean; onChanged(): void }) {
  const { client, signedIn } = useAuth();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeated, setRepeated] = useState('');
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);

  if (!hasPassword) {
    return (
      <section className="card" aria-labelledby="password-title">
        <h2 id="password-title">Password</h2>
        <p className="field__hint">
          You sign in with a code sent to your email address or mobile number. This account has no password.
        </p>
      </section>
    );
  }

  async function change(event: FormEvent) {
    event.preventDefault();
    setDone(false);
    setFailure(null);
    if (current === '') {
      setFieldError('Enter your current password.');
      return;
    }
    const checked = checkNewPassword(next, repeated);
    setFieldError(checked.ok ? null : checked.message);
    if (!checked.ok) return;
    setBusy(true);
    try {
      const answer = await client.changePassword(current, checked.value);
      signedIn(answer.user);
      setCurrent('');
      setNext('');
      setRepeated('');
      setDone(true);
      onChanged();
    } catch (e) {
      setFailure(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="card" aria-labelledby="password-title">
      <h2 id="password-title">Change password</h2>
      <form onSubmit={change} noValidate aria-labelledby="password-title">
        <Field
          label="Current password"
          name="currentPassword"
          type="password"
          autoComplete="current-password"
          value={current}
          onChange={(e) => setCurrent(e.target.value)}
          required
        />
        <Field
          label="New password"
          hint={PASSWORD_RULE}
          name="newPassword"
          type="password"
          autoComplete="new-password"
          value={next}
          onChange={(e) => setNext(e.target.value)}
          required
        />
        <Field
          label="New password again"
          name="repeatPassword"
          type="password"
          autoComplete="new-password"
          value={repeated}
          onChange={(e) => setRepeated(e.target.value)}
          required
        />
        {fieldError && <p className="field__error">{fieldError}</p>}
        <SubmitButton busy={busy} busyText="Changing password…">
          Change password
        </SubmitButton>
        {done && (
          <p className="form-note form-note--ok" role="status">
            Password changed. Every other device was signed out; this browser stays signed in.
          </p>
        )}
        <FormError error={failure} />
      </form>
    </section>
  );
}
