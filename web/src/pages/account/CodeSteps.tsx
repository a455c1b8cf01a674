import type { ReactNode } from 'react';
import { Field, FormError, ResendCode, SubmitButton } from '../../accounts/ui';
import { CODE_HINT, TARGET_HINT } from '../../accounts/validation';
import type { CodeRequest } from './useCodeRequest';

/** The email-or-mobile field that leads to a new one-time code (sign-up and sign-in). */
export function TargetForm({ request, label }: { request: CodeRequest; label: string }) {
  return (
    <form className="card" onSubmit={request.submit} noValidate aria-label={label}>
      <TargetField
        value={request.target}
        onChange={request.setTarget}
        error={request.targetError}
        readOnly={request.sent !== null}
      />
      {request.sent ? (
        <p className="form-note" role="status">
          {request.sent.message}{' '}
          <button type="button" className="link-button" onClick={request.reset}>
            Use a different address
          </button>
        </p>
      ) : (
        <SubmitButton busy={request.busy} busyText="Sending code…">
          Send code
        </SubmitButton>
      )}
      <FormError error={request.failure} />
    </form>
  );
}

export function TargetField(props: {
  value: string;
  onChange(value: string): void;
  error?: string | null;
  readOnly?: boolean;
}) {
  return (
    <Field
      label="Email address or mobile number"
      hint={TARGET_HINT}
      name="target"
      type="text"
      autoComplete="username"
      value={props.value}
      onChange={(e) => props.onChange(e.target.value)}
      error={props.error}
      readOnly={props.readOnly ?? false}
      required
    />
  );
}

/** The 6-digit code field with "Send a new code" under it. */
export function CodeField(props: {
  request: CodeRequest;
  value: string;
  onChange(value: string): void;
  error?: string | null | undefined;
}): ReactNode {
  const sent = props.request.sent;
  return (
    <>
      <Field
        label="Code"
        hint={CODE_HINT}
        name="code"
        inputMode="numeric"
        autoComplete="one-time-code"
        maxLength={7}
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
        error={props.error}
        required
      />
      {sent && <ResendCode sentAt={sent.at} busy={props.request.busy} onResend={props.request.resend} />}
    </>
  );
}
