// `videopro admin` as the browser tests use it against the running test server's data
// directory: publishing a policy version and creating an operator account.
import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { videoproBinary } from './harness';

const run = promisify(execFile);

/** Publishes a policy version effective today (UTC). */
export async function publishPolicy(dataDir: string, text: string, material: boolean): Promise<void> {
  const file = join(dataDir, `policy-${Date.now()}.md`);
  await writeFile(file, text);
  const today = new Date().toISOString().slice(0, 10);
  await run(videoproBinary(), [
    'admin',
    'policy',
    'publish',
    '--file',
    file,
    '--effective',
    today,
    ...(material ? ['--material'] : []),
    '--data-dir',
    dataDir,
  ]);
}

/** Creates an operator account that signs in with `email` and `password`. */
export async function createOperator(dataDir: string, email: string, password: string): Promise<void> {
  const file = join(dataDir, 'operator-password.txt');
  await writeFile(file, `${password}\n`, { mode: 0o600 });
  await run(videoproBinary(), [
    'admin',
    'create-operator',
    '--email',
    email,
    '--password-file',
    file,
    '--data-dir',
    dataDir,
  ]);
}
