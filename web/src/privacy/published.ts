// Turns a published policy version from the server into the document the policy
// view renders: the text is either the web client's JSON document (see policy.ts) or
// plain text/markdown, shown as paragraphs under numbered headings it already has.
import type { PublishedPolicy } from '../api/privacy';
import type { PolicyBlock, PolicyDocument } from './policy';

function isPolicyDocument(value: unknown): value is PolicyDocument {
  const v = value as Partial<PolicyDocument> | null;
  return !!v && typeof v.title === 'string' && Array.isArray(v.sections) && Array.isArray(v.preface);
}

/** The server's shape is checked: anything unexpected yields null (the caller keeps its fallback). */
export function asPublishedPolicy(value: unknown): PublishedPolicy | null {
  const v = value as Partial<PublishedPolicy> | null;
  if (!v || typeof v.version !== 'number' || typeof v.text !== 'string' || typeof v.effectiveAt !== 'string') {
    return null;
  }
  return v as PublishedPolicy;
}

export function documentFromPublished(published: PublishedPolicy): PolicyDocument {
  const effectiveDate = published.effectiveAt.slice(0, 10);
  const label = `Version ${published.version}, effective ${effectiveDate}`;
  try {
    const parsed: unknown = JSON.parse(published.text);
    if (isPolicyDocument(parsed)) {
      return { ...parsed, version: published.version, origin: 'operator', label, effectiveDate };
    }
  } catch {
    // not JSON: plain text below
  }
  const lines = published.text
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter((p) => p !== '');
  let title = 'Privacy policy';
  if (lines[0]?.startsWith('# ')) title = lines.shift()!.slice(2).trim() || title;
  const preface: PolicyBlock[] = lines.map((text) => ({ kind: 'paragraph', text }));
  return { title, version: published.version, origin: 'operator', label, effectiveDate, preface, sections: [] };
}
