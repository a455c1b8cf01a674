// Reconnecting after the signalling socket dropped: the server keeps the participant
// for a grace period (30 s, docs/meeting-protocol.md), so the client tries `resume`
// on a new socket with growing pauses until it works, the server says the
// participant is gone, or the grace period has passed.

/** Errors after which another attempt cannot help: the participant must join again. */
export const FATAL_RESUME_CODES = new Set([
  'resume_expired',
  'invalid_resume_token',
  'meeting_ended',
  'removed_from_meeting',
  'already_joined',
]);

export const GRACE_MS = 30_000;
export const RETRY_DELAYS_MS = [0, 500, 1000, 2000, 3000, 5000];

export type AttemptOutcome = { ok: true } | { ok: false; code: string | null; message: string };

export interface ReconnectHooks {
  /** One attempt: a new socket, `resume`, restartIce. */
  attempt(n: number): Promise<AttemptOutcome>;
  /** Before each attempt (n from 1), for the "Reconnecting…" state. */
  onAttempt(n: number): void;
  onGiveUp(reason: string, code: string | null): void;
  onResumed(): void;
  now(): number;
  sleep(ms: number): Promise<void>;
}

/** The pause before attempt `n` (from 1), or null when the next one would fall past the grace period. */
export function nextDelay(n: number, elapsedMs: number, graceMs = GRACE_MS): number | null {
  const delay = RETRY_DELAYS_MS[Math.min(n - 1, RETRY_DELAYS_MS.length - 1)]!;
  return elapsedMs + delay < graceMs ? delay : null;
}

/** Runs attempts until one works or there is no point; one run at a time. */
export class Reconnector {
  private running = false;
  private cancelled = false;

  constructor(
    private readonly hooks: ReconnectHooks,
    private readonly graceMs = GRACE_MS,
  ) {}

  get active(): boolean {
    return this.running;
  }

  cancel(): void {
    this.cancelled = true;
  }

  async run(): Promise<boolean> {
    if (this.running) return false;
    this.running = true;
    this.cancelled = false;
    const started = this.hooks.now();
    let lastMessage = 'the server did not answer';
    try {
      for (let n = 1; ; n++) {
        const delay = nextDelay(n, this.hooks.now() - started, this.graceMs);
        if (delay === null) {
          this.hooks.onGiveUp(
            `Could not reconnect within ${Math.round(this.graceMs / 1000)} seconds (${lastMessage}).`,
            null,
          );
          return false;
        }
        if (delay > 0) await this.hooks.sleep(delay);
        if (this.cancelled) return false;
        this.hooks.onAttempt(n);
        const outcome = await this.hooks.attempt(n);
        if (this.cancelled) return false;
        if (outcome.ok) {
          this.hooks.onResumed();
          return true;
        }
        lastMessage = outcome.message;
        if (outcome.code !== null && FATAL_RESUME_CODES.has(outcome.code)) {
          this.hooks.onGiveUp(outcome.message, outcome.code);
          return false;
        }
      }
    } finally {
      this.running = false;
    }
  }
}
