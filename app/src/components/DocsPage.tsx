'use client';

import Link from 'next/link';
import { useMemo, useState, type ReactNode } from 'react';
import reference from '@/generated/reference.json';
import { useI18n } from '@/lib/i18n';
import type { Translate } from '@/lib/translate';

type Operation = (typeof reference.operations)[number];
type TypeEntry = (typeof reference.types)[number] & {
  fields?: { name: string; type: string; description: string | null; defaultValue?: string | null; args: Operation['args'] }[];
  values?: { name: string; description: string | null }[];
  interfaces?: string[];
};

const TYPE_NAMES = new Set(reference.types.map((type) => type.name));
const anchor = (name: string) => `type-${name}`;

/** A type reference such as `[Route!]!`, its named type linked to its entry. */
function TypeRef({ type }: { type: string }) {
  const name = type.replace(/[[\]!]/g, '');
  if (!TYPE_NAMES.has(name)) return <code>{type}</code>;
  const [before, after] = type.split(name);
  return (
    <code>
      {before}
      <a href={`#${anchor(name)}`}>{name}</a>
      {after}
    </code>
  );
}

function Description({ text }: { text: string | null }) {
  return text ? (
    <p className="muted" style={{ margin: '0.25rem 0' }}>
      {text}
    </p>
  ) : null;
}

function ArgumentList({ args, t }: { args: Operation['args']; t: Translate }) {
  if (args.length === 0) return null;
  return (
    <dl>
      {args.map((arg) => (
        <div key={arg.name} style={{ marginLeft: '1rem' }}>
          <dt>
            <code>{arg.name}</code>: <TypeRef type={arg.type} />
            {arg.defaultValue !== null ? <span className="muted"> {t('docs.default', { value: arg.defaultValue })}</span> : null}
          </dt>
          <dd className="muted" style={{ margin: '0 0 0.25rem 1rem' }}>
            {arg.description}
          </dd>
        </div>
      ))}
    </dl>
  );
}

function OperationEntry({ operation, t }: { operation: Operation; t: Translate }) {
  const { rich } = useI18n();
  return (
    <section id={`${operation.kind}-${operation.name}`} className="card" style={{ marginBottom: '0.75rem' }}>
      <h3 style={{ margin: 0 }}>
        <code>{operation.name}</code>: <TypeRef type={operation.type} />
      </h3>
      <Description text={operation.description} />
      {operation.args.length > 0 && <strong>{t('docs.arguments')}</strong>}
      <ArgumentList args={operation.args} t={t} />
      {operation.examples.map((example) => (
        <details key={example.name}>
          <summary>
            {rich('docs.example', { method: <code>client.{example.name.charAt(0).toLowerCase() + example.name.slice(1)}()</code> })}
            {example.description ? ` — ${example.description}` : ''}
          </summary>
          <pre style={{ overflowX: 'auto' }}>{example.document}</pre>
        </details>
      ))}
    </section>
  );
}

function TypeSection({ type, t }: { type: TypeEntry; t: Translate }) {
  return (
    <section id={anchor(type.name)} className="card" style={{ marginBottom: '0.75rem' }}>
      <h3 style={{ margin: 0 }}>
        <code>{type.name}</code> <span className="muted">{type.kind.toLowerCase().replace('_', ' ')}</span>
      </h3>
      <Description text={type.description} />
      {type.interfaces?.length ? (
        <p>
          {t('docs.implements')}{' '}
          {type.interfaces.map((name) => (
            <TypeRef key={name} type={name} />
          ))}
        </p>
      ) : null}
      {type.fields?.length ? (
        <>
          <strong>{t('docs.fields')}</strong>
          <dl>
            {type.fields.map((field) => (
              <div key={field.name} style={{ marginLeft: '1rem' }}>
                <dt>
                  <code>{field.name}</code>: <TypeRef type={field.type} />
                </dt>
                {/* A field's arguments belong to its description: a list inside a list's term group may only hold terms and descriptions. */}
                <dd style={{ margin: '0 0 0.25rem 1rem' }}>
                  {field.description ? <span className="muted">{field.description}</span> : null}
                  <ArgumentList args={field.args} t={t} />
                </dd>
              </div>
            ))}
          </dl>
        </>
      ) : null}
      {type.values?.length ? (
        <>
          <strong>{t('docs.values')}</strong>
          <dl>
            {type.values.map((value) => (
              <div key={value.name} style={{ marginLeft: '1rem' }}>
                <dt>
                  <code>{value.name}</code>
                </dt>
                <dd className="muted" style={{ margin: '0 0 0.25rem 1rem' }}>
                  {value.description}
                </dd>
              </div>
            ))}
          </dl>
        </>
      ) : null}
    </section>
  );
}

function Group({ title, id, children }: { title: string; id: string; children: ReactNode }) {
  return (
    <>
      <h2 id={id}>{title}</h2>
      {children}
    </>
  );
}

/** /docs: the API reference, generated from the schema (app/src/generated/reference.json, by `npm run sdk:generate`). */
export function DocsPage() {
  const { t } = useI18n();
  const [filter, setFilter] = useState('');
  const matches = (name: string) => name.toLowerCase().includes(filter.trim().toLowerCase());
  const operations = useMemo(() => reference.operations.filter((operation) => matches(operation.name)), [filter]);
  const types = useMemo(() => (reference.types as TypeEntry[]).filter((type) => matches(type.name)), [filter]);
  const groups = [
    ['query', t('docs.queries')],
    ['mutation', t('docs.mutations')],
    ['subscription', t('docs.subscriptions')],
  ] as const;
  return (
    <>
      <h1>{t('docs.title')}</h1>
      <p className="muted">
        {t('docs.intro')} <Link href="/playground">{t('docs.playground')}</Link>
      </p>
      <nav className="row" style={{ gap: '1rem', flexWrap: 'wrap', marginBottom: '0.75rem' }}>
        {groups.map(([kind, title]) => (
          <a key={kind} href={`#${kind}`}>
            {title}
          </a>
        ))}
        <a href="#types">{t('docs.types')}</a>
        <a href="#errors">{t('docs.errors')}</a>
      </nav>
      <label htmlFor="docs-filter">{t('docs.search')}</label>
      <input id="docs-filter" type="search" value={filter} onChange={(event) => setFilter(event.target.value)} style={{ maxWidth: 320, display: 'block', marginBottom: '1rem' }} />
      {groups.map(([kind, title]) => (
        <Group key={kind} title={title} id={kind}>
          {operations
            .filter((operation) => operation.kind === kind)
            .map((operation) => (
              <OperationEntry key={operation.name} operation={operation} t={t} />
            ))}
        </Group>
      ))}
      <Group title={t('docs.types')} id="types">
        {types.map((type) => (
          <TypeSection key={type.name} type={type} t={t} />
        ))}
      </Group>
      <Group title={t('docs.errors')} id="errors">
        <p className="muted">{t('docs.errorsIntro')}</p>
        <dl>
          {reference.errorCodes.map((error) => (
            <div key={error.code} id={`error-${error.code}`}>
              <dt>
                <code>{error.code}</code>
              </dt>
              <dd className="muted" style={{ margin: '0 0 0.5rem 1rem' }}>
                {error.description}
              </dd>
            </div>
          ))}
        </dl>
      </Group>
    </>
  );
}
