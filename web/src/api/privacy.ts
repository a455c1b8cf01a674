// Typed client for the privacy center (/api/v1/policy*, /api/v1/consents,
// /api/v1/privacy/*), on top of the accounts client's session and CSRF token.
import { ApiError, type AccountsClient } from './accounts';

export interface PublishedPolicy {
  version: number;
  effectiveAt: string;
  material: boolean;
  publishedAt: string;
  text: string;
}

export interface PolicyVersionInfo {
  version: number;
  effectiveAt: string;
  material: boolean;
  publishedAt: string;
  inForce: boolean;
}

export interface ConsentRecordView {
  purpose: string;
  granted: boolean;
  recordedAt: string;
}

export interface ConsentState {
  acceptanceRequired: number | null;
  /** The latest record of each purpose (null: never asked). */
  current?: Record<string, ConsentRecordView | null>;
}

/** The optional consent for profile details beyond the name (R-PRIV-2). */
export const PROFILE_EXTRAS = 'profile_extras';

/** Whether close relatives may exercise one's rights after death (policy §6.7(2), R-PRIV-6). */
export const POSTHUMOUS_ACCESS = 'posthumous_access';

export type ErasableCategory = 'profile_extras' | 'avatar' | 'meeting_history';
export type ErasureGround = 'purpose_achieved' | 'consent_withdrawn' | 'unlawful_processing' | 'other_law';

export interface CategoryDeletion extends PrivacyRequest {
  carriedOut: boolean;
  rowsDeleted: number;
}

export type ExportStatus = 'queued' | 'running' | 'ready' | 'failed';

export interface DataExport {
  id: string;
  status: ExportStatus;
  progress: number;
  createdAt: string;
  finishedAt: string | null;
  expiresAt: string | null;
  error: string | null;
  bytes: number;
  downloadUrl: string | null;
}

export type RequestKind = 'access' | 'copy' | 'correction' | 'deletion' | 'cancellation' | 'explanation';

export interface PrivacyRequest {
  id: string;
  kind: RequestKind | 'deceased_relative';
  channel: string;
  details: string;
  identityVerified: boolean;
  status: 'received' | 'in_progress' | 'answered' | 'refused';
  receivedAt: string;
  dueAt: string;
  answer: string | null;
  answeredAt: string | null;
  history: { at: string; status: string; actor: string; note: string }[];
  category?: ErasableCategory | null;
  ground?: ErasureGround | null;
}

export class PrivacyClient {
  constructor(private readonly accounts: AccountsClient) {}

  /** The version in force, or null when the operator has published none yet. */
  async policy(): Promise<PublishedPolicy | null> {
    try {
      return await this.accounts.json<PublishedPolicy>('GET', '/api/v1/policy');
    } catch (e) {
      if (e instanceof ApiError && e.code === 'no_policy') return null;
      throw e;
    }
  }

  async policyVersions(): Promise<PolicyVersionInfo[]> {
    return (await this.accounts.json<{ versions: PolicyVersionInfo[] }>('GET', '/api/v1/policy/versions')).versions;
  }

  async consents(): Promise<ConsentState> {
    return this.accounts.json<ConsentState>('GET', '/api/v1/consents');
  }

  /** Whether the user's latest "profile extras" record grants it. */
  async extrasConsent(): Promise<boolean> {
    const state = await this.consents();
    return state.current?.[PROFILE_EXTRAS]?.granted === true;
  }

  async setExtrasConsent(granted: boolean): Promise<void> {
    await this.accounts.json('POST', '/api/v1/consents', { purpose: PROFILE_EXTRAS, granted, method: 'button' });
  }

  /** Whether relatives may act after one's death: yes unless the latest record withdrew it. */
  async posthumousAccess(): Promise<boolean> {
    const state = await this.consents();
    return state.current?.[POSTHUMOUS_ACCESS]?.granted !== false;
  }

  async setPosthumousAccess(allowed: boolean): Promise<void> {
    await this.accounts.json('POST', '/api/v1/consents', {
      purpose: POSTHUMOUS_ACCESS,
      granted: allowed,
      method: 'button',
    });
  }

  /** Asks to delete one category of one's data on a ground of policy §6.4 (R-PRIV-4). */
  async deleteCategory(category: ErasableCategory, ground: ErasureGround, reason: string): Promise<CategoryDeletion> {
    return this.accounts.json<CategoryDeletion>('POST', '/api/v1/privacy/deletions', { category, ground, reason });
  }

  async acceptPolicy(): Promise<void> {
    await this.accounts.json('POST', '/api/v1/consents', { purpose: 'policy_acceptance', granted: true });
  }

  async requestExport(): Promise<DataExport> {
    return this.accounts.json<DataExport>('POST', '/api/v1/privacy/exports');
  }

  async exports(): Promise<DataExport[]> {
    return (await this.accounts.json<{ exports: DataExport[] }>('GET', '/api/v1/privacy/exports')).exports;
  }

  async exportStatus(id: string): Promise<DataExport> {
    return this.accounts.json<DataExport>('GET', `/api/v1/privacy/exports/${encodeURIComponent(id)}`);
  }

  /** Sends a sign-in code to the account's email or phone, to re-verify before cancellation. */
  async requestCancellationCode(): Promise<void> {
    await this.accounts.json('POST', '/api/v1/privacy/cancellation/code');
  }

  async fileRequest(kind: RequestKind, details: string): Promise<PrivacyRequest> {
    return this.accounts.json<PrivacyRequest>('POST', '/api/v1/privacy/requests', { kind, details });
  }

  async requests(): Promise<PrivacyRequest[]> {
    return (await this.accounts.json<{ requests: PrivacyRequest[] }>('GET', '/api/v1/privacy/requests')).requests;
  }

  async cancelAccount(code: string): Promise<void> {
    await this.accounts.json('POST', '/api/v1/privacy/cancellation', { code, confirm: true });
  }
}
