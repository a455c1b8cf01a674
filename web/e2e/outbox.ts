// The development outbox as the browser tests read it: every email is a MIME file
// <data-dir>/outbox/<ms>-<id>.eml, and one-time codes (and links) are in its
// text/plain part.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { Harness } from './harness';

/** The emails in the outbox folder (names `<ms>-<id>.eml`). */
export async function outboxEmails(dataDir: string): Promise<string[]> {
  try {
    return (await readdir(join(dataDir, 'outbox'))).filter((name) => name.endsWith('.eml')).sort();
  } catch {
    return []; // the folder appears with the first message
  }
}

/** The text/plain part (base64) of a MIME message, decoded. */
export function textOfMail(mail: string): string | null {
  const plain = mail.indexOf('Content-Type: text/plain');
  if (plain < 0) return null;
  const start = mail.indexOf('\r\n\r\n', plain);
  const end = mail.indexOf('\r\n--', start);
  return Buffer.from(mail.slice(start, end).replace(/\s/g, ''), 'base64').toString('utf8');
}

/** The 6-digit code in the text/plain part of a MIME message. */
export function codeInMail(mail: string): string | null {
  const text = textOfMail(mail);
  return text === null ? null : (/\b(\d{6})\b/.exec(text)?.[1] ?? null);
}

/** Waits for a new email to `to` (not among `before`) and returns its text. */
export async function waitForMail(dataDir: string, to: string, before: string[]): Promise<string> {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    for (const name of await outboxEmails(dataDir)) {
      if (before.includes(name)) continue;
      const mail = await readFile(join(dataDir, 'outbox', name), 'utf8');
      if (!mail.includes(`To: ${to}`) && !mail.includes(`<${to}>`)) continue;
      const text = textOfMail(mail);
      if (text) return text;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`no message to ${to} in ${join(dataDir, 'outbox')} within 10 s`);
}

/** Waits for a new email to `to` (not among `before`) and returns its code. */
export async function waitForCode(dataDir: string, to: string, before: string[]): Promise<string> {
  const code = /\b(\d{6})\b/.exec(await waitForMail(dataDir, to, before))?.[1];
  if (!code) throw new Error(`the message to ${to} holds no code`);
  return code;
}

/** Fills the target, presses "Send code" and returns the code that arrives. */
export async function sendCode(h: Harness, page: Page, to: string): Promise<string> {
  const before = await outboxEmails(h.server.dataDir);
  await page.getByLabel('Email address or mobile number').fill(to);
  await page.getByRole('button', { name: 'Send code' }).click();
  await page
    .getByRole('status')
    .getByText(/a code is on its way/)
    .waitFor();
  return waitForCode(h.server.dataDir, to, before);
}

/** Registers `email` as `displayName` through /signup; the page ends signed in on the home page. */
export async function signUp(dataDir: string, page: Page, email: string, displayName: string): Promise<void> {
  await page.goto('/signup');
  await page.getByRole('heading', { level: 1, name: 'Create account' }).waitFor();
  const before = await outboxEmails(dataDir);
  await page.getByLabel('Email address or mobile number').fill(email);
  await page.getByRole('button', { name: 'Send code' }).click();
  await page.getByLabel('Code', { exact: true }).fill(await waitForCode(dataDir, email, before));
  await page.getByLabel('Display name (optional)').fill(displayName);
  await page.getByLabel('Year').fill('1985');
  await page.getByLabel('Month').selectOption({ label: 'July' });
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.waitForURL((url) => url.pathname === '/');
  await page.getByRole('navigation', { name: 'Account' }).getByText('Signed in as').waitFor();
}
