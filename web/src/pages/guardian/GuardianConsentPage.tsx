import { useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useAuth } from '../../accounts/auth';
import { Field, FormError, SubmitButton } from '../../accounts/ui';
import { checkCode } from '../../accounts/validation';
import '../account/account.css';

/** The link in a guardian's message: agree to a child's account with the code (R-MINOR-1). */
export function GuardianConsentPage() {
  const { client } = useAuth();
  const [params] = useSearchParams();
  const request = params.get('request') ?? '';
  const [code, setCode] = useState('');
  const [codeError, setCodeError] = useState<string | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const [resent, setResent] = useState<string | null>(null);

  async function confirm(event: FormEvent) {
    event.preventDefault();
    const checked = checkCode(code);
    setCodeError(checked.ok ? null : checked.message);
    setFailure(null);
    if (!checked.ok) return;
    setBusy(true);
    try {
      setDone(await client.confirmGuardian(request, checked.value));
    } catch (e) {
      setFailure(e);
    } finally {
      setBusy(false);
    }
  }

  async function resend() {
    setFailure(null);
    try {
      setResent(await client.resendGuardianCode(request));
    } catch (e) {
      setFailure(e);
    }
  }

  return (
    <section className="container account-page" aria-labelledby="guardian-title">
      <title>Guardian consent — VideoPro</title>
      <h1 id="guardian-title">Agree to a child's account</h1>
      {done ? (
        <div className="notice" role="status">
          <p>{done}</p>
          <p>
            <Link to="/privacy">Read the privacy policy</Link> to see what VideoPro keeps about the child and how to
            withdraw.
          </p>
        </div>
      ) : !/^[0-9a-f]{32}$/.test(request) ? (
        <p className="form-error" role="alert">
          This link is incomplete. Open the link from the message you received exactly as it is.
        </p>
      ) : (
        <form className="card" onSubmit={confirm} noValidate aria-label="Guardian consent">
          <p>
            A child under 14 named you as parent or guardian. By entering the code from the message you agree that the
            child uses VideoPro under the <Link to="/privacy">privacy policy</Link>. If you do not agree, do nothing:
            the request and its data are deleted after 7 days.
          </p>
          <Field
            label="Code from the message"
            name="code"
            inputMode="numeric"
            autoComplete="one-time-code"
            maxLength={6}
            value={code}
            onChange={(e) => setCode(e.target.value)}
            error={codeError}
          />
          <SubmitButton busy={busy} busyText="Confirming…">
            I agree
          </SubmitButton>
          <p className="resend">
            <button type="button" className="button button--quiet" onClick={() => void resend()}>
              Send a new code
            </button>
          </p>
          {resent && <p role="status">{resent}</p>}
          <FormError error={failure} />
        </form>
      )}
    </section>
  );
}
