import { useCallback, useState, type FormEvent } from 'react';
import { FormError, SubmitButton } from '../../accounts/ui';
import type { CancellationRequest, EnterprisesClient } from '../../api/enterprises';
import { useLoaded } from '../../components/useLoaded';
import { checkDecisionReason, checkText, dayText, MAX_REASON_BYTES } from '../../enterprise/validation';

const STATUS_TEXT = { pending: 'Waiting for a decision', approved: 'Approved', refused: 'Refused' };

/**
 * Account-cancellation requests. Administrators see the enterprise's and approve or
 * refuse them (a refusal needs a reason); a member asks and sees his own.
 */
export function CancellationsCard(props: { client: EnterprisesClient; id: number; administrator: boolean }) {
  const { client, id, administrator } = props;
  const {
    value: requests,
    failure,
    reload: load,
  } = useLoaded(useCallback(() => client.cancellationRequests(id), [client, id]));

  const pending = requests?.some((r) => r.status === 'pending') ?? false;
  return (
    <div className="card">
      <h2>{administrator ? 'Account cancellation requests' : 'Cancel my account'}</h2>
      <FormError error={failure} />
      {!administrator && !pending && <RequestForm client={client} id={id} onDone={load} />}
      {requests && requests.length === 0 && administrator && <p>No member has asked to cancel his account.</p>}
      {requests && requests.length > 0 && (
        <ul className="plain-list" aria-label="Cancellation requests">
          {requests.map((r) => (
            <li key={r.id} className="card">
              <p>
                <strong>{administrator ? r.memberName : 'Your request'}</strong>, {dayText(r.createdAt)}:{' '}
                {STATUS_TEXT[r.status]}
              </p>
              {r.note && <p>“{r.note}”</p>}
              {r.decisionReason && <p>Reason given: {r.decisionReason}</p>}
              {administrator && r.status === 'pending' && (
                <DecisionForm client={client} id={id} request={r} onDone={load} />
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function RequestForm({ client, id, onDone }: { client: EnterprisesClient; id: number; onDone(): Promise<void> }) {
  const [note, setNote] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const checked = checkText(note, 'the note', MAX_REASON_BYTES, false);
    if (!checked.ok) return setError(checked.message);
    setBusy(true);
    setError(null);
    try {
      await client.requestCancellation(id, checked.value);
      await onDone();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={submit} noValidate aria-label="Ask to cancel my account">
      <p>
        Your enterprise&apos;s administrators decide on the cancellation of your account. Once approved, the account and
        its data are deleted.
      </p>
      <div className="field">
        <label htmlFor="cancellation-note" className="field__label">
          Note for the administrators (optional)
        </label>
        <textarea
          id="cancellation-note"
          className="field__input"
          rows={2}
          maxLength={MAX_REASON_BYTES}
          value={note}
          onChange={(e) => setNote(e.target.value)}
        />
      </div>
      <SubmitButton busy={busy} busyText="Sending…">
        Ask to cancel my account
      </SubmitButton>
      <FormError error={error} />
    </form>
  );
}

function DecisionForm(props: {
  client: EnterprisesClient;
  id: number;
  request: CancellationRequest;
  onDone(): Promise<void>;
}) {
  const [reason, setReason] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const fieldId = `decision-reason-${props.request.id}`;

  async function decide(approve: boolean) {
    const checked = checkDecisionReason(reason, approve);
    if (!checked.ok) return setError(checked.message);
    setBusy(true);
    setError(null);
    try {
      await props.client.decide(props.id, props.request.id, approve, checked.value);
      await props.onDone();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div>
      <div className="field">
        <label htmlFor={fieldId} className="field__label">
          Reason (required to refuse)
        </label>
        <textarea
          id={fieldId}
          className="field__input"
          rows={2}
          maxLength={MAX_REASON_BYTES}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
        />
      </div>
      <div className="button-row">
        <button type="button" className="button" disabled={busy} onClick={() => void decide(true)}>
          Approve
        </button>
        <button type="button" className="button button--quiet" disabled={busy} onClick={() => void decide(false)}>
          Refuse
        </button>
      </div>
      <FormError error={error} />
    </div>
  );
}
