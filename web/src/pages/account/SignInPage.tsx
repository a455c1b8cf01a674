import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useAuth } from '../../accounts/auth';
import { Field, FormError, SubmitButton } from '../../accounts/ui';
import { checkCode, checkTarget } from '../../accounts/validation';
import { CodeField, TargetField, TargetForm } from './CodeSteps';
import { useCodeRequest } from './useCodeRequest';
import './account.css';

type Method = 'code' | 'password';

/** Only same-site paths are followed after sign-in. */
function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/';
}

/** Sign in with a one-time code or with a password. */
export function SignInPage() {
  const { client, signedIn } = useAuth();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [method, setMethod] = useState<Method>('code');
  const request = useCodeRequest(client, 'login');
  const [code, setCode] = useState('');
  const [password, setPassword] = useState('');
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  async function signIn(credentials: { target: string; code: string } | { target: string; password: string }) {
    setBusy(true);
    setFailure(null);
    try {
      const answer = await client.login(credentials);
      signedIn(answer.user);
      navigate(safeNext(params.get('next')), { replace: true });
    } catch (e) {
      setFailure(e);
    } finally {
      setBusy(false);
    }
  }

  async function withCode(event: FormEvent) {
    event.preventDefault();
    if (!request.sent) return;
    const checked = checkCode(code);
    setFieldError(checked.ok ? null : checked.message);
    if (checked.ok) await signIn({ target: request.sent.target, code: checked.value });
  }

  async function withPassword(event: FormEvent) {
    event.preventDefault();
    const target = checkTarget(request.target);
    if (!target.ok) {
      setFieldError(target.message);
      return;
    }
    if (password === '') {
      setFieldError('Enter your password.');
      return;
    }
    setFieldError(null);
    await signIn({ target: target.value.value, password });
  }

  function choose(next: Method) {
    setMethod(next);
    setFailure(null);
    setFieldError(null);
  }

  return (
    <section className="container account-page" aria-labelledby="signin-title">
      <title>Sign in — VideoPro</title>
      <h1 id="signin-title">Sign in</h1>
      <p className="account-page__lead">
        New here? <Link to="/signup">Create an account</Link>
      </p>

      <fieldset className="method-choice">
        <legend className="visually-hidden">How to sign in</legend>
        <label className={method === 'code' ? 'method-choice__option is-selected' : 'method-choice__option'}>
          <input type="radio" name="method" checked={method === 'code'} onChange={() => choose('code')} />
          With a code
        </label>
        <label className={method === 'password' ? 'method-choice__option is-selected' : 'method-choice__option'}>
          <input type="radio" name="method" checked={method === 'password'} onChange={() => choose('password')} />
          With a password
        </label>
      </fieldset>

      {method === 'code' ? (
        <>
          <TargetForm request={request} label="Where to send the code" />
          {request.sent && (
            <form className="card" onSubmit={withCode} noValidate aria-label="Enter the code">
              <CodeField request={request} value={code} onChange={setCode} error={fieldError} />
              <SubmitButton busy={busy} busyText="Signing in…">
                Sign in
              </SubmitButton>
              <FormError error={failure} />
            </form>
          )}
        </>
      ) : (
        <form className="card" onSubmit={withPassword} noValidate aria-label="Sign in with a password">
          <TargetField value={request.target} onChange={request.setTarget} />
          <Field
            label="Password"
            name="password"
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            required
          />
          {fieldError && <p className="field__error">{fieldError}</p>}
          <SubmitButton busy={busy} busyText="Signing in…">
            Sign in
          </SubmitButton>
          <FormError error={failure} />
        </form>
      )}
    </section>
  );
}
