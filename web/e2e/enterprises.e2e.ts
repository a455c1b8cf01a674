// Enterprises in a real browser against a real `videopro serve`: an administrator
// registers an enterprise (code from the development outbox), invites a user by
// email; the user creates his account in a second browser, accepts the invitation,
// and appears in the administrator's member list; promoted, he gets a new session
// token and goes on as an administrator.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './harness';
import { outboxEmails, waitForCode } from './outbox';

const ADMIN = 'ada@acme.example';
const INVITEE = 'bob@example.com';

describe('enterprises', () => {
  let h: Harness;

  beforeAll(async () => {
    h = await startHarness();
  });

  afterAll(async () => {
    await h?.stop();
  });

  it('registers an enterprise, invites a user who accepts, lists him, and promotes him with a new session token', async () => {
    // The administrator registers the enterprise.
    const adminTab = await h.openPage('/enterprise/register');
    const admin = adminTab.page;
    await admin.getByRole('heading', { level: 1, name: 'Register an enterprise' }).waitFor();
    await admin.getByLabel('Company name').fill('Acme Widgets');
    await admin.getByLabel('Your name').fill('Ada Admin');
    await admin.getByLabel('Work email').fill(ADMIN);
    await admin.getByLabel('Mobile number').fill('+44 20 7946 0958');
    let before = await outboxEmails(h.server.dataDir);
    await admin.getByRole('button', { name: 'Send code' }).click();
    await admin
      .getByRole('status')
      .getByText(/a code is on its way/)
      .waitFor();
    const code = await waitForCode(h.server.dataDir, ADMIN, before);
    await admin.getByLabel('Code', { exact: true }).fill(code);
    await admin.getByLabel('Year').fill('1980');
    await admin.getByLabel('Month').selectOption({ label: 'March' });
    await admin.getByRole('button', { name: 'Register enterprise' }).click();
    await admin.getByRole('heading', { level: 1, name: 'Acme Widgets' }).waitFor();
    await admin.getByText('You are an administrator of this enterprise').waitFor();
    const members = admin.getByRole('table', { name: 'Members' });
    await members.getByText('Ada Admin').waitFor();

    // …and invites Bob by email.
    await admin.getByLabel('Invite by email or mobile number').fill(INVITEE);
    await admin.getByRole('button', { name: 'Send invitation' }).click();
    await admin.getByRole('status').getByText(`Invitation sent to ${INVITEE}`).waitFor();
    await admin.getByRole('table', { name: 'Invitations sent' }).getByText('Waiting for an answer').waitFor();
    await adminTab.screenshot('enterprise-admin');

    // Bob creates his account in another browser with the invited address.
    const bobTab = await h.browser.newPage(h.server.url);
    const bob = bobTab.page;
    await bob.goto('/signup');
    before = await outboxEmails(h.server.dataDir);
    await bob.getByLabel('Email address or mobile number').fill(INVITEE);
    await bob.getByRole('button', { name: 'Send code' }).click();
    await bob
      .getByRole('status')
      .getByText(/a code is on its way/)
      .waitFor();
    await bob.getByLabel('Code', { exact: true }).fill(await waitForCode(h.server.dataDir, INVITEE, before));
    await bob.getByLabel('Display name (optional)').fill('Bob Builder');
    await bob.getByLabel('Year').fill('1990');
    await bob.getByLabel('Month').selectOption({ label: 'July' });
    await bob.getByRole('button', { name: 'Create account' }).click();
    await bob.waitForURL((url) => url.pathname === '/');

    // He sees the invitation and accepts it.
    await bob.goto('/invitations');
    const invitation = bob.getByRole('list', { name: 'Your invitations' }).getByRole('listitem');
    await invitation.getByText('Ada Admin invited you').waitFor();
    await invitation.getByRole('button', { name: 'Accept invitation to Acme Widgets' }).click();
    await bob.getByRole('status').getByText('You are now a member of Acme Widgets.').waitFor();
    await bob.getByRole('link', { name: 'Open the enterprise' }).click();
    const seenByBob = bob.getByRole('list', { name: 'Members' });
    await seenByBob.getByText('Bob Builder (you)').waitFor();
    await seenByBob.getByText('Ada Admin').waitFor();
    expect(await bob.getByText(ADMIN).count()).toBe(0); // a member sees names only
    await bobTab.screenshot('enterprise-member');

    // The administrator now lists Bob as a member.
    await admin.reload();
    await members.getByText('Bob Builder').waitFor();
    await members.getByText(INVITEE).waitFor();
    await admin.getByRole('table', { name: 'Invitations sent' }).getByText('Accepted').waitFor();

    // Ada makes Bob an administrator: his session gets a new token on his next request
    // (R-ACC-3), and he goes on with it, state-changing requests included.
    const bobsCookie = async () => (await bob.context().cookies()).find((c) => c.name === 'vp_session')?.value;
    const beforePromotion = await bobsCookie();
    const bobsRow = members.getByRole('row').filter({ hasText: 'Bob Builder' });
    await bobsRow.getByRole('button', { name: 'Make administrator' }).click();
    await bobsRow.getByRole('button', { name: 'Make member' }).waitFor();
    await bob.reload();
    await bob.getByText('You are an administrator of this enterprise').waitFor();
    expect(await bobsCookie()).not.toBe(beforePromotion);
    await bob.getByLabel('Invite by email or mobile number').fill('carl@example.com');
    await bob.getByRole('button', { name: 'Send invitation' }).click();
    await bob.getByRole('status').getByText('Invitation sent to carl@example.com').waitFor();

    expect(adminTab.problems()).toEqual([]);
    expect(bobTab.problems()).toEqual([]);
  });
});
