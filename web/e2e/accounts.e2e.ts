// Accounts in a real browser against a real `videopro serve`: register by email
// with the code from the development outbox (<data-dir>/outbox/*.eml), the
// Security Center, password change, sign out and in again, and "Sign out of all
// other devices" ending a second browser's session.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness, type WatchedPage } from './harness';
import { sendCode } from './outbox';

const EMAIL = 'ann@example.com';
const FIRST_PASSWORD = 'correct horse';
const NEW_PASSWORD = 'battery staple 42';

// Chromium itself logs a refused fetch ("Failed to load resource: ... 401"): expected
// exactly once in the second browser, whose session was ended from the first.
const REFUSED_401 = /Failed to load resource: the server responded with a status of 401/;

describe('accounts', () => {
  let h: Harness;

  beforeAll(async () => {
    h = await startHarness();
  });

  afterAll(async () => {
    await h?.stop();
  });

  it('registers by email, manages sessions and the password, and signs out other devices', async () => {
    const first: WatchedPage = await h.openPage('/');
    const page = first.page;

    // Register by email.
    await page.getByRole('link', { name: 'Create account' }).click();
    await page.getByRole('heading', { level: 1, name: 'Create account' }).waitFor();
    const code = await sendCode(h, page, EMAIL);
    await page.getByLabel('Code', { exact: true }).fill(code);
    await page.getByLabel('Display name (optional)').fill('Ann');
    await page.getByLabel('Password (optional)').fill(FIRST_PASSWORD);
    await page.getByLabel('Year').fill('1985');
    await page.getByLabel('Month').selectOption({ label: 'July' });
    await page.getByRole('button', { name: 'Create account' }).click();

    // Landed signed in on the home page.
    await page.waitForURL((url) => url.pathname === '/');
    const menu = page.getByRole('navigation', { name: 'Account' });
    await menu.getByText('Signed in as').waitFor();
    await expect(menu.getByText('Ann', { exact: true }).isVisible()).resolves.toBe(true);
    await first.screenshot('accounts-signed-in');

    // Security Center: one session, marked as this device.
    await menu.getByRole('link', { name: 'Security Center' }).click();
    await page.getByRole('heading', { level: 1, name: 'Security Center' }).waitFor();
    const sessions = page.getByRole('list', { name: 'Signed-in devices' }).getByRole('listitem');
    await sessions.first().waitFor();
    expect(await sessions.count()).toBe(1);
    await expect(sessions.first().getByText('This device').isVisible()).resolves.toBe(true);
    await expect(sessions.first().textContent()).resolves.toMatch(/Chrom/);
    await first.screenshot('accounts-security-center');

    // Change the password.
    await page.getByLabel('Current password').fill(FIRST_PASSWORD);
    await page.getByLabel('New password', { exact: true }).fill(NEW_PASSWORD);
    await page.getByLabel('New password again').fill(NEW_PASSWORD);
    await page.getByRole('button', { name: 'Change password' }).click();
    await page.getByRole('status').getByText('Password changed.').waitFor();

    // Sign out, then in again with the new password.
    await page.getByRole('main').getByRole('button', { name: 'Sign out', exact: true }).click();
    await page.waitForURL((url) => url.pathname === '/');
    await menu.getByRole('link', { name: 'Sign in' }).click();
    await page.getByLabel('With a password').check();
    await page.getByLabel('Email address or mobile number').fill(EMAIL);
    await page.getByLabel('Password', { exact: true }).fill(FIRST_PASSWORD);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page
      .getByRole('alert')
      .getByText(/Sign-in failed/)
      .waitFor(); // the old password is gone
    await page.getByLabel('Password', { exact: true }).fill(NEW_PASSWORD);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.waitForURL((url) => url.pathname === '/');
    await menu.getByText('Signed in as').waitFor();

    // A second browser signs in by code and opens its Security Center.
    const second = await h.browser.newPage(h.server.url);
    const other = second.page;
    await other.goto('/signin?next=/settings/security');
    const loginCode = await sendCode(h, other, EMAIL);
    await other.getByLabel('Code', { exact: true }).fill(loginCode);
    await other.getByRole('button', { name: 'Sign in', exact: true }).click();
    await other.getByRole('heading', { level: 1, name: 'Security Center' }).waitFor();
    await other.getByRole('list', { name: 'Signed-in devices' }).getByText('This device').waitFor();

    // The first browser sees two sessions and signs out the other one.
    await menu.getByRole('link', { name: 'Security Center' }).click();
    const list = page.getByRole('list', { name: 'Signed-in devices' }).getByRole('listitem');
    await list.nth(1).waitFor();
    expect(await list.count()).toBe(2);
    await page.getByRole('button', { name: 'Sign out of all other devices' }).click();
    await page.getByRole('status').getByText('1 other device is signed out.').waitFor();
    await list.nth(1).waitFor({ state: 'detached' });
    expect(await list.count()).toBe(1);

    // The second browser's next API call is refused and its page shows it signed out.
    const refused = other.waitForResponse((r) => r.url().endsWith('/api/v1/security/sessions'));
    await other.getByRole('button', { name: 'Refresh' }).click();
    expect((await refused).status()).toBe(401);
    await other.getByRole('heading', { level: 1, name: 'You are signed out' }).waitFor();
    await other.getByText('Your session has ended').waitFor();
    await second.screenshot('accounts-signed-out-elsewhere');

    // The first browser is still signed in.
    await page.reload();
    await page.getByRole('list', { name: 'Signed-in devices' }).getByText('This device').waitFor();

    // The one failed sign-in above and the ended session each made Chromium log a refused request.
    const unexpected = (tab: WatchedPage) => tab.problems().filter((p) => !REFUSED_401.test(p));
    expect(unexpected(first)).toEqual([]);
    expect(unexpected(second)).toEqual([]);
    expect(second.problems().filter((p) => REFUSED_401.test(p))).toHaveLength(1);
  });
});
