import { useState, type FormEvent } from 'react';
import type { AccountsClient, CodePurpose } from '../../api/accounts';
import { checkTarget } from '../../accounts/validation';

export interface SentCode {
  /** The normalised address the code went to. */
  target: string;
  message: string;
  /** When it was sent (ms), for the resend countdown. */
  at: number;
}

/** The "email or mobile number → Send code" step shared by sign-up and sign-in. */
export function useCodeRequest(client: AccountsClient, purpose: CodePurpose) {
  const [target, setTarget] = useState('');
  const [targetError, setTargetError] = useState<string | null>(null);
  const [sent, setSent] = useState<SentCode | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  async function send(to: string) {
    setFailure(null);
    setBusy(true);
    try {
      const message = await client.requestCode(to, purpose);
      setSent({ target: to, message, at: Date.now() });
    } catch (e) {
      setFailure(e);
    } finally {
      setBusy(false);
    }
  }

  async function submit(event?: FormEvent) {
    event?.preventDefault();
    const checked = checkTarget(target);
    setTargetError(checked.ok ? null : checked.message);
    if (checked.ok) await send(checked.value.value);
  }

  return {
    target,
    setTarget: (value: string) => {
      setTarget(value);
      setTargetError(null);
    },
    targetError,
    sent,
    failure,
    busy,
    submit,
    resend: () => void (sent && send(sent.target)),
    reset: () => {
      setSent(null);
      setFailure(null);
    },
  };
}

export type CodeRequest = ReturnType<typeof useCodeRequest>;
