// A WebSocket stand-in for signalling tests: records what the client sends; the
// test opens it, delivers messages and drops it.
import type { SocketLike } from '../media/signalingClient';

export class FakeSocket implements SocketLike {
  readyState = 0;
  sent: Array<{ id: number; method: string; data: unknown }> = [];
  closedWith: number | null = null;
  onopen: ((event: Event) => void) | null = null;
  onmessage: ((event: MessageEvent) => void) | null = null;
  onclose: ((event: CloseEvent) => void) | null = null;
  onerror: ((event: Event) => void) | null = null;

  send(text: string) {
    this.sent.push(JSON.parse(text));
  }
  close(code?: number) {
    this.closedWith = code ?? 1000;
  }
  open() {
    this.readyState = 1;
    this.onopen?.(new Event('open'));
  }
  receive(message: unknown) {
    this.onmessage?.(new MessageEvent('message', { data: JSON.stringify(message) }));
  }
  drop(code = 1006, reason = '') {
    this.onclose?.(new CloseEvent('close', { code, reason }));
  }
}
