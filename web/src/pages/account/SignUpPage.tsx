import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import type { PendingRegistration } from '../../api/accounts';
import { useAuth } from '../../accounts/auth';
import { BirthFields } from '../../accounts/BirthFields';
import { Field, FormError, SubmitButton } from '../../accounts/ui';
import { CodeField, TargetForm } from './CodeSteps';
import {
  checkBirth,
  checkCode,
  checkGuardian,
  checkDisplayName,
  checkOptionalPassword,
  needsGuardian,
  PASSWORD_RULE,
} from '../../accounts/validation';
import { useCodeRequest } from './useCodeRequest';
import './account.css';

type Errors = Partial<Record<'code' | 'displayName' | 'password' | 'birth' | 'guardian', string>>;

/** Create account: address → code → details. */
export function SignUpPage() {
  const { client, signedIn } = useAuth();
  const navigate = useNavigate();
  const request = useCodeRequest(client, 'register');
  const [code, setCode] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [password, setPassword] = useState('');
  const [year, setYear] = useState('');
  const [month, setMonth] = useState('');
  const [guardian, setGuardian] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [pending, setPending] = useState<PendingRegistration | null>(null);

  const birth = checkBirth(year, month);
  const child = birth.ok && needsGuardian(birth.value);

  async function create(event: FormEvent) {
    event.preventDefault();
    if (!request.sent) return;
    const checks = {
      code: checkCode(code),
      displayName: checkDisplayName(displayName),
      password: checkOptionalPassword(password),
      birth,
      guardian: checkGuardian(guardian, child),
    };
    const found: Errors = {};
    for (const [name, check] of Object.entries(checks)) if (!check.ok) found[name as keyof Errors] = check.message;
    setErrors(found);
    setFailure(null);
    if (!checks.code.ok || !checks.displayName.ok || !checks.password.ok || !checks.birth.ok || !checks.guardian.ok)
      return;
    setBusy(true);
    try {
      const result = await client.register({
        target: request.sent.target,
        code: checks.code.value,
        displayName: checks.displayName.value,
        password: checks.password.value,
        birthYear: checks.birth.value.year,
        birthMonth: checks.birth.value.month,
        guardian: checks.guardian.value,
      });
      if (result.kind === 'pending') {
        setPending(result.pending);
      } else {
        signedIn(result.signedIn.user);
        navigate('/', { replace: true });
      }
    } catch (e) {
      setFailure(e);
    } finally {
      setBusy(false);
    }
  }

  if (pending) {
    return (
      <section className="container account-page" aria-labelledby="signup-title">
        <title>Almost done — VideoPro</title>
        <h1 id="signup-title">Almost done: a parent or guardian has to agree</h1>
        <div className="notice" role="status">
          <p>{pending.message}</p>
          {pending.guardian && <p>We sent a code to your parent or guardian at {pending.guardian}.</p>}
          <p>
            Because you are under 14, your account stays closed until a parent or guardian agrees. You cannot sign in
            until they confirm with the code. Nothing beyond what you just entered is kept. If nobody agrees within 7
            days, the account and its data are deleted.
          </p>
        </div>
        <p>
          <Link to="/">Back to the home page</Link>
        </p>
      </section>
    );
  }

  return (
    <section className="container account-page" aria-labelledby="signup-title">
      <title>Create account — VideoPro</title>
      <h1 id="signup-title">Create account</h1>
      <p className="account-page__lead">
        Already have an account? <Link to="/signin">Sign in</Link>
      </p>

      <TargetForm request={request} label="Your email or mobile number" />

      {request.sent && (
        <form className="card" onSubmit={create} noValidate aria-label="Your account">
          <CodeField request={request} value={code} onChange={setCode} error={errors.code} />
          <Field
            label="Display name (optional)"
            hint="How others see you in meetings."
            name="displayName"
            autoComplete="name"
            maxLength={64}
            value={displayName}
            onChange={(e) => setDisplayName(e.target.value)}
            error={errors.displayName}
          />
          <Field
            label="Password (optional)"
            hint={`${PASSWORD_RULE} Without a password you sign in with a code each time.`}
            name="password"
            type="password"
            autoComplete="new-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            error={errors.password}
          />
          <BirthFields
            year={year}
            month={month}
            onYear={setYear}
            onMonth={setMonth}
            error={errors.birth}
            hint="Required. Children under 14 need a parent or guardian to agree."
          >
            {child && (
              <p className="form-note" role="status">
                Under 14: after you create the account, a parent or guardian has to agree before it can be used.
              </p>
            )}
          </BirthFields>
          {child && (
            <Field
              label="Parent's or guardian's email or mobile number"
              hint="They receive a code to agree. Give their own address or number, not yours."
              name="guardian"
              autoComplete="off"
              maxLength={320}
              value={guardian}
              onChange={(e) => setGuardian(e.target.value)}
              error={errors.guardian}
            />
          )}
          <SubmitButton busy={busy} busyText="Creating account…">
            Create account
          </SubmitButton>
          <FormError error={failure} />
        </form>
      )}
    </section>
  );
}
