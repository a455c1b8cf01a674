import { useCallback, useState, type FormEvent } from 'react';
import { Field, FormError, SubmitButton } from '../../accounts/ui';
import { checkTarget, TARGET_HINT } from '../../accounts/validation';
import type { EnterprisesClient, Invitation, InvitationState } from '../../api/enterprises';
import { useLoaded } from '../../components/useLoaded';
import { dayText } from '../../enterprise/validation';

const STATE_TEXT: Record<InvitationState, string> = {
  pending: 'Waiting for an answer',
  expired: 'Expired',
  accepted: 'Accepted',
  declined: 'Declined',
  revoked: 'Withdrawn',
};

/** Administrators: invite by email or mobile number, see and withdraw invitations. */
export function InvitationsCard({ client, id }: { client: EnterprisesClient; id: number }) {
  const [target, setTarget] = useState('');
  const [targetError, setTargetError] = useState<string | null>(null);
  const {
    value: invitations,
    failure,
    setFailure,
    reload: load,
  } = useLoaded(useCallback(() => client.invitations(id), [client, id]));
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function invite(event: FormEvent) {
    event.preventDefault();
    const checked = checkTarget(target);
    setTargetError(checked.ok ? null : checked.message);
    setNotice(null);
    if (!checked.ok) return;
    setBusy(true);
    setFailure(null);
    try {
      const invitation = await client.invite(id, checked.value.value);
      setNotice(`Invitation sent to ${invitation.target}. It expires on ${dayText(invitation.expiresAt)}.`);
      setTarget('');
      await load();
    } catch (e) {
      setFailure(e);
    } finally {
      setBusy(false);
    }
  }

  async function revoke(invitation: Invitation) {
    setBusy(true);
    setFailure(null);
    try {
      await client.revokeInvitation(id, invitation.id);
      setNotice(`The invitation to ${invitation.target} was withdrawn.`);
      await load();
    } catch (e) {
      setFailure(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="card">
      <h2>Invitations</h2>
      <form onSubmit={invite} noValidate aria-label="Invite a member">
        <Field
          label="Invite by email or mobile number"
          hint={`${TARGET_HINT} The person accepts after signing in with it.`}
          name="invite"
          value={target}
          onChange={(e) => {
            setTarget(e.target.value);
            setTargetError(null);
          }}
          error={targetError}
        />
        <SubmitButton busy={busy} busyText="Sending…">
          Send invitation
        </SubmitButton>
      </form>
      {notice && (
        <p className="form-note" role="status">
          {notice}
        </p>
      )}
      <FormError error={failure} />
      {invitations && invitations.length > 0 && (
        <div className="table-scroll">
          <table className="member-table" aria-label="Invitations sent">
            <thead>
              <tr>
                <th scope="col">To</th>
                <th scope="col">State</th>
                <th scope="col">Sent</th>
                <th scope="col" />
              </tr>
            </thead>
            <tbody>
              {invitations.map((i) => (
                <tr key={i.id}>
                  <td>{i.target}</td>
                  <td>
                    {STATE_TEXT[i.state]}
                    {i.state === 'pending' ? ` (until ${dayText(i.expiresAt)})` : ''}
                  </td>
                  <td>{dayText(i.createdAt)}</td>
                  <td>
                    {i.state === 'pending' && (
                      <button
                        type="button"
                        className="button button--quiet"
                        disabled={busy}
                        onClick={() => void revoke(i)}
                      >
                        Withdraw
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
