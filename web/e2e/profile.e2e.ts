// The profile in a real browser against a real `videopro serve` (R-ACC-4): register
// by email, sign out and in again, correct the profile and upload an avatar (a PNG
// made here, chosen through the file input), then see both after a reload.
import { deflateSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishPolicy } from './admin';
import { startHarness, type Harness } from './harness';
import { sendCode } from './outbox';

const EMAIL = 'pat@example.com';
const PASSWORD = 'correct horse';

function crc32(bytes: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of bytes) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
  }
  return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typed = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typed));
  return Buffer.concat([length, typed, crc]);
}

/** A width x height RGB PNG with a diagonal colour gradient. */
function makePng(width: number, height: number): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8 bits, RGB
  const rows: Buffer[] = [];
  for (let y = 0; y < height; y++) {
    const row = Buffer.alloc(1 + width * 3);
    for (let x = 0; x < width; x++) row.set([(x * 4) & 255, (y * 4) & 255, 160], 1 + x * 3);
    rows.push(row);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

describe('profile', () => {
  let h: Harness;

  beforeAll(async () => {
    h = await startHarness();
  });

  afterAll(async () => {
    await h?.stop();
  });

  it('registers, signs in, corrects the profile with an avatar and sees both after a reload', async () => {
    const tab = await h.openPage('/');
    const page = tab.page;

    // Register by email, then sign out and in again with the password.
    await page.getByRole('link', { name: 'Create account' }).click();
    const code = await sendCode(h, page, EMAIL);
    await page.getByLabel('Code', { exact: true }).fill(code);
    await page.getByLabel('Display name (optional)').fill('Pat');
    await page.getByLabel('Password (optional)').fill(PASSWORD);
    await page.getByLabel('Year').fill('1980');
    await page.getByLabel('Month').selectOption({ label: 'March' });
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.waitForURL((url) => url.pathname === '/');
    const menu = page.getByRole('navigation', { name: 'Account' });
    await menu.getByRole('button', { name: 'Sign out' }).click();
    // Storing the optional profile details needs a consent in the ledger, which is
    // recorded against a published policy version: the operator publishes one.
    await publishPolicy(h.server.dataDir, '# VideoPro privacy policy\n\nVersion 1.\n', false);
    await menu.getByRole('link', { name: 'Sign in' }).click();
    await page.getByLabel('With a password').check();
    await page.getByLabel('Email address or mobile number').fill(EMAIL);
    await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByRole('button', { name: 'Accept version 1 and continue' }).click();
    await page.waitForURL((url) => url.pathname === '/');

    // The profile, from the account menu.
    await menu.getByRole('link', { name: 'Profile' }).click();
    await page.getByRole('heading', { level: 1, name: 'Profile' }).waitFor();
    await page.getByRole('img', { name: 'No avatar yet' }).waitFor();
    await page.getByLabel('Name', { exact: true }).fill('Pat Doe');
    await page.getByLabel('Gender', { exact: true }).selectOption({ label: 'Other' });
    await page.getByLabel('Position', { exact: true }).fill('Engineer');
    await page.getByLabel('Company', { exact: true }).fill('Acme');
    await page.getByLabel('Address', { exact: true }).fill('1 Main Street\nSpringfield');
    // Details beyond the name are stored with the "profile extras" consent (R-PRIV-2).
    await page.getByRole('checkbox', { name: /I agree that VideoPro stores the optional details/ }).check();
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByRole('status').getByText('Profile saved.').waitFor();

    // The avatar: chosen through the file input, previewed, uploaded.
    await page.getByLabel('Choose an image').setInputFiles({
      name: 'avatar.png',
      mimeType: 'image/png',
      buffer: makePng(64, 48),
    });
    await page.getByAltText('Preview of the new avatar').waitFor();
    const stored = page.waitForResponse(
      (r) => r.url().endsWith('/api/v1/profile/avatar') && r.request().method() === 'POST',
    );
    await page.getByRole('button', { name: 'Upload avatar' }).click();
    expect((await stored).status()).toBe(200);
    await page.getByRole('status').getByText('Avatar saved.').waitFor();
    await tab.screenshot('profile-saved');

    // After a reload: the corrected fields and the stored (re-encoded) avatar.
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Profile' }).waitFor();
    const avatar = page.getByAltText('Your avatar');
    await avatar.waitFor();
    await page.waitForFunction(() => {
      const img = document.querySelector<HTMLImageElement>('img[alt="Your avatar"]');
      return img !== null && img.complete && img.naturalWidth > 0;
    });
    const size = await avatar.evaluate((img: HTMLImageElement) => [img.naturalWidth, img.naturalHeight]);
    expect(size).toEqual([64, 48]);
    expect(await page.getByLabel('Name', { exact: true }).inputValue()).toBe('Pat Doe');
    expect(await page.getByLabel('Gender', { exact: true }).inputValue()).toBe('other');
    expect(await page.getByLabel('Position', { exact: true }).inputValue()).toBe('Engineer');
    expect(await page.getByLabel('Company', { exact: true }).inputValue()).toBe('Acme');
    expect(await page.getByLabel('Address', { exact: true }).inputValue()).toBe('1 Main Street\nSpringfield');
    expect(await page.getByLabel('Department', { exact: true }).inputValue()).toBe('');
    await tab.screenshot('profile-after-reload');

    // The corrected name is the one the account menu shows.
    await page.goto('/');
    await menu.getByText('Pat Doe', { exact: true }).waitFor();

    expect(tab.problems()).toEqual([]);
  });
});
