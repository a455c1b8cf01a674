// Reachability of the VideoPro server, as the landing page's status badge shows it.

export type ServiceHealth = 'online' | 'unreachable';

export const HEALTH_PATH = '/healthz';
export const HEALTH_TIMEOUT_MS = 5000;

/**
 * Asks the server's health endpoint once. Any 2xx answer means online; an error
 * status, a network failure or no answer within the timeout means unreachable.
 */
export async function checkServiceHealth(
  fetchImpl: typeof fetch = fetch,
  timeoutMs: number = HEALTH_TIMEOUT_MS,
): Promise<ServiceHealth> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    const response = await fetchImpl(HEALTH_PATH, {
      cache: 'no-store',
      headers: { Accept: 'application/json' },
      signal: controller.signal,
    });
    return response.ok ? 'online' : 'unreachable';
  } catch {
    return 'unreachable';
  } finally {
    clearTimeout(timer);
  }
}
