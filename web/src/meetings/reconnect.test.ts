import { describe, expect, it } from 'vitest';
import { GRACE_MS, Reconnector, nextDelay, type AttemptOutcome } from './reconnect';

/** A reconnector on a fake clock: sleep() advances time; attempts answer from a script. */
function harness(outcomes: AttemptOutcome[], attemptMs = 100) {
  let now = 0;
  const log: string[] = [];
  const reconnector = new Reconnector({
    attempt: async (n) => {
      now += attemptMs;
      const outcome = outcomes[n - 1] ?? { ok: false, code: null, message: 'connection failed' };
      log.push(`attempt ${n} at ${now}: ${outcome.ok ? 'ok' : (outcome.code ?? outcome.message)}`);
      return outcome;
    },
    onAttempt: (n) => log.push(`reconnecting ${n}`),
    onGiveUp: (reason, code) => log.push(`give up: ${code ?? reason}`),
    onResumed: () => log.push('resumed'),
    now: () => now,
    sleep: async (ms) => {
      now += ms;
    },
  });
  return { reconnector, log, time: () => now };
}

const fail = (message = 'connection failed'): AttemptOutcome => ({ ok: false, code: null, message });

describe('nextDelay', () => {
  it('tries at once, then waits longer, and stops at the grace period', () => {
    expect(nextDelay(1, 0)).toBe(0);
    expect(nextDelay(2, 0)).toBe(500);
    expect(nextDelay(20, 0)).toBe(5000);
    expect(nextDelay(20, GRACE_MS - 5000)).toBeNull();
    expect(nextDelay(1, GRACE_MS)).toBeNull();
  });
});

describe('Reconnector', () => {
  it('resumes on the first attempt that works, showing each attempt', async () => {
    const { reconnector, log } = harness([fail(), fail(), { ok: true }]);
    await expect(reconnector.run()).resolves.toBe(true);
    expect(log).toEqual([
      'reconnecting 1',
      'attempt 1 at 100: connection failed',
      'reconnecting 2',
      'attempt 2 at 700: connection failed',
      'reconnecting 3',
      'attempt 3 at 1800: ok',
      'resumed',
    ]);
    expect(reconnector.active).toBe(false);
  });

  it('gives up at once when the server says the participant is gone', async () => {
    const { reconnector, log } = harness([fail(), { ok: false, code: 'resume_expired', message: 'too late' }]);
    await expect(reconnector.run()).resolves.toBe(false);
    expect(log.at(-1)).toBe('give up: resume_expired');
    expect(log.filter((l) => l.startsWith('attempt')).length).toBe(2);
  });

  it('keeps trying on other refusals until the grace period is over', async () => {
    const { reconnector, log, time } = harness([]);
    await expect(reconnector.run()).resolves.toBe(false);
    expect(log.at(-1)).toMatch(/^give up: Could not reconnect within 30 seconds \(connection failed\)/);
    expect(time()).toBeLessThanOrEqual(GRACE_MS);
    expect(log.filter((l) => l.startsWith('attempt')).length).toBeGreaterThan(5);
  });

  it('runs once at a time and stops when cancelled', async () => {
    const { reconnector, log } = harness([fail(), { ok: true }]);
    const first = reconnector.run();
    const second = reconnector.run();
    reconnector.cancel(); // while the first attempt is under way
    await expect(second).resolves.toBe(false); // already running
    await expect(first).resolves.toBe(false);
    expect(log).not.toContain('resumed');
  });
});
