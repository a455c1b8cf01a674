// The signalling conversation with the server over one WebSocket:
//   request       {id, method, data}  ->  reply {id, ok, data | error}
//   notification  {method, data}       (server -> client)
// Requests get increasing integer ids and a timeout; a closed socket fails every
// pending request. Only what the page needs: no reconnection.

export interface SignalingError {
  code: string;
  message: string;
}

/** A request the server refused, or that never got an answer. */
export class RequestFailed extends Error {
  readonly code: string;
  constructor(method: string, error: SignalingError) {
    super(`${method}: ${error.message} (${error.code})`);
    this.name = 'RequestFailed';
    this.code = error.code;
  }
}

/** The part of a WebSocket the client uses (a fake in unit tests). */
export interface SocketLike {
  readonly readyState: number;
  send(text: string): void;
  close(code?: number, reason?: string): void;
  onopen: ((event: Event) => void) | null;
  onmessage: ((event: MessageEvent) => void) | null;
  onclose: ((event: CloseEvent) => void) | null;
  onerror: ((event: Event) => void) | null;
}

export type NotificationHandler = (method: string, data: Record<string, unknown>) => void;

export const DEFAULT_REQUEST_TIMEOUT_MS = 10_000;
const SOCKET_OPEN = 1;

interface Pending {
  method: string;
  resolve: (data: unknown) => void;
  reject: (error: Error) => void;
  timer: ReturnType<typeof setTimeout>;
}

export class SignalingClient {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private closedReason: string | null = null;
  private closeListeners: Array<(reason: string) => void> = [];

  constructor(
    private readonly socket: SocketLike,
    private readonly onNotification: NotificationHandler,
    private readonly timeoutMs: number = DEFAULT_REQUEST_TIMEOUT_MS,
  ) {
    socket.onmessage = (event) => this.receive(String(event.data));
    socket.onclose = (event) =>
      this.fail(event.reason ? `connection closed: ${event.reason}` : `connection closed (${event.code})`);
    socket.onerror = () => this.fail('connection failed');
  }

  /** Resolves once the socket is open; rejects if it closes first. */
  opened(): Promise<void> {
    if (this.socket.readyState === SOCKET_OPEN) return Promise.resolve();
    if (this.closedReason) return Promise.reject(new Error(this.closedReason));
    return new Promise((resolve, reject) => {
      this.socket.onopen = () => resolve();
      this.closeListeners.push((reason) => reject(new Error(reason)));
    });
  }

  /** Calls listener once when the connection is lost (not after close()). */
  onClosed(listener: (reason: string) => void): void {
    this.closeListeners.push(listener);
  }

  request<T = Record<string, unknown>>(method: string, data: object = {}): Promise<T> {
    if (this.closedReason) return Promise.reject(new Error(`${method}: ${this.closedReason}`));
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new RequestFailed(method, { code: 'timeout', message: `no answer within ${this.timeoutMs} ms` }));
      }, this.timeoutMs);
      this.pending.set(id, { method, resolve: resolve as (data: unknown) => void, reject, timer });
      this.socket.send(JSON.stringify({ id, method, data }));
    });
  }

  /** Closes the socket; pending requests fail. */
  close(): void {
    this.closeListeners = [];
    this.fail('closed by the page');
    this.socket.close(1000, 'bye');
  }

  /** Closes the socket as a network failure would: pending requests fail and onClosed listeners run. */
  drop(): void {
    this.socket.close(4000, 'dropped');
  }

  get pendingCount(): number {
    return this.pending.size;
  }

  private receive(text: string): void {
    let message: unknown;
    try {
      message = JSON.parse(text);
    } catch {
      return; // not ours to answer; the server never sends this
    }
    if (typeof message !== 'object' || message === null) return;
    const m = message as { id?: unknown; ok?: unknown; data?: unknown; error?: unknown; method?: unknown };
    if (typeof m.id === 'number') {
      const pending = this.pending.get(m.id);
      if (!pending) return; // timed out already
      this.pending.delete(m.id);
      clearTimeout(pending.timer);
      if (m.ok === true) {
        pending.resolve(m.data ?? {});
      } else {
        const error = (m.error ?? {}) as Partial<SignalingError>;
        pending.reject(
          new RequestFailed(pending.method, {
            code: String(error.code ?? 'error'),
            message: String(error.message ?? 'the server refused the request'),
          }),
        );
      }
    } else if (typeof m.method === 'string' && m.id === undefined) {
      this.onNotification(m.method, (m.data ?? {}) as Record<string, unknown>);
    }
  }

  private fail(reason: string): void {
    if (this.closedReason) return;
    this.closedReason = reason;
    for (const [, pending] of this.pending) {
      clearTimeout(pending.timer);
      pending.reject(new Error(`${pending.method}: ${reason}`));
    }
    this.pending.clear();
    const listeners = this.closeListeners;
    this.closeListeners = [];
    listeners.forEach((listener) => listener(reason));
  }
}
