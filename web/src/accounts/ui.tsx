// Small pieces shared by the account screens: error text, fields, buttons, the
// resend countdown.
import { useEffect, useId, useState, type InputHTMLAttributes, type ReactNode } from 'react';
import { ApiError, NETWORK_ERROR } from '../api/accounts';

/** Seconds before another code may be asked for. */
export const RESEND_DELAY_SECONDS = 60;

function sentence(text: string): string {
  const trimmed = text.trim();
  if (!trimmed) return trimmed;
  const first = trimmed.charAt(0).toUpperCase() + trimmed.slice(1);
  return /[.!?]$/.test(first) ? first : `${first}.`;
}

/** What to tell the user about a failed request: what went wrong and what to do. */
export function errorText(error: unknown): string {
  if (!(error instanceof ApiError)) return 'Something went wrong in this page. Reload it and try again.';
  switch (error.code) {
    case 'rate_limited':
      return 'Too many attempts. Wait a few minutes before you try again.';
    case 'login_failed':
      return 'Sign-in failed: the address, code or password is not right. Check them and try again, or ask for a new code.';
    case 'unauthenticated':
      return 'You are signed out. Sign in again to continue.';
    case 'csrf_failed':
      return 'The request was refused for your safety. Reload the page and try again.';
    case 'account_exists':
      return 'An account with this email address or mobile number already exists. Sign in instead.';
    case 'reauthentication_failed':
      return 'The current password is not right. Type it again.';
    case NETWORK_ERROR:
      return error.message;
    default:
      return sentence(error.message);
  }
}

export function FormError({ error }: { error: unknown }) {
  if (error === null || error === undefined) return null;
  return (
    <p className="form-error" role="alert">
      {typeof error === 'string' ? error : errorText(error)}
    </p>
  );
}

type FieldProps = InputHTMLAttributes<HTMLInputElement> & {
  label: string;
  hint?: ReactNode;
  error?: string | null | undefined;
};

/** A labelled input with an optional hint and error, both tied to it for screen readers. */
export function Field({ label, hint, error, id, ...input }: FieldProps) {
  const generated = useId();
  const inputId = id ?? generated;
  const hintId = hint ? `${inputId}-hint` : undefined;
  const errorId = error ? `${inputId}-error` : undefined;
  return (
    <div className="field">
      <label htmlFor={inputId} className="field__label">
        {label}
      </label>
      {hint && (
        <p id={hintId} className="field__hint">
          {hint}
        </p>
      )}
      <input
        id={inputId}
        className="field__input"
        aria-invalid={error ? true : undefined}
        aria-describedby={[hintId, errorId].filter(Boolean).join(' ') || undefined}
        {...input}
      />
      {error && (
        <p id={errorId} className="field__error">
          {error}
        </p>
      )}
    </div>
  );
}

export function SubmitButton({ busy, busyText, children }: { busy: boolean; busyText: string; children: ReactNode }) {
  return (
    <button type="submit" className="button" disabled={busy} aria-busy={busy || undefined}>
      {busy ? busyText : children}
    </button>
  );
}

/** Counts down to zero once a second from `seconds`, restarting whenever `key` changes. */
export function useCountdown(seconds: number, key: unknown): number {
  const [left, setLeft] = useState(seconds);
  useEffect(() => {
    setLeft(seconds);
    const timer = setInterval(() => setLeft((s) => (s <= 1 ? (clearInterval(timer), 0) : s - 1)), 1000);
    return () => clearInterval(timer);
  }, [seconds, key]);
  return left;
}

/** "Send a new code", usable once the countdown since the last code has run out. */
export function ResendCode({ sentAt, busy, onResend }: { sentAt: number; busy: boolean; onResend: () => void }) {
  const left = useCountdown(RESEND_DELAY_SECONDS, sentAt);
  return (
    <p className="resend">
      <button type="button" className="button button--quiet" disabled={left > 0 || busy} onClick={onResend}>
        {busy ? 'Sending…' : 'Send a new code'}
      </button>
      {left > 0 && <span className="resend__wait"> You can ask for a new code in {left} s.</span>}
    </p>
  );
}
