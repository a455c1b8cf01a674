import type { ReactNode } from 'react';
import { splitEmphasis, type PolicyBlock, type PolicyDocument, type PolicySection } from './policy';

function Inline({ text }: { text: string }) {
  return <>{splitEmphasis(text).map((part, i) => (part.bold ? <strong key={i}>{part.text}</strong> : part.text))}</>;
}

function Block({ block }: { block: PolicyBlock }): ReactNode {
  switch (block.kind) {
    case 'paragraph':
      return (
        <p>
          <Inline text={block.text} />
        </p>
      );
    case 'list':
      return (
        <ul>
          {block.items.map((item, i) => (
            <li key={i}>
              <Inline text={item} />
            </li>
          ))}
        </ul>
      );
    case 'definitions':
      return (
        <dl className="policy-definitions">
          {block.items.map((item) => (
            <div key={item.term}>
              <dt>{item.term}</dt>
              <dd>
                <Inline text={item.text} />
              </dd>
            </div>
          ))}
        </dl>
      );
    case 'table':
      return (
        <div className="table-scroll">
          <table>
            <caption>{block.caption}</caption>
            <thead>
              <tr>
                {block.columns.map((c) => (
                  <th key={c} scope="col">
                    {c}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {block.rows.map((row, r) => (
                <tr key={r}>
                  {row.map((cell, c) =>
                    c === 0 ? (
                      <th key={c} scope="row">
                        <Inline text={cell} />
                      </th>
                    ) : (
                      <td key={c}>
                        <Inline text={cell} />
                      </td>
                    ),
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      );
  }
}

function Section({ section, level }: { section: PolicySection; level: 2 | 3 }) {
  const Heading = level === 2 ? 'h2' : 'h3';
  return (
    <section
      id={section.id}
      aria-labelledby={`${section.id}-heading`}
      className={`policy-section policy-section--l${level}`}
    >
      <Heading id={`${section.id}-heading`}>
        <span className="policy-number">{section.number}</span> {section.title}
      </Heading>
      {section.blocks.map((block, i) => (
        <Block key={i} block={block} />
      ))}
      {section.subsections?.map((sub) => (
        <Section key={sub.id} section={sub} level={3} />
      ))}
    </section>
  );
}

function TableOfContents({ sections }: { sections: readonly PolicySection[] }) {
  return (
    <nav className="policy-toc" aria-labelledby="policy-toc-heading">
      <h2 id="policy-toc-heading">Contents</h2>
      <ol>
        {sections.map((s) => (
          <li key={s.id}>
            <a href={`#${s.id}`}>
              <span className="policy-number">{s.number}</span> <span className="policy-toc__title">{s.title}</span>
            </a>
          </li>
        ))}
      </ol>
    </nav>
  );
}

/** Renders a privacy policy document: heading, version line, contents and sections. */
export function PolicyView({ policy }: { policy: PolicyDocument }) {
  return (
    <article className="policy" aria-labelledby="policy-title">
      <header className="policy__header">
        <h1 id="policy-title">{policy.title}</h1>
        <p className="policy__version" data-testid="policy-version">
          {policy.label}
        </p>
      </header>
      <div className="policy__preface">
        {policy.preface.map((block, i) => (
          <Block key={i} block={block} />
        ))}
      </div>
      <TableOfContents sections={policy.sections} />
      {policy.sections.map((s) => (
        <Section key={s.id} section={s} level={2} />
      ))}
    </article>
  );
}
