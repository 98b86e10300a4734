import type { editor } from 'monaco-editor';

/**
 * GraphiQL's dark editor theme with comments bright enough to read: Monaco's dark comment green
 * (#608b4e) is 3.6:1 on GraphiQL's dark panel, below WCAG AA's 4.5:1; #8fbf7a is 6.8:1. The
 * colours are GraphiQL's own dark editor colours (@graphiql/react does not export its theme data).
 */
export const READABLE_DARK_EDITOR = 'aero-graphiql-dark';

const PANEL = '#212a3b';
const PRIMARY = '#ff5794';
const PRIMARY_BACKGROUND = '#ff579419';
const TRANSPARENT = '#ffffff00';

export const READABLE_DARK_EDITOR_THEME: editor.IStandaloneThemeData = {
  base: 'vs-dark',
  inherit: true,
  colors: {
    'editor.background': TRANSPARENT,
    'scrollbar.shadow': TRANSPARENT,
    'textLink.foreground': PRIMARY,
    'textLink.activeForeground': PRIMARY,
    'editorLink.activeForeground': PRIMARY,
    'editorHoverWidget.background': PANEL,
    'list.hoverBackground': PRIMARY_BACKGROUND,
    'list.highlightForeground': PRIMARY,
    'list.focusHighlightForeground': PRIMARY,
    'menu.background': PANEL,
    'editorSuggestWidget.background': PANEL,
    'editorSuggestWidget.selectedBackground': PRIMARY_BACKGROUND,
    'editorSuggestWidget.selectedForeground': PRIMARY,
    'quickInput.background': PANEL,
    'quickInputList.focusForeground': '#ffffff',
    'highlighted.label': PRIMARY,
    'quickInput.widget': PRIMARY,
    highlight: PRIMARY,
    'editorWidget.background': PANEL,
    'input.background': '#b7c2d711',
    focusBorder: PRIMARY,
    'toolbar.hoverBackground': PRIMARY_BACKGROUND,
    'inputOption.hoverBackground': PRIMARY_BACKGROUND,
    'quickInputList.focusBackground': PRIMARY_BACKGROUND,
    'editorWidget.resizeBorder': PRIMARY,
    'pickerGroup.foreground': PRIMARY,
    'menu.selectionBackground': PRIMARY_BACKGROUND,
    'menu.selectionForeground': PRIMARY,
  },
  rules: [
    { token: 'argument.identifier.gql', foreground: '#908aff' },
    { token: 'comment', foreground: '#8fbf7a' },
  ],
};
