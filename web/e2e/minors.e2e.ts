// A child under 14 in a real browser (R-MINOR-1): registers with a guardian's
// email, cannot sign in, the guardian confirms with the code from the development
// outbox (<data-dir>/outbox), and then the child signs in.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishPolicy } from './admin';
import { startHarness, type Harness } from './harness';
import { outboxEmails, sendCode, waitForMail } from './outbox';

const CHILD = 'kim@example.com';
const GUARDIAN = 'mum@example.com';

// The child's sign-in attempt before the consent is refused (403), which Chromium logs.
const REFUSED_403 = /Failed to load resource: the server responded with a status of 403/;

describe('minors', () => {
  let h: Harness;

  beforeAll(async () => {
    h = await startHarness();
    await publishPolicy(h.server.dataDir, '# Privacy policy\n\nThe e2e test policy.\n', false);
  });

  afterAll(async () => {
    await h?.stop();
  });

  it('a child waits for the guardian, who confirms with the code; then the child signs in', async () => {
    const child = await h.openPage('/signup');
    const page = child.page;

    // Register as a 10-year-old with the guardian's email.
    await page.getByRole('heading', { level: 1, name: 'Create account' }).waitFor();
    const code = await sendCode(h, page, CHILD);
    await page.getByLabel('Code', { exact: true }).fill(code);
    await page.getByLabel('Year').fill(String(new Date().getFullYear() - 10));
    await page.getByLabel('Month').selectOption({ label: 'January' });
    const before = await outboxEmails(h.server.dataDir);
    await page.getByLabel("Parent's or guardian's email or mobile number").fill(GUARDIAN);
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByRole('heading', { level: 1, name: /a parent or guardian has to agree/ }).waitFor();
    await page.getByText('m***@e***.com').waitFor();
    await child.screenshot('minors-pending');

    // The child cannot sign in yet, and is told why.
    await page.goto('/signin');
    const loginCode = await sendCode(h, page, CHILD);
    await page.getByLabel('Code', { exact: true }).fill(loginCode);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page
      .getByRole('alert')
      .getByText(/guardian/)
      .waitFor();

    // The guardian opens the link from the message and confirms with its code.
    const mail = await waitForMail(h.server.dataDir, GUARDIAN, before);
    const link = /https?:\/\/\S+\/guardian\?request=[0-9a-f]{32}/.exec(mail)?.[0];
    const guardianCode = /\b(\d{6})\b/.exec(mail)?.[1];
    expect(link).toBeDefined();
    expect(guardianCode).toBeDefined();
    const guardian = await h.browser.newPage(h.server.url);
    await guardian.page.goto(new URL(link ?? '').pathname + new URL(link ?? '').search);
    await guardian.page.getByRole('heading', { level: 1, name: "Agree to a child's account" }).waitFor();
    await guardian.page.getByLabel('Code from the message').fill(guardianCode ?? '');
    await guardian.page.getByRole('button', { name: 'I agree' }).click();
    await guardian.page
      .getByRole('status')
      .getByText(/consent is recorded/)
      .waitFor();
    await guardian.screenshot('minors-guardian-confirmed');

    // Now the child signs in.
    await page.goto('/signin');
    const again = await sendCode(h, page, CHILD);
    await page.getByLabel('Code', { exact: true }).fill(again);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.waitForURL((url) => url.pathname === '/');
    await page.getByRole('navigation', { name: 'Account' }).getByText('Signed in as').waitFor();

    expect(child.problems().filter((p) => !REFUSED_403.test(p))).toEqual([]);
    expect(child.problems().filter((p) => REFUSED_403.test(p))).toHaveLength(1);
    expect(guardian.problems()).toEqual([]);
  });
});
