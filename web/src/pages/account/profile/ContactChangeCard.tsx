import { useState, type FormEvent } from 'react';
import type { User } from '../../../api/accounts';
import { Field, FormError, SubmitButton } from '../../../accounts/ui';
import { CODE_HINT, checkCode, checkTarget, TARGET_HINT } from '../../../accounts/validation';
import type { ContactCodesSent, ProfileClient } from '../../../api/profile';

/**
 * Changing the email address or mobile number the account signs in with: one code to
 * the current address and one to the new; both are needed.
 */
export function ContactChangeCard(props: { client: ProfileClient; user: User; onChanged(user: User): void }) {
  const [target, setTarget] = useState('');
  const [sent, setSent] = useState<(ContactCodesSent & { target: string }) | null>(null);
  const [currentCode, setCurrentCode] = useState('');
  const [newCode, setNewCode] = useState('');
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const [note, setNote] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function requestCodes(event: FormEvent) {
    event.preventDefault();
    setFailure(null);
    setNote(null);
    const checked = checkTarget(target);
    setFieldError(checked.ok ? null : checked.message);
    if (!checked.ok) return;
    setBusy(true);
    try {
      const answer = await props.client.requestContactCodes(checked.value.value);
      setSent({ ...answer, target: checked.value.value });
      setCurrentCode('');
      setNewCode('');
    } catch (e) {
      setFailure(e);
    } finally {
      setBusy(false);
    }
  }

  async function change(event: FormEvent) {
    event.preventDefault();
    if (!sent) return;
    setFailure(null);
    const first = checkCode(currentCode);
    const second = checkCode(newCode);
    const problem = !first.ok ? first.message : !second.ok ? second.message : null;
    setFieldError(problem);
    if (!first.ok || !second.ok) return;
    setBusy(true);
    try {
      const user = await props.client.changeContact(sent.target, first.value, second.value);
      props.onChanged(user);
      setSent(null);
      setTarget('');
      setNote(`You now sign in with ${sent.target}.`);
    } catch (e) {
      setFailure(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="card" aria-labelledby="contact-title">
      <h2 id="contact-title">Email address and mobile number</h2>
      <dl className="contact-list">
        <dt>Email address</dt>
        <dd>{props.user.email ?? 'None'}</dd>
        <dt>Mobile number</dt>
        <dd>{props.user.phone ?? 'None'}</dd>
      </dl>
      {sent === null ? (
        <form onSubmit={requestCodes} noValidate aria-label="Change email or mobile number">
          <Field
            label="New email address or mobile number"
            hint={TARGET_HINT}
            name="newTarget"
            type="text"
            autoComplete="off"
            value={target}
            onChange={(e) => {
              setTarget(e.target.value);
              setFieldError(null);
            }}
            error={fieldError}
          />
          <SubmitButton busy={busy} busyText="Sending codes…">
            Send codes
          </SubmitButton>
        </form>
      ) : (
        <form onSubmit={change} noValidate aria-label="Confirm the change">
          <p className="form-note" role="status">
            {sent.message}
          </p>
          <Field
            label={`Code sent to ${sent.current}`}
            hint={CODE_HINT}
            name="currentCode"
            inputMode="numeric"
            autoComplete="one-time-code"
            maxLength={7}
            value={currentCode}
            onChange={(e) => setCurrentCode(e.target.value)}
          />
          <Field
            label={`Code sent to ${sent.new}`}
            name="newCode"
            inputMode="numeric"
            autoComplete="one-time-code"
            maxLength={7}
            value={newCode}
            onChange={(e) => setNewCode(e.target.value)}
          />
          {fieldError && <p className="field__error">{fieldError}</p>}
          <div className="button-row">
            <SubmitButton busy={busy} busyText="Changing…">
              Change
            </SubmitButton>
            <button type="button" className="button button--quiet" onClick={() => setSent(null)}>
              Cancel
            </button>
          </div>
        </form>
      )}
      {note && (
        <p className="form-note form-note--ok" role="status">
          {note}
        </p>
      )}
      <FormError error={failure} />
    </section>
  );
}
