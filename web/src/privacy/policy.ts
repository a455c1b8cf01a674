// The shape of a privacy policy as the web client renders it. The default policy
// shipped with VideoPro uses it, and so will the versions an operator publishes
// through the privacy center (fetched from the API as JSON of the same shape), so
// keep it plain data: no functions, no JSX.
//
// Inline markup inside text: **bold** marks terms that matter most for the
// reader's rights (as the policy's preface explains). Nothing else is interpreted.

export type PolicyBlock =
  | { kind: 'paragraph'; text: string }
  | { kind: 'list'; items: string[] }
  | { kind: 'definitions'; items: PolicyDefinition[] }
  | { kind: 'table'; caption: string; columns: string[]; rows: string[][] };

export interface PolicyDefinition {
  term: string;
  text: string;
}

export interface PolicySection {
  /** Anchor id, unique in the whole document (used in links such as /privacy#rights-copy). */
  id: string;
  /** Display number such as "2" or "2.4"; other documents cite sections by it ("policy §2.4"). */
  number: string;
  title: string;
  blocks: PolicyBlock[];
  subsections?: PolicySection[];
}

export interface PolicyDocument {
  title: string;
  /** Monotonic version number; an operator's first published version is 2. */
  version: number;
  /** "default" for the text shipped with VideoPro, "operator" for published versions. */
  origin: 'default' | 'operator';
  /** Human-readable status line, e.g. "Default policy, version 1 (effective on installation)". */
  label: string;
  /** ISO date (YYYY-MM-DD) or null while the effective date is the installation date. */
  effectiveDate: string | null;
  preface: PolicyBlock[];
  sections: PolicySection[];
}

/** Every section of a document, depth first, subsections after their parent. */
export function flattenSections(sections: readonly PolicySection[]): PolicySection[] {
  return sections.flatMap((s) => [s, ...flattenSections(s.subsections ?? [])]);
}

/** Splits text on **bold** markers: odd-indexed parts are bold. */
export function splitEmphasis(text: string): { text: string; bold: boolean }[] {
  return text
    .split('**')
    .map((part, index) => ({ text: part, bold: index % 2 === 1 }))
    .filter((part) => part.text.length > 0);
}
