// Typed client for the operator console's privacy routes (/api/v1/operator/privacy/*,
// /api/v1/operator/incidents, /api/v1/operator/recipients, /api/v1/operator/policy), on
// top of the accounts client's session and CSRF token. Operators only (403 otherwise).
import type { AccountsClient } from './accounts';
import type { ErasableCategory, ErasureGround, PrivacyRequest } from './privacy';
import type { Incident, Recipient } from './privacyRegisters';

export interface OperatorRequest extends PrivacyRequest {
  userId: number | null;
  requesterContact: string;
  overdue: boolean;
}

export interface OperatorRequests {
  open: OperatorRequest[];
  closed: OperatorRequest[];
  overdue: number;
}

export interface EnteredRequest {
  kind: PrivacyRequest['kind'];
  account?: string;
  requesterContact: string;
  details: string;
  identityVerified?: boolean;
  category?: ErasableCategory;
  ground?: ErasureGround;
  /** For a deceased user's relative (R-PRIV-6): how he is related and what proves it. */
  relationship?: string;
  proofOfRelationship?: string;
}

export interface OperatorIncident extends Incident {
  published: boolean;
}

/** What the operator records: an incident without what the server adds to it. */
export type IncidentDraft = Omit<Incident, 'id' | 'recordedAt' | 'notified'> & { published: boolean };

export type RecipientDraft = Omit<Recipient, 'id' | 'addedAt'>;

export interface PolicyDraft {
  text: string;
  effectiveAt: string;
  material: boolean;
}

const REQUESTS = '/api/v1/operator/privacy/requests';

export class OperatorClient {
  constructor(private readonly accounts: AccountsClient) {}

  async requests(): Promise<OperatorRequests> {
    return this.accounts.json<OperatorRequests>('GET', REQUESTS);
  }

  async request(id: string): Promise<OperatorRequest> {
    return this.accounts.json<OperatorRequest>('GET', `${REQUESTS}/${encodeURIComponent(id)}`);
  }

  async enter(request: EnteredRequest): Promise<OperatorRequest> {
    return this.accounts.json<OperatorRequest>('POST', REQUESTS, request);
  }

  async verify(id: string): Promise<OperatorRequest> {
    return this.accounts.json<OperatorRequest>('POST', `${REQUESTS}/${encodeURIComponent(id)}/verify`, {});
  }

  async answer(id: string, text: string): Promise<OperatorRequest> {
    return this.accounts.json<OperatorRequest>('POST', `${REQUESTS}/${encodeURIComponent(id)}/answer`, { text });
  }

  async refuse(id: string, reason: string): Promise<OperatorRequest> {
    return this.accounts.json<OperatorRequest>('POST', `${REQUESTS}/${encodeURIComponent(id)}/refuse`, { reason });
  }

  async incidents(): Promise<OperatorIncident[]> {
    return (await this.accounts.json<{ incidents: OperatorIncident[] }>('GET', '/api/v1/operator/incidents')).incidents;
  }

  async recordIncident(draft: IncidentDraft): Promise<OperatorIncident> {
    return this.accounts.json<OperatorIncident>('POST', '/api/v1/operator/incidents', draft);
  }

  async addRecipient(draft: RecipientDraft): Promise<Recipient> {
    return this.accounts.json<Recipient>('POST', '/api/v1/operator/recipients', draft);
  }

  async removeRecipient(id: number): Promise<void> {
    await this.accounts.json('DELETE', `/api/v1/operator/recipients/${id}`);
  }

  async publishPolicy(draft: PolicyDraft): Promise<{ version: number }> {
    return this.accounts.json<{ version: number }>('POST', '/api/v1/operator/policy', draft);
  }
}
