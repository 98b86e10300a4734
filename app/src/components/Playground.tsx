'use client';

import 'graphiql/setup-workers/webpack';
import 'graphiql/style.css';
import { ToolbarButton, useGraphiQL, useMonaco } from '@graphiql/react';
import { GraphiQL } from 'graphiql';
import { useEffect, useMemo, useRef, useState } from 'react';
import reference from '@/generated/reference.json';
import { useColorScheme } from '@/lib/color-scheme';
import { useI18n } from '@/lib/i18n';
import { READABLE_DARK_EDITOR, READABLE_DARK_EDITOR_THEME } from './playground/editor-theme';
import { EXAMPLE_TABS } from './playground/examples';
import { createFetcher } from './playground/fetcher';
import { asCurl, asSdkCall, parseJsonObject, stringHeaders, type PlaygroundRequest } from './playground/request';

/** GraphiQL's light editor theme, and its dark one with readable comments. */
const EDITOR_THEMES = { light: 'graphiql-LIGHT', dark: READABLE_DARK_EDITOR };

/** Named operations of schema/operations (the SDK's methods): name -> exact text. */
const SDK_DOCUMENTS = new Map(reference.operations.flatMap((operation) => operation.examples.map((example) => [example.name, example.document] as const)));

/** "Copy as SDK call" and "copy as curl" for the operation in the editor, with its variables and headers. */
function CopyActions() {
  const { t } = useI18n();
  const queryEditor = useGraphiQL((state) => state.queryEditor);
  const variableEditor = useGraphiQL((state) => state.variableEditor);
  const headerEditor = useGraphiQL((state) => state.headerEditor);
  const operationName = useGraphiQL((state) => state.operationName);
  const [copied, setCopied] = useState<string | null>(null);
  const current = (): PlaygroundRequest => ({
    query: queryEditor?.getValue() ?? '',
    variables: parseJsonObject(variableEditor?.getValue()),
    headers: stringHeaders(parseJsonObject(headerEditor?.getValue())),
    operationName: operationName || undefined,
  });
  const endpoint = `${window.location.origin}/graphql`;
  const copy = async (kind: 'sdk' | 'curl') => {
    const text = kind === 'sdk' ? asSdkCall(endpoint, current(), SDK_DOCUMENTS) : asCurl(endpoint, current());
    await navigator.clipboard.writeText(text);
    setCopied(kind);
    setTimeout(() => setCopied(null), 1500);
  };
  return (
    <>
      <ToolbarButton label={copied === 'sdk' ? t('dev.copied') : t('dev.copySdk')} onClick={() => void copy('sdk')} data-testid="copy-sdk">
        <span aria-hidden>SDK</span>
      </ToolbarButton>
      <ToolbarButton label={copied === 'curl' ? t('dev.copied') : t('dev.copyCurl')} onClick={() => void copy('curl')} data-testid="copy-curl">
        <span aria-hidden>curl</span>
      </ToolbarButton>
    </>
  );
}

/**
 * GraphiQL marks each session tab (an <li>) role="tab" around its own buttons (select, close):
 * controls inside a control, which assistive technology cannot reach (axe: nested-interactive).
 * Its tabs work as a list of buttons, so they keep the list's own roles, and the selected tab's
 * button says it is the current one. Run again whenever GraphiQL renders its tabs anew.
 */
function listSessionTabs(root: HTMLElement): void {
  for (const list of root.querySelectorAll('.graphiql-tabs[role="tablist"]')) list.removeAttribute('role');
  for (const tab of root.querySelectorAll<HTMLElement>('.graphiql-tab')) {
    if (tab.hasAttribute('role')) tab.removeAttribute('role');
    if (tab.hasAttribute('aria-selected')) tab.removeAttribute('aria-selected');
    const button = tab.querySelector('.graphiql-tab-button');
    const current = tab.classList.contains('graphiql-tab-active') ? 'true' : 'false';
    if (button && button.getAttribute('aria-current') !== current) button.setAttribute('aria-current', current);
  }
}

export default function Playground({ playgroundKey }: { playgroundKey: string }) {
  const { fetcher, dispose } = useMemo(() => createFetcher(playgroundKey), [playgroundKey]);
  useEffect(() => dispose, [dispose]);
  // GraphiQL and its editors follow the app's colour scheme (GraphiQL's own theme setting hides).
  const scheme = useColorScheme();
  // Monaco loads after the first render; GraphiQL may have asked for the dark theme before it was defined.
  const monaco = useMonaco((state) => state.monaco);
  useEffect(() => {
    if (!monaco) return;
    monaco.editor.defineTheme(READABLE_DARK_EDITOR, READABLE_DARK_EDITOR_THEME);
    if (scheme === 'dark') monaco.editor.setTheme(READABLE_DARK_EDITOR);
  }, [monaco, scheme]);
  const frame = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const root = frame.current;
    if (!root) return;
    listSessionTabs(root);
    const observer = new MutationObserver(() => listSessionTabs(root));
    observer.observe(root, { subtree: true, childList: true, attributes: true, attributeFilter: ['role', 'aria-selected', 'class'] });
    return () => observer.disconnect();
  }, []);
  return (
    <div ref={frame} className="playground-frame">
      <GraphiQL fetcher={fetcher as never} defaultTabs={EXAMPLE_TABS} defaultEditorToolsVisibility isHeadersEditorEnabled forcedTheme={scheme} editorTheme={EDITOR_THEMES}>
        <GraphiQL.Toolbar>
          {({ prettify, copy, merge }) => (
            <>
              {prettify}
              {merge}
              {copy}
              <CopyActions />
            </>
          )}
        </GraphiQL.Toolbar>
      </GraphiQL>
    </div>
  );
}
