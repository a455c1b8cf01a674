import { useMemo, useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { useAuth } from '../../accounts/auth';
import { BirthFields } from '../../accounts/BirthFields';
import { Field, FormError, ResendCode, SubmitButton } from '../../accounts/ui';
import { checkBirth, checkCode, CODE_HINT } from '../../accounts/validation';
import { EnterprisesClient, type EnterpriseApplication } from '../../api/enterprises';
import { checkApplication, type ApplicationErrors } from '../../enterprise/validation';
import '../account/account.css';

const EMPTY: EnterpriseApplication = { companyName: '', creatorName: '', mobile: '', email: '', notes: '' };

/** Register an enterprise: the form → a code to its email → code and birth month → the enterprise. */
export function EnterpriseRegisterPage() {
  const { client, signedIn } = useAuth();
  const enterprises = useMemo(() => new EnterprisesClient(client), [client]);
  const navigate = useNavigate();
  const [form, setForm] = useState<EnterpriseApplication>(EMPTY);
  const [errors, setErrors] = useState<ApplicationErrors>({});
  const [sent, setSent] = useState<{ application: EnterpriseApplication; message: string; at: number } | null>(null);
  const [code, setCode] = useState('');
  const [year, setYear] = useState('');
  const [month, setMonth] = useState('');
  const [stepErrors, setStepErrors] = useState<{ code?: string; birth?: string }>({});
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const set = (key: keyof EnterpriseApplication) => (value: string) => {
    setForm((f) => ({ ...f, [key]: value }));
    setErrors((e) => ({ ...e, [key]: undefined }));
  };

  async function sendCode(application: EnterpriseApplication) {
    setBusy(true);
    setFailure(null);
    try {
      const message = await enterprises.requestRegistrationCode(application);
      setSent({ application, message, at: Date.now() });
    } catch (e) {
      setFailure(e);
    } finally {
      setBusy(false);
    }
  }

  async function submitForm(event: FormEvent) {
    event.preventDefault();
    const checked = checkApplication(form);
    if (!checked.ok) {
      setErrors(checked.errors);
      return;
    }
    setErrors({});
    await sendCode(checked.value);
  }

  async function register(event: FormEvent) {
    event.preventDefault();
    if (!sent) return;
    const checkedCode = checkCode(code);
    const birth = checkBirth(year, month);
    setStepErrors({
      ...(checkedCode.ok ? {} : { code: checkedCode.message }),
      ...(birth.ok ? {} : { birth: birth.message }),
    });
    if (!checkedCode.ok || !birth.ok) return;
    setBusy(true);
    setFailure(null);
    try {
      const done = await enterprises.register({
        ...sent.application,
        code: checkedCode.value,
        birthYear: birth.value.year,
        birthMonth: birth.value.month,
      });
      signedIn(done.user);
      navigate(`/enterprise/${done.enterprise.id}`, { replace: true });
    } catch (e) {
      setFailure(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="container account-page" aria-labelledby="enterprise-register-title">
      <title>Register an enterprise — VideoPro</title>
      <h1 id="enterprise-register-title">Register an enterprise</h1>
      <p className="account-page__lead">
        You become the enterprise&apos;s first administrator and can then invite your colleagues. We confirm the email
        address with a code. Already a member? <Link to="/enterprise">Your enterprises</Link>
      </p>

      <form className="card" onSubmit={submitForm} noValidate aria-label="Enterprise details">
        <Field
          label="Company name"
          name="companyName"
          autoComplete="organization"
          maxLength={120}
          value={form.companyName}
          onChange={(e) => set('companyName')(e.target.value)}
          error={errors.companyName}
          readOnly={sent !== null}
          required
        />
        <Field
          label="Your name"
          hint="Shown to the members of the enterprise."
          name="creatorName"
          autoComplete="name"
          maxLength={64}
          value={form.creatorName}
          onChange={(e) => set('creatorName')(e.target.value)}
          error={errors.creatorName}
          readOnly={sent !== null}
          required
        />
        <Field
          label="Work email"
          hint="The code to confirm the enterprise goes here. If you have an account with this address, it becomes the administrator."
          name="email"
          type="email"
          autoComplete="email"
          value={form.email}
          onChange={(e) => set('email')(e.target.value)}
          error={errors.email}
          readOnly={sent !== null}
          required
        />
        <Field
          label="Mobile number"
          hint="With its country code, e.g. +44 20 7946 0958."
          name="mobile"
          type="tel"
          autoComplete="tel"
          value={form.mobile}
          onChange={(e) => set('mobile')(e.target.value)}
          error={errors.mobile}
          readOnly={sent !== null}
          required
        />
        <div className="field">
          <label htmlFor="enterprise-notes" className="field__label">
            Notes (optional)
          </label>
          <textarea
            id="enterprise-notes"
            className="field__input"
            name="notes"
            rows={3}
            maxLength={2000}
            value={form.notes}
            onChange={(e) => set('notes')(e.target.value)}
            aria-invalid={errors.notes ? true : undefined}
            readOnly={sent !== null}
          />
          {errors.notes && <p className="field__error">{errors.notes}</p>}
        </div>
        {sent ? (
          <p className="form-note" role="status">
            {sent.message}{' '}
            <button type="button" className="link-button" onClick={() => setSent(null)}>
              Change the details
            </button>
          </p>
        ) : (
          <SubmitButton busy={busy} busyText="Sending code…">
            Send code
          </SubmitButton>
        )}
        {!sent && <FormError error={failure} />}
      </form>

      {sent && (
        <form className="card" onSubmit={register} noValidate aria-label="Confirm the enterprise">
          <Field
            label="Code"
            hint={CODE_HINT}
            name="code"
            inputMode="numeric"
            autoComplete="one-time-code"
            maxLength={6}
            value={code}
            onChange={(e) => setCode(e.target.value)}
            error={stepErrors.code}
            required
          />
          <ResendCode sentAt={sent.at} busy={busy} onResend={() => void sendCode(sent.application)} />
          <BirthFields
            year={year}
            month={month}
            onYear={setYear}
            onMonth={setMonth}
            error={stepErrors.birth}
            hint="Required for a new account. An enterprise must be registered by an adult."
          />
          <SubmitButton busy={busy} busyText="Registering…">
            Register enterprise
          </SubmitButton>
          <FormError error={failure} />
        </form>
      )}
    </section>
  );
}
