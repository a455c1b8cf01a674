import { useCallback, useEffect, useMemo, useState } from 'react';
import { Link } from 'react-router';
import { useAuth } from '../../../accounts/auth';
import { FormError } from '../../../accounts/ui';
import { PrivacyClient } from '../../../api/privacy';
import { ProfileClient, type ProfileAnswer } from '../../../api/profile';
import { AvatarCard } from './AvatarCard';
import { ContactChangeCard } from './ContactChangeCard';
import { ProfileForm } from './ProfileForm';
import '../account.css';
import './profile.css';

/** "Settings – Avatar" (R-ACC-4): view and correct the profile, the avatar, the sign-in address. */
export function ProfilePage({ client: given }: { client?: ProfileClient }) {
  const { state, client: accounts } = useAuth();
  const client = useMemo(() => given ?? new ProfileClient(accounts), [given, accounts]);
  if (state.status === 'checking') {
    return (
      <section className="container account-page" aria-labelledby="profile-title">
        <title>Profile — VideoPro</title>
        <h1 id="profile-title">Profile</h1>
        <p role="status">Checking your session…</p>
      </section>
    );
  }
  if (state.status === 'signedOut') {
    return (
      <section className="container account-page" aria-labelledby="profile-title">
        <title>Signed out — VideoPro</title>
        <h1 id="profile-title">You are signed out</h1>
        <p role="status">Sign in to see and correct your profile.</p>
        <p>
          <Link to="/signin?next=/settings/profile" className="button-link">
            Sign in
          </Link>
        </p>
      </section>
    );
  }
  return <SignedInProfile client={client} />;
}

function SignedInProfile({ client }: { client: ProfileClient }) {
  const { state, signedIn, client: accounts } = useAuth();
  const privacy = useMemo(() => new PrivacyClient(accounts), [accounts]);
  const [extrasGranted, setExtrasGranted] = useState<boolean | null>(null);
  const [answer, setAnswer] = useState<ProfileAnswer | null>(null);
  const [failure, setFailure] = useState<unknown>(null);

  const load = useCallback(async () => {
    try {
      setAnswer(await client.profile());
      setFailure(null);
    } catch (e) {
      setFailure(e);
    }
  }, [client]);

  useEffect(() => {
    void load();
  }, [load]);

  useEffect(() => {
    let live = true;
    privacy.extrasConsent().then(
      (granted) => live && setExtrasGranted(granted),
      () => live && setExtrasGranted(null),
    );
    return () => {
      live = false;
    };
  }, [privacy]);
  const extras = useMemo(
    () =>
      extrasGranted === null
        ? undefined
        : {
            granted: extrasGranted,
            grant: async () => {
              await privacy.setExtrasConsent(true);
              setExtrasGranted(true);
            },
          },
    [extrasGranted, privacy],
  );

  const sessionId = state.status === 'signedIn' ? state.sessionId : null;
  const update = useCallback(
    (next: ProfileAnswer) => {
      setAnswer(next);
      signedIn(next.user, sessionId);
    },
    [signedIn, sessionId],
  );

  return (
    <section className="container account-page account-page--wide" aria-labelledby="profile-title">
      <title>Profile — VideoPro</title>
      <h1 id="profile-title">Profile</h1>
      <p className="account-page__lead">
        Every field is optional. What you enter here is yours to correct or clear at any time; changes are recorded
        (which fields, never their values). <Link to="/settings/security">Security Center</Link>
      </p>
      <FormError error={failure} />
      {answer === null ? (
        !failure && <p role="status">Loading your profile…</p>
      ) : (
        <>
          <AvatarCard
            client={client}
            avatar={answer.profile.avatar}
            name={answer.user.displayName}
            onChanged={update}
          />
          <ProfileForm client={client} profile={answer.profile} onSaved={update} extras={extras} />
          <ContactChangeCard
            client={client}
            user={answer.user}
            onChanged={(user) => {
              setAnswer({ ...answer, user });
              signedIn(user, sessionId);
            }}
          />
        </>
      )}
    </section>
  );
}
