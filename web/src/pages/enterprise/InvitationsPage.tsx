import { useCallback, useMemo, useState } from 'react';
import { Link } from 'react-router';
import { useAuth } from '../../accounts/auth';
import { FormError } from '../../accounts/ui';
import { EnterprisesClient, type Invitation } from '../../api/enterprises';
import { useLoaded } from '../../components/useLoaded';
import { dayText } from '../../enterprise/validation';
import { SignInFirst } from './SignInFirst';
import '../account/account.css';

/** The invitee's view: invitations to the signed-in user's email or number, to accept or decline. */
export function InvitationsPage() {
  const { state } = useAuth();
  if (state.status !== 'signedIn') {
    return (
      <SignInFirst
        title="Invitations"
        reason="with the email address or mobile number the invitation was sent to"
        next="/invitations"
      />
    );
  }
  return <Invitations />;
}

function Invitations() {
  const { client } = useAuth();
  const enterprises = useMemo(() => new EnterprisesClient(client), [client]);
  const {
    value: invitations,
    failure,
    setFailure,
    reload: load,
  } = useLoaded(useCallback(() => enterprises.myInvitations(), [enterprises]));
  const [busyId, setBusyId] = useState<number | null>(null);
  const [notice, setNotice] = useState<{ text: string; enterpriseId?: number } | null>(null);

  async function answer(invitation: Invitation, accept: boolean) {
    setBusyId(invitation.id);
    setFailure(null);
    setNotice(null);
    try {
      if (accept) {
        const membership = await enterprises.accept(invitation.id);
        setNotice({ text: `You are now a member of ${membership.name}.`, enterpriseId: membership.id });
      } else {
        await enterprises.decline(invitation.id);
        setNotice({ text: `You declined the invitation to ${invitation.enterpriseName}. Nothing was shared with it.` });
      }
      await load();
    } catch (e) {
      setFailure(e);
      await load();
    } finally {
      setBusyId(null);
    }
  }

  return (
    <section className="container account-page account-page--wide" aria-labelledby="invitations-title">
      <title>Invitations — VideoPro</title>
      <h1 id="invitations-title">Invitations</h1>
      <p className="account-page__lead">
        Enterprises that invited you. Nothing is shared with an enterprise unless you accept.
      </p>
      {notice && (
        <div className="notice" role="status">
          <p>
            {notice.text}{' '}
            {notice.enterpriseId !== undefined && (
              <Link to={`/enterprise/${notice.enterpriseId}`}>Open the enterprise</Link>
            )}
          </p>
        </div>
      )}
      <FormError error={failure} />
      {invitations === null && failure === null && <p role="status">Loading your invitations…</p>}
      {invitations?.length === 0 && (
        <p className="card">
          No invitations wait for you. An invitation reaches the email address or mobile number of your account; ask the
          enterprise&apos;s administrator to invite that one.
        </p>
      )}
      {invitations && invitations.length > 0 && (
        <ul className="plain-list" aria-label="Your invitations">
          {invitations.map((invitation) => (
            <li key={invitation.id} className="card">
              <h2>{invitation.enterpriseName}</h2>
              <p>
                {invitation.invitedBy ? `${invitation.invitedBy} invited you` : 'You were invited'} on{' '}
                {dayText(invitation.createdAt)}.
              </p>
              {invitation.state === 'expired' ? (
                <p className="form-error" role="note">
                  This invitation expired on {dayText(invitation.expiresAt)}. Ask an administrator of{' '}
                  {invitation.enterpriseName} to invite you again.
                </p>
              ) : (
                <>
                  <p className="field__hint">Answer by {dayText(invitation.expiresAt)}.</p>
                  <div className="button-row">
                    <button
                      type="button"
                      className="button"
                      disabled={busyId !== null}
                      onClick={() => void answer(invitation, true)}
                    >
                      {busyId === invitation.id ? 'Answering…' : `Accept invitation to ${invitation.enterpriseName}`}
                    </button>
                    <button
                      type="button"
                      className="button button--quiet"
                      disabled={busyId !== null}
                      onClick={() => void answer(invitation, false)}
                    >
                      Decline
                    </button>
                  </div>
                </>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
