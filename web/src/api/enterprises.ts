// Typed client for the enterprises API (/api/v1/enterprises*, /api/v1/invitations*),
// on top of the accounts client (same session cookie, CSRF token and errors).
import type { AccountsClient, SignedIn } from './accounts';

export type Role = 'administrator' | 'member';
export type MemberStatus = 'active' | 'disabled';

export interface EnterpriseApplication {
  companyName: string;
  creatorName: string;
  mobile: string;
  email: string;
  notes: string;
}

export interface EnterpriseRegistration extends EnterpriseApplication {
  code: string;
  birthYear: number;
  birthMonth: number;
}

export interface Enterprise {
  id: number;
  name: string;
  role: Role;
  status: MemberStatus;
  /** Administrators only. */
  contactName?: string;
  contactEmail?: string;
  contactPhone?: string;
  notes?: string;
  createdAt?: string;
}

export interface EnterpriseRegistered extends SignedIn {
  enterprise: Enterprise;
  newAccount: boolean;
}

export interface Membership {
  id: number;
  name: string;
  role: Role;
  status: MemberStatus;
  joinedAt: string;
}

/** A member as the viewer may see him: a member sees displayName, avatarUrl (and you) only. */
export interface Member {
  displayName: string;
  /** The member's avatar image (same enterprise only), or null without one. */
  avatarUrl?: string | null;
  you?: boolean;
  userId?: number;
  email?: string | null;
  phone?: string | null;
  role?: Role;
  status?: MemberStatus;
  joinedAt?: string;
}

export interface MemberList {
  role: Role;
  administrator: boolean;
  members: Member[];
}

export type InvitationState = 'pending' | 'expired' | 'accepted' | 'declined' | 'revoked';

export interface Invitation {
  id: number;
  enterpriseId: number;
  enterpriseName: string;
  invitedBy: string;
  channel: 'email' | 'sms';
  target: string;
  state: InvitationState;
  createdAt: string;
  expiresAt: string;
  respondedAt: string | null;
}

export type CancellationStatus = 'pending' | 'approved' | 'refused';

export interface CancellationRequest {
  id: number;
  enterpriseId: number;
  userId: number;
  note: string;
  status: CancellationStatus;
  createdAt: string;
  decidedAt: string | null;
  decidedBy: number | null;
  decisionReason: string | null;
  memberName?: string;
  history?: { status: CancellationStatus; actorId: number | null; reason: string | null; at: string }[];
}

export interface MemberChange {
  role?: Role;
  status?: MemberStatus;
}

const path = (id: number, tail = '') => `/api/v1/enterprises/${encodeURIComponent(String(id))}${tail}`;

export class EnterprisesClient {
  constructor(private readonly accounts: AccountsClient) {}

  async requestRegistrationCode(application: EnterpriseApplication): Promise<string> {
    return (
      await this.accounts.json<{ status: string; message: string }>(
        'POST',
        '/api/v1/enterprises/registration-code',
        application,
      )
    ).message;
  }

  async register(registration: EnterpriseRegistration): Promise<EnterpriseRegistered> {
    return this.accounts.remember(
      await this.accounts.json<EnterpriseRegistered>('POST', '/api/v1/enterprises', registration),
    );
  }

  async mine(): Promise<Membership[]> {
    return (await this.accounts.json<{ enterprises: Membership[] }>('GET', '/api/v1/enterprises')).enterprises;
  }

  async enterprise(id: number): Promise<Enterprise> {
    return this.accounts.json<Enterprise>('GET', path(id));
  }

  async members(id: number): Promise<MemberList> {
    return this.accounts.json<MemberList>('GET', path(id, '/members'));
  }

  async changeMember(id: number, userId: number, change: MemberChange): Promise<MemberList> {
    return this.accounts.json<MemberList>('PATCH', path(id, `/members/${userId}`), change);
  }

  async removeMember(id: number, userId: number): Promise<void> {
    await this.accounts.call('DELETE', path(id, `/members/${userId}`));
  }

  async invitations(id: number): Promise<Invitation[]> {
    return (await this.accounts.json<{ invitations: Invitation[] }>('GET', path(id, '/invitations'))).invitations;
  }

  async invite(id: number, target: string): Promise<Invitation> {
    return this.accounts.json<Invitation>('POST', path(id, '/invitations'), { target });
  }

  async revokeInvitation(id: number, invitationId: number): Promise<void> {
    await this.accounts.call('DELETE', path(id, `/invitations/${invitationId}`));
  }

  async myInvitations(): Promise<Invitation[]> {
    return (await this.accounts.json<{ invitations: Invitation[] }>('GET', '/api/v1/invitations')).invitations;
  }

  async accept(invitationId: number): Promise<Membership> {
    return (
      await this.accounts.json<{ enterprise: Membership }>('POST', `/api/v1/invitations/${invitationId}/accept`, {})
    ).enterprise;
  }

  async decline(invitationId: number): Promise<void> {
    await this.accounts.call('POST', `/api/v1/invitations/${invitationId}/decline`, {});
  }

  async cancellationRequests(id: number): Promise<CancellationRequest[]> {
    return (await this.accounts.json<{ requests: CancellationRequest[] }>('GET', path(id, '/cancellation-requests')))
      .requests;
  }

  async requestCancellation(id: number, note: string): Promise<CancellationRequest> {
    return this.accounts.json<CancellationRequest>('POST', path(id, '/cancellation-requests'), { note });
  }

  async decide(id: number, requestId: number, approve: boolean, reason: string): Promise<CancellationRequest> {
    const body = reason.trim() ? { reason } : {};
    return this.accounts.json<CancellationRequest>(
      'POST',
      path(id, `/cancellation-requests/${requestId}/${approve ? 'approve' : 'refuse'}`),
      body,
    );
  }
}
