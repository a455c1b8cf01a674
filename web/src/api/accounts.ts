// Typed client for the accounts API (/api/v1/auth/*, /api/v1/me, /api/v1/security/*).
//
// Errors arrive as {"error":{"code","message"}}; every failure becomes an ApiError
// with the HTTP status, the server's stable code and its message (which says what
// went wrong and what to do). State-changing requests carry the session's CSRF
// token (X-CSRF-Token) once it is known; the browser adds the Origin header itself.

export type CodePurpose = 'register' | 'login';

export interface User {
  id: number;
  email: string | null;
  phone: string | null;
  displayName: string;
  status: 'active' | 'pending_guardian' | 'disabled';
  hasPassword: boolean;
  birthYear: number;
  birthMonth: number;
  createdAt: string;
}

export interface SignedIn {
  user: User;
  csrfToken: string;
}

export interface PendingRegistration {
  user: User;
  guardianConsentRequired: true;
  message: string;
  /** Where the guardian's code went, masked (m***@e***.com). */
  guardian?: string;
}

/** One message of the development outbox (operator console). */
export interface DevOutboxMessage {
  file: string;
  channel: 'email' | 'sms';
  createdAt: string;
  to: string;
  subject: string;
  text: string;
  code: string | null;
}

export interface DevOutbox {
  transport: 'dev' | 'external';
  messages: DevOutboxMessage[];
}

export interface Me {
  user: User;
  csrfToken: string;
  session: { id: number; createdAt: string; expiresAt: string; idleExpiresAt: string };
}

export interface Session {
  id: number;
  device: string;
  ip: string;
  createdAt: string;
  lastUsedAt: string;
  expiresAt: string;
  current: boolean;
}

export interface Registration {
  target: string;
  code: string;
  displayName?: string | undefined;
  password?: string | undefined;
  birthYear: number;
  birthMonth: number;
  /** Under 14: the parent's or guardian's email or mobile number. */
  guardian?: string | undefined;
}

export type Credentials = { target: string; code: string } | { target: string; password: string };

export type RegistrationResult =
  { kind: 'signedIn'; signedIn: SignedIn } | { kind: 'pending'; pending: PendingRegistration };

/** Codes the client itself produces, next to the server's stable ones. */
export const NETWORK_ERROR = 'network';
export const BAD_ANSWER = 'bad_answer';

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  constructor(status: number, code: string, message: string) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
  }
  /** The session is missing or has ended: the user is signed out. */
  get signedOut(): boolean {
    return this.status === 401 && this.code === 'unauthenticated';
  }
}

/** Reads the error shape {"error":{"code","message"}}; anything else gets a generic message by status. */
export async function errorFrom(response: Response): Promise<ApiError> {
  let body: unknown = null;
  try {
    body = await response.json();
  } catch {
    // not JSON: fall through to the generic message
  }
  const error = (body as { error?: { code?: unknown; message?: unknown } } | null)?.error;
  if (error && typeof error.code === 'string' && typeof error.message === 'string') {
    return new ApiError(response.status, error.code, error.message);
  }
  const message =
    response.status >= 500
      ? 'The server could not answer; try again in a moment.'
      : `The server refused the request (HTTP ${response.status}); reload the page and try again.`;
  return new ApiError(response.status, BAD_ANSWER, message);
}

export type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';

export class AccountsClient {
  private csrfToken: string | null = null;
  /** How many renewals were seen (a /me answer older than the last one must not undo it). */
  private renewals = 0;
  private readonly fetchImpl: typeof fetch;
  /** Called whenever a request finds the session ended (401 unauthenticated). */
  onSignedOut: (() => void) | null = null;
  /** Called when the server wants a new policy version accepted first (403 policy_acceptance_required). */
  onPolicyAcceptanceRequired: (() => void) | null = null;

  constructor(fetchImpl?: typeof fetch) {
    this.fetchImpl = fetchImpl ?? ((input, init) => fetch(input, init));
  }

  get csrf(): string | null {
    return this.csrfToken;
  }

  /** One request with the CSRF token; throws ApiError. Shared with the other API clients. */
  async call(method: Method, path: string, body?: unknown): Promise<Response> {
    return this.send(method, path, body, false);
  }

  private async send(method: Method, path: string, body: unknown, retried: boolean): Promise<Response> {
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (method !== 'GET' && this.csrfToken) headers['X-CSRF-Token'] = this.csrfToken;
    let response: Response;
    try {
      response = await this.fetchImpl(path, {
        method,
        headers,
        body: body === undefined ? null : JSON.stringify(body),
        credentials: 'same-origin',
        cache: 'no-store',
      });
    } catch {
      throw new ApiError(0, NETWORK_ERROR, 'Cannot reach the server. Check your connection and try again.');
    }
    this.noteRenewal(response.headers.get('X-CSRF-Token'));
    if (!response.ok) {
      const error = await errorFrom(response);
      if (error.code === 'csrf_failed' && !retried && (await this.refreshCsrf())) {
        return this.send(method, path, body, true);
      }
      if (error.signedOut) {
        this.csrfToken = null;
        this.onSignedOut?.();
      }
      if (error.code === 'policy_acceptance_required') this.onPolicyAcceptanceRequired?.();
      throw error;
    }
    return response;
  }

  /** call() and the JSON answer. */
  async json<T>(method: Method, path: string, body?: unknown): Promise<T> {
    const response = await this.call(method, path, body);
    try {
      return (await response.json()) as T;
    } catch {
      throw new ApiError(
        response.status,
        BAD_ANSWER,
        'The server sent an unreadable answer; reload the page and try again.',
      );
    }
  }

  /**
   * The server replaced the session's token (after a privilege change) and sent its new
   * CSRF token in the X-CSRF-Token response header: keep it. Any answer may carry one.
   */
  noteRenewal(csrfToken: string | null | undefined): void {
    if (!csrfToken) return;
    this.csrfToken = csrfToken;
    this.renewals += 1;
  }

  /**
   * Asks the server for the session's current CSRF token, after a refusal for a stale one
   * (another tab, or an image answer, received the session's renewal). True when it changed,
   * i.e. when the refused request is worth one more try.
   */
  async refreshCsrf(): Promise<boolean> {
    const before = this.csrfToken;
    try {
      await this.me();
    } catch {
      return false;
    }
    return this.csrfToken !== null && this.csrfToken !== before;
  }

  /** Keeps the CSRF token of a new session. */
  remember<T extends { csrfToken: string }>(answer: T): T {
    this.csrfToken = answer.csrfToken;
    return answer;
  }

  async requestCode(target: string, purpose: CodePurpose): Promise<string> {
    const sent = await this.json<{ status: string; message: string }>('POST', '/api/v1/auth/code', { target, purpose });
    return sent.message;
  }

  async register(registration: Registration): Promise<RegistrationResult> {
    const response = await this.call('POST', '/api/v1/auth/register', registration);
    const body = (await response.json()) as SignedIn | PendingRegistration;
    if (response.status === 202 || 'guardianConsentRequired' in body) {
      return { kind: 'pending', pending: body as PendingRegistration };
    }
    return { kind: 'signedIn', signedIn: this.remember(body as SignedIn) };
  }

  async login(credentials: Credentials): Promise<SignedIn> {
    return this.remember(await this.json<SignedIn>('POST', '/api/v1/auth/login', credentials));
  }

  async logout(): Promise<void> {
    try {
      await this.call('POST', '/api/v1/auth/logout');
    } finally {
      this.csrfToken = null;
    }
  }

  /** The signed-in user, or null when nobody is signed in. */
  async me(): Promise<Me | null> {
    try {
      const renewalsBefore = this.renewals;
      const me = await this.json<Me>('GET', '/api/v1/me');
      // A renewal seen meanwhile (X-CSRF-Token) carries the newest token: keep it.
      if (this.renewals === renewalsBefore) this.csrfToken = me.csrfToken;
      return me;
    } catch (e) {
      if (e instanceof ApiError && e.signedOut) return null;
      throw e;
    }
  }

  async sessions(): Promise<Session[]> {
    return (await this.json<{ sessions: Session[] }>('GET', '/api/v1/security/sessions')).sessions;
  }

  async revokeSession(id: number): Promise<void> {
    await this.call('DELETE', `/api/v1/security/sessions/${encodeURIComponent(String(id))}`);
  }

  /** Signs out every other session; returns how many ended. */
  async revokeOtherSessions(): Promise<number> {
    return (
      await this.json<{ revoked: number }>('POST', '/api/v1/security/sessions/revoke-all', { includeCurrent: false })
    ).revoked;
  }

  async changePassword(currentPassword: string, newPassword: string): Promise<SignedIn> {
    return this.remember(
      await this.json<SignedIn>('POST', '/api/v1/security/password', { currentPassword, newPassword }),
    );
  }

  /** A guardian confirms a child's account with the code sent to him (R-MINOR-1). */
  async confirmGuardian(request: string, code: string): Promise<string> {
    return (await this.json<{ message: string }>('POST', '/api/v1/guardian/confirm', { request, code })).message;
  }

  async resendGuardianCode(request: string): Promise<string> {
    return (await this.json<{ message: string }>('POST', '/api/v1/guardian/resend', { request })).message;
  }

  /** Operators only: the development outbox, newest first. */
  async operatorOutbox(limit = 50): Promise<DevOutbox> {
    return this.json<DevOutbox>('GET', `/api/v1/operator/outbox?limit=${encodeURIComponent(String(limit))}`);
  }

  /** Records a consent in the ledger (signed-in users), e.g. the cookie banner's choice. */
  async recordConsent(purpose: string, granted: boolean, method: 'button' | 'banner'): Promise<void> {
    await this.call('POST', '/api/v1/consents', { purpose, granted, method });
  }
}
