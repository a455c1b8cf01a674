// The privacy center in a real browser against a real `videopro serve`: "Download
// my data" (progress, the owner-only link, the ZIP) and account cancellation (the
// exact warning, re-verification by a code from the development outbox, the
// account closed at once with its meetings).
import { readFile } from 'node:fs/promises';
import type { APIRequestContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishPolicy } from './admin';
import { startHarness, type Harness } from './harness';
import { outboxEmails, signUp, waitForCode } from './outbox';

const REFUSED_401 = /Failed to load resource: the server responded with a status of 401/;
const WARNING = 'Account cannot be restored after cancellation. Are you sure you want to cancel this account?';

/** A state-changing API call with this browser's session, as the web client makes it. */
async function post(request: APIRequestContext, baseUrl: string, path: string, body: unknown) {
  const me = (await (await request.get('/api/v1/me')).json()) as { csrfToken: string };
  return request.post(path, {
    data: body,
    headers: { Origin: baseUrl, 'X-CSRF-Token': me.csrfToken },
  });
}

describe('privacy center', () => {
  let h: Harness;

  beforeAll(async () => {
    h = await startHarness();
  });

  afterAll(async () => {
    await h?.stop();
  });

  it('downloads my data as a ZIP that only I can fetch', async () => {
    const tab = await h.browser.newPage(h.server.url);
    const page = tab.page;
    await signUp(h.server.dataDir, page, 'pia@example.com', 'Pia');
    await page.goto('/settings/security');
    await page.getByRole('heading', { level: 1, name: 'Security Center' }).waitFor();
    await page.getByRole('button', { name: 'Download my data' }).click();
    const link = page.getByRole('link', { name: 'Download the archive' });
    await link.waitFor({ timeout: 20_000 });
    await tab.screenshot('privacy-export-ready');
    const href = await link.getAttribute('href');
    expect(href).toMatch(/^\/api\/v1\/privacy\/exports\/[0-9a-f]{32}\/archive$/);

    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    const zip = await readFile((await download.path())!);
    expect(zip.subarray(0, 2).toString('latin1')).toBe('PK');
    const names = zip.toString('latin1');
    expect(names).toContain('index.html');
    expect(names).toContain('account-identifier.json');
    expect(names).toContain('session-data.json');

    // Another user's browser gets nothing from the same link.
    const other = await h.browser.newPage(h.server.url);
    await signUp(h.server.dataDir, other.page, 'olaf@example.com', 'Olaf');
    const stolen = await other.page.request.get(href!);
    expect(stolen.status()).toBe(404);
    // Nor does a visitor without a session.
    const anonymous = await h.browser.newPage(h.server.url);
    expect((await anonymous.page.request.get(href!)).status()).toBe(401);

    expect(tab.problems()).toEqual([]);
    expect(other.problems()).toEqual([]);
  });

  it('cancels the account after the warning and a code; its meetings go with it', async () => {
    const tab = await h.browser.newPage(h.server.url);
    const page = tab.page;
    await signUp(h.server.dataDir, page, 'carl@example.com', 'Carl');
    const created = await post(page.request, h.server.url, '/api/v1/meetings', { subject: 'Carl weekly' });
    expect(created.status()).toBe(201);
    const meetingId = ((await created.json()) as { meetingId: string }).meetingId;
    expect((await page.request.get(`/api/v1/meetings/${meetingId}`)).status()).toBe(200);

    await page.goto('/settings/security');
    await page.getByRole('button', { name: 'Cancel my account' }).click();
    const dialog = page.getByRole('alertdialog');
    await expect(dialog.textContent()).resolves.toContain(WARNING);
    await tab.screenshot('privacy-cancellation-warning');
    const before = await outboxEmails(h.server.dataDir);
    await dialog.getByRole('button', { name: 'Yes, cancel this account' }).click();
    const code = await waitForCode(h.server.dataDir, 'carl@example.com', before);
    await page.getByLabel('Code', { exact: true }).fill(code);
    await page.getByRole('button', { name: 'Cancel my account now' }).click();
    await page.waitForURL((url) => url.pathname === '/');
    await page.getByRole('navigation', { name: 'Account' }).getByRole('link', { name: 'Sign in' }).waitFor();

    expect((await page.request.get('/api/v1/me')).status()).toBe(401);
    expect((await page.request.get(`/api/v1/meetings/${meetingId}`)).status()).toBe(404);
    // The address is free again: a new registration starts from nothing.
    await signUp(h.server.dataDir, page, 'carl@example.com', 'Carl again');
    const list = (await (await page.request.get('/api/v1/meetings')).json()) as { meetings: unknown[] };
    expect(list.meetings).toEqual([]);
    // Chromium logs the one refused GET /api/v1/me that finds the session gone.
    expect(tab.problems().filter((p) => !REFUSED_401.test(p))).toEqual([]);
  });

  // Last: once a material version is in force every user of this server must accept it.
  it('blocks a signed-in user after a material policy change until he accepts it', async () => {
    const tab = await h.browser.newPage(h.server.url);
    const page = tab.page;
    await signUp(h.server.dataDir, page, 'gina@example.com', 'Gina');
    await publishPolicy(
      h.server.dataDir,
      '# VideoPro privacy policy\n\nWe now keep operation logs for 200 days.\n',
      true,
    );
    // The API refuses other calls meanwhile.
    const refused = await page.request.get('/api/v1/security/sessions');
    expect(refused.status()).toBe(403);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('policy_acceptance_required');

    await page.goto('/settings/security');
    await page.getByRole('heading', { level: 1, name: 'Our privacy policy has changed' }).waitFor();
    await page.getByText('We now keep operation logs for 200 days.').waitFor();
    await tab.screenshot('privacy-policy-gate');
    await page.getByRole('button', { name: /Accept version 1 and continue/ }).click();
    await page.getByRole('heading', { level: 1, name: 'Security Center' }).waitFor();
    expect((await page.request.get('/api/v1/security/sessions')).status()).toBe(200);

    // The policy page shows the published version and its history.
    await page.goto('/privacy');
    await page.getByRole('heading', { level: 1, name: 'VideoPro privacy policy' }).waitFor();
    await page.getByText(/Version 1, effective .* — in force/).waitFor();
    expect(tab.problems()).toEqual([]);
  });
});
