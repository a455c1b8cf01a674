// The privacy center's public registers (R-PRIV-8, R-PRIV-9, R-PRIV-10):
// GET /api/v1/privacy/recipients and GET /api/v1/privacy/incidents.

export interface Recipient {
  id: number;
  name: string;
  contact: string;
  purpose: string;
  categories: string[];
  legalBasis: string;
  addedAt: string;
}

export interface RecipientRegister {
  storageRegion: string;
  recipients: Recipient[];
}

export interface Incident {
  id: number;
  summary: string;
  categories: string[];
  startedAt: string;
  endedAt: string;
  measures: string;
  advice: string;
  recordedAt: string;
  notified: number;
}

async function getJson<T>(fetchImpl: typeof fetch, path: string): Promise<T> {
  const response = await fetchImpl(path, { headers: { Accept: 'application/json' } });
  if (!response.ok) {
    throw new Error(`${path} answered ${response.status}`);
  }
  return (await response.json()) as T;
}

export async function fetchRecipientRegister(fetchImpl: typeof fetch = fetch) {
  const body = await getJson<RecipientRegister>(fetchImpl, '/api/v1/privacy/recipients');
  if (typeof body.storageRegion !== 'string' || !Array.isArray(body.recipients)) {
    throw new Error('unexpected answer from /api/v1/privacy/recipients');
  }
  return body;
}

export async function fetchIncidents(fetchImpl: typeof fetch = fetch) {
  const body = await getJson<{ incidents: Incident[] }>(fetchImpl, '/api/v1/privacy/incidents');
  if (!Array.isArray(body.incidents)) {
    throw new Error('unexpected answer from /api/v1/privacy/incidents');
  }
  return body.incidents;
}
