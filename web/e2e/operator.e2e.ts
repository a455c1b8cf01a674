// The operator console in a real browser against a real `videopro serve`: an operator
// (created with `videopro admin create-operator`) sees a user's privacy request with its
// due date, tries to refuse it without reasons (the error is shown, nothing changes),
// then refuses it with reasons, which the user sees in his Security Center (R-PRIV-6).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOperator } from './admin';
import { startHarness, type Harness } from './harness';
import { signUp } from './outbox';

const OPERATOR = 'ops@example.com';
const PASSWORD = 'operator horse battery staple';
const REASONS = 'We hold no data about you beyond what "Download my data" shows.';

describe('operator console', () => {
  let h: Harness;

  beforeAll(async () => {
    h = await startHarness();
    await createOperator(h.server.dataDir, OPERATOR, PASSWORD);
  });

  afterAll(async () => {
    await h?.stop();
  });

  it('refuses a privacy request only with reasons, which the user then reads', async () => {
    // A user asks what is kept about him.
    const user = await h.browser.newPage(h.server.url);
    await signUp(h.server.dataDir, user.page, 'rita@example.com', 'Rita');
    await user.page.goto('/settings/security');
    await user.page.getByRole('heading', { level: 1, name: 'Security Center' }).waitFor();
    await user.page.getByLabel('Details', { exact: true }).fill('Which data do you keep about me?');
    await user.page.getByRole('button', { name: 'Send request' }).click();
    await user.page
      .getByRole('list', { name: 'Your requests' })
      .getByText(/answer due by/)
      .waitFor();

    // The operator signs in like anyone else and opens the console.
    const op = await h.browser.newPage(h.server.url);
    const page = op.page;
    await page.goto('/signin?next=/operator');
    await page.getByLabel('With a password').check();
    await page.getByLabel('Email address or mobile number').fill(OPERATOR);
    await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.waitForURL((url) => url.pathname === '/operator');
    const open = page.getByRole('list', { name: 'Open requests' });
    const card = open.getByRole('listitem').filter({ hasText: 'Which data do you keep about me?' });
    await card.waitFor();
    expect(await card.textContent()).toMatch(/due \d{4}-\d{2}-\d{2}/);

    // Without reasons: refused by the server, the error is shown, the request stays open.
    const refusal = page.waitForResponse((r) => r.url().endsWith('/refuse'));
    await card.getByRole('button', { name: 'Refuse' }).click();
    expect((await refusal).status()).toBe(400);
    await card.getByRole('alert').getByText('Give the reasons for the refusal').waitFor();
    await op.screenshot('operator-refusal-without-reasons');
    expect(await card.textContent()).toContain('· received ·');

    // With reasons: refused; the request moves to the closed ones.
    await card.getByLabel('Reasons for a refusal').fill(REASONS);
    await card.getByRole('button', { name: 'Refuse' }).click();
    const closed = page.getByRole('list', { name: 'Closed requests' });
    await closed.getByText(`Answer: ${REASONS}`).waitFor();
    expect(await open.getByText('Which data do you keep about me?').count()).toBe(0);
    await op.screenshot('operator-refused-with-reasons');

    // The user reads the refusal and its reasons.
    await user.page.reload();
    await user.page.getByRole('list', { name: 'Your requests' }).getByText(`Refused: ${REASONS}`).waitFor();

    // The failed refusal is the only console error of the operator's page (a 400).
    expect(op.problems().filter((p) => !/status of 400/.test(p))).toEqual([]);
    expect(user.problems()).toEqual([]);
  });
});
