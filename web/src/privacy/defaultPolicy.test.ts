import { describe, expect, it } from 'vitest';
import { defaultPolicy } from './default';
import { flattenSections, splitEmphasis, type PolicyBlock, type PolicySection } from './policy';

const all = flattenSections(defaultPolicy.sections);

function textOf(blocks: readonly PolicyBlock[]): string {
  return blocks
    .map((b) => {
      switch (b.kind) {
        case 'paragraph':
          return b.text;
        case 'list':
          return b.items.join(' ');
        case 'definitions':
          return b.items.map((d) => `${d.term} ${d.text}`).join(' ');
        case 'table':
          return [b.caption, ...b.columns, ...b.rows.flat()].join(' ');
      }
    })
    .join(' ');
}

function sectionText(section: PolicySection): string {
  return [section.title, textOf(section.blocks), ...(section.subsections ?? []).map(sectionText)].join(' ');
}

function section(id: string): PolicySection {
  const found = all.find((s) => s.id === id);
  if (!found) throw new Error(`the default policy has no section with id "${id}"`);
  return found;
}

describe('default privacy policy', () => {
  it('is marked as the default version 1, effective on installation', () => {
    expect(defaultPolicy.origin).toBe('default');
    expect(defaultPolicy.version).toBe(1);
    expect(defaultPolicy.label).toBe('Default policy, version 1 (effective on installation)');
    expect(defaultPolicy.effectiveDate).toBeNull();
  });

  it('has the nine sections of the policy model, numbered 1 to 9', () => {
    expect(defaultPolicy.sections.map((s) => [s.number, s.id])).toEqual([
      ['1', 'scope'],
      ['2', 'collection'],
      ['3', 'cookies'],
      ['4', 'storage'],
      ['5', 'sharing'],
      ['6', 'rights'],
      ['7', 'children'],
      ['8', 'changes'],
      ['9', 'contact'],
    ]);
  });

  it('describes every kind of data the product collects', () => {
    const required = [
      'collection-account',
      'collection-connection',
      'collection-quality',
      'collection-meetings',
      'collection-recordings',
      'collection-voting',
      'collection-backgrounds',
      'collection-permissions',
    ];
    expect(section('collection').subsections?.map((s) => s.id)).toEqual(expect.arrayContaining(required));
    expect(sectionText(section('collection-meetings'))).toMatch(/join.*left/);
    expect(sectionText(section('collection-voting'))).toMatch(/no link between a voter and a choice/);
    expect(sectionText(section('collection-quality'))).toMatch(/never contain what is said or shown/);
  });

  it('covers every right with its own section', () => {
    const required = ['access', 'copy', 'correction', 'deletion', 'consent', 'cancellation', 'other', 'response'];
    expect(section('rights').subsections?.map((s) => s.id)).toEqual(
      expect.arrayContaining(required.map((r) => `rights-${r}`)),
    );
    expect(sectionText(section('rights-other'))).toMatch(/close relatives/);
    expect(sectionText(section('rights-cancellation'))).toContain('Account cannot be restored after cancellation');
  });

  it('states the promised periods and thresholds', () => {
    expect(sectionText(section('rights-response'))).toContain('15 working days');
    expect(sectionText(section('storage-retention'))).toMatch(/At least 6 months/);
    expect(sectionText(section('storage-retention'))).toMatch(/30 days/);
    expect(sectionText(section('storage-location'))).toMatch(/region the operator has configured/);
    expect(sectionText(section('children'))).toMatch(/under 14/);
  });

  it('says plainly that the service is self-hosted and the operator is the controller', () => {
    const preface = textOf(defaultPolicy.preface);
    expect(preface).toMatch(/runs on its own servers|on its own servers/);
    expect(sectionText(section('scope'))).toMatch(/Operator.*controller/);
  });

  it('uses unique, URL-safe anchors and numbers that match the nesting', () => {
    const ids = all.map((s) => s.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z][a-z0-9-]*$/);
    for (const top of defaultPolicy.sections) {
      top.subsections?.forEach((sub, i) => expect(sub.number).toBe(`${top.number}.${i + 1}`));
    }
  });

  it('has balanced bold markers and no empty blocks', () => {
    for (const s of all) {
      const text = sectionText({ ...s, subsections: [] });
      expect((text.match(/\*\*/g) ?? []).length % 2, `unbalanced ** in ${s.id}`).toBe(0);
      for (const b of s.blocks) expect(textOf([b]).trim().length, `empty block in ${s.id}`).toBeGreaterThan(0);
    }
  });

  it('survives a JSON round trip, as operator versions will arrive from the API', () => {
    expect(JSON.parse(JSON.stringify(defaultPolicy))).toEqual(defaultPolicy);
  });
});

describe('splitEmphasis', () => {
  it('marks text between ** pairs as bold', () => {
    expect(splitEmphasis('a **b** c')).toEqual([
      { text: 'a ', bold: false },
      { text: 'b', bold: true },
      { text: ' c', bold: false },
    ]);
  });
});
