import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './harness';

describe('landing page', () => {
  let h: Harness;

  beforeAll(async () => {
    h = await startHarness();
  });

  afterAll(async () => {
    await h?.stop();
  });

  it('loads with the product name, a live status and no console errors, and links to the policy', async () => {
    const tab = await h.openPage('/');
    const { page } = tab;

    // Locators wait for React to render; plain reads right after navigation would race it.
    await page.getByRole('heading', { level: 1, name: 'VideoPro', exact: true }).waitFor();
    await expect(page.title()).resolves.toContain('VideoPro');
    await page.getByRole('status').getByText('Service online').waitFor({ timeout: 10_000 });
    await tab.screenshot('landing');

    await page
      .getByRole('main')
      .getByRole('link', { name: /privacy policy/i })
      .click();
    await page.waitForURL('**/privacy');
    await page.getByRole('heading', { level: 1, name: 'Privacy policy' }).waitFor();
    await page.getByText('Default policy, version 1 (effective on installation)').waitFor();
    const headings = await page.getByRole('heading', { level: 2 }).allTextContents();
    expect(headings).toEqual(expect.arrayContaining(['Contents', '6 Your rights', '9 How to contact us']));
    await tab.screenshot('privacy');

    expect(tab.problems()).toEqual([]);
  });

  it('serves the policy page at its own address, with working section anchors', async () => {
    const tab = await h.openPage('/privacy#rights-copy');
    const { page } = tab;
    await page.getByRole('heading', { level: 1, name: 'Privacy policy' }).waitFor();
    await page.locator('#rights-copy').waitFor({ state: 'visible' });

    await page
      .getByRole('navigation', { name: 'Contents' })
      .getByRole('link', { name: /Children/ })
      .click();
    await page.waitForURL('**/privacy#children');
    await page.waitForFunction(() => {
      const top = document.getElementById('children')?.getBoundingClientRect().top ?? Infinity;
      return Math.abs(top) < 40;
    });
    expect(tab.problems()).toEqual([]);
  });
});
