// Typed client for the profile API (/api/v1/profile*, R-ACC-4): view and correct the
// profile, upload (with progress) and remove the avatar, and change the sign-in email
// or mobile number with two codes. Errors become ApiError like the accounts client's;
// state-changing requests carry the session's CSRF token that AccountsClient holds.
import { ApiError, BAD_ANSWER, errorFrom, NETWORK_ERROR, type AccountsClient, type User } from './accounts';

export const PROFILE_FIELDS = ['name', 'gender', 'position', 'address', 'company', 'department'] as const;
export type ProfileField = (typeof PROFILE_FIELDS)[number];

export interface Avatar {
  url: string;
  mediaType: string;
  width: number;
  height: number;
  bytes: number;
  updatedAt: string;
}

export type Profile = Record<ProfileField, string | null> & {
  updatedAt: string | null;
  avatar: Avatar | null;
};

export interface ProfileAnswer {
  profile: Profile;
  user: User;
}

/** Only the fields to change; null clears one. */
export type ProfileCorrection = Partial<Record<ProfileField, string | null>>;

export interface ContactCodesSent {
  /** Where the two codes went, masked (a***@e***.com). */
  current: string;
  new: string;
  message: string;
}

/** Upload progress, 0..1 (only while the body is being sent). */
export type ProgressListener = (fraction: number) => void;

/** The part of XMLHttpRequest the upload uses (a test passes its own). */
export interface UploadRequest {
  open(method: string, url: string): void;
  setRequestHeader(name: string, value: string): void;
  send(body: Blob): void;
  abort(): void;
  readonly status: number;
  readonly responseText: string;
  upload: { onprogress: ((event: { loaded: number; total: number; lengthComputable: boolean }) => void) | null };
  onload: (() => void) | null;
  onerror: (() => void) | null;
  onabort: (() => void) | null;
  getResponseHeader?(name: string): string | null;
}

type Method = 'GET' | 'PATCH' | 'POST' | 'DELETE';

export class ProfileClient {
  private readonly accounts: AccountsClient;
  private readonly fetchImpl: typeof fetch;
  private readonly newRequest: () => UploadRequest;

  constructor(accounts: AccountsClient, fetchImpl?: typeof fetch, newRequest?: () => UploadRequest) {
    this.accounts = accounts;
    this.fetchImpl = fetchImpl ?? ((input, init) => fetch(input, init));
    this.newRequest = newRequest ?? (() => new XMLHttpRequest() as unknown as UploadRequest);
  }

  private headers(method: Method, json: boolean): Record<string, string> {
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (json) headers['Content-Type'] = 'application/json';
    const csrf = this.accounts.csrf;
    if (method !== 'GET' && csrf) headers['X-CSRF-Token'] = csrf;
    return headers;
  }

  private failed(error: ApiError): ApiError {
    if (error.signedOut) this.accounts.onSignedOut?.();
    return error;
  }

  private async call<T>(method: Method, path: string, body?: unknown, retried = false): Promise<T | null> {
    let response: Response;
    try {
      response = await this.fetchImpl(path, {
        method,
        headers: this.headers(method, body !== undefined),
        body: body === undefined ? null : JSON.stringify(body),
        credentials: 'same-origin',
        cache: 'no-store',
      });
    } catch {
      throw new ApiError(0, NETWORK_ERROR, 'Cannot reach the server. Check your connection and try again.');
    }
    this.accounts.noteRenewal(response.headers.get('X-CSRF-Token'));
    if (!response.ok) {
      const error = await errorFrom(response);
      if (error.code === 'csrf_failed' && !retried && (await this.accounts.refreshCsrf())) {
        return this.call<T>(method, path, body, true);
      }
      throw this.failed(error);
    }
    if (response.status === 204) return null;
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

  private async answer<T>(method: Method, path: string, body?: unknown): Promise<T> {
    const answer = await this.call<T>(method, path, body);
    if (answer === null) {
      throw new ApiError(204, BAD_ANSWER, 'The server sent an empty answer; reload the page and try again.');
    }
    return answer;
  }

  async profile(): Promise<ProfileAnswer> {
    return this.answer<ProfileAnswer>('GET', '/api/v1/profile');
  }

  async correct(correction: ProfileCorrection): Promise<ProfileAnswer> {
    return this.answer<ProfileAnswer>('PATCH', '/api/v1/profile', correction);
  }

  async removeAvatar(): Promise<void> {
    await this.call('DELETE', '/api/v1/profile/avatar');
  }

  async requestContactCodes(newTarget: string): Promise<ContactCodesSent> {
    return this.answer<ContactCodesSent>('POST', '/api/v1/profile/contact/codes', { newTarget });
  }

  async changeContact(newTarget: string, currentCode: string, newCode: string): Promise<User> {
    return (await this.answer<{ user: User }>('POST', '/api/v1/profile/contact', { newTarget, currentCode, newCode }))
      .user;
  }

  /**
   * Sends the image as the raw request body (XMLHttpRequest: fetch reports no upload
   * progress). `signal` aborts it.
   */
  uploadAvatar(file: Blob, onProgress?: ProgressListener, signal?: AbortSignal): Promise<ProfileAnswer> {
    return new Promise((resolve, reject) => {
      const request = this.newRequest();
      request.open('POST', '/api/v1/profile/avatar');
      for (const [name, value] of Object.entries(this.headers('POST', false))) request.setRequestHeader(name, value);
      request.setRequestHeader('Content-Type', file.type || 'application/octet-stream');
      request.upload.onprogress = (event) => {
        if (event.lengthComputable && event.total > 0) onProgress?.(Math.min(1, event.loaded / event.total));
      };
      request.onerror = () =>
        reject(new ApiError(0, NETWORK_ERROR, 'Cannot reach the server. Check your connection and try again.'));
      request.onabort = () => reject(new ApiError(0, 'aborted', 'The upload was cancelled.'));
      request.onload = () => {
        this.accounts.noteRenewal(request.getResponseHeader?.('X-CSRF-Token'));
        const response = new Response(request.responseText, {
          status: request.status,
          headers: { 'Content-Type': 'application/json' },
        });
        if (request.status >= 200 && request.status < 300) {
          onProgress?.(1);
          response
            .json()
            .then((body) => resolve(body as ProfileAnswer))
            .catch(() =>
              reject(
                new ApiError(request.status, BAD_ANSWER, 'The server sent an unreadable answer; reload the page.'),
              ),
            );
        } else {
          void errorFrom(response).then((e) => reject(this.failed(e)));
        }
      };
      signal?.addEventListener('abort', () => request.abort(), { once: true });
      request.send(file);
    });
  }
}
