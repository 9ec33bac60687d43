// CodeMirror 6 PromQL editors driven from Blazor (Components/Shared/PromQlEditor.razor).

import { Annotation, Compartment, EditorState } from '@codemirror/state';
import { EditorView, drawSelection, highlightSpecialChars, keymap, placeholder } from '@codemirror/view';
import { defaultKeymap, history, historyKeymap } from '@codemirror/commands';
import { HighlightStyle, bracketMatching, syntaxHighlighting } from '@codemirror/language';
import { autocompletion, closeBrackets, closeBracketsKeymap, completionKeymap } from '@codemirror/autocomplete';
import { setDiagnostics as lintSetDiagnostics } from '@codemirror/lint';
import { tags } from '@lezer/highlight';
import { portalPromQL } from './promql-language.js';

const editors = new Map();

// Marks changes that came from .NET, so they are not echoed back as user edits.
const fromDotNet = Annotation.define();

// Colours come from MudBlazor's palette variables, so the editor follows the light and dark
// themes without being told; the fallbacks are the light palette.
const palette = (name, fallback) => `var(--mud-palette-${name}, ${fallback})`;

const highlightStyle = HighlightStyle.define([
  { tag: tags.function(tags.variableName), color: palette('primary', '#3559b5') },
  { tag: tags.operatorKeyword, color: palette('secondary', '#e0702b'), fontWeight: '600' },
  { tag: [tags.modifier, tags.logicOperator], color: palette('secondary', '#e0702b') },
  { tag: tags.labelName, color: palette('tertiary', '#1ec8a5') },
  { tag: tags.string, color: palette('success', '#00c853') },
  { tag: tags.number, color: palette('info', '#2196f3') },
  { tag: [tags.operator, tags.arithmeticOperator], color: palette('text-secondary', '#666') },
  { tag: tags.comment, color: palette('text-disabled', '#999'), fontStyle: 'italic' },
  { tag: tags.invalid, color: palette('error', '#f44336') },
]);

const editorTheme = EditorView.theme({
  '&': {
    color: palette('text-primary', '#424242'),
    backgroundColor: palette('surface', '#fff'),
    border: `1px solid ${palette('lines-inputs', '#bdbdbd')}`,
    borderRadius: 'var(--mud-default-borderradius, 4px)',
    fontSize: '0.95rem',
  },
  '&.cm-focused': {
    outline: 'none',
    borderColor: palette('primary', '#3559b5'),
    boxShadow: `0 0 0 1px ${palette('primary', '#3559b5')}`,
  },
  '.cm-content': {
    fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace',
    padding: '8px 0',
    caretColor: palette('text-primary', '#424242'),
  },
  '.cm-line': { padding: '0 10px' },
  // A pasted page of PromQL scrolls inside the box instead of pushing the error and the rest of the page away.
  '.cm-scroller': { maxHeight: '24rem', overflow: 'auto' },
  '.cm-cursor, .cm-dropCursor': { borderLeftColor: palette('text-primary', '#424242') },
  '&.cm-focused > .cm-scroller > .cm-selectionLayer .cm-selectionBackground, .cm-selectionBackground, ::selection': {
    backgroundColor: palette('primary-lighten', '#5c7ad2') + ' !important',
    opacity: '0.35',
  },
  '.cm-placeholder': { color: palette('text-disabled', '#999') },
  '&.cm-focused .cm-matchingBracket': { backgroundColor: palette('action-default-hover', 'rgba(0,0,0,.06)'), outline: `1px solid ${palette('lines-default', '#ccc')}` },
  '.cm-tooltip': {
    color: palette('text-primary', '#424242'),
    backgroundColor: palette('surface', '#fff'),
    border: `1px solid ${palette('lines-default', '#e0e0e0')}`,
  },
  '.cm-tooltip-autocomplete > ul > li[aria-selected]': {
    color: palette('primary-text', '#fff'),
    backgroundColor: palette('primary', '#3559b5'),
  },
  '.cm-completionDetail': { color: palette('text-secondary', '#666'), fontStyle: 'normal', marginLeft: '1em' },
  '.cm-completionInfo': { maxWidth: '32rem' },
  '&.portal-readonly': { backgroundColor: palette('background-gray', '#f5f5f5') },
});

function readOnlyExtensions(readOnly) {
  return [
    EditorState.readOnly.of(readOnly),
    EditorView.editable.of(!readOnly),
    readOnly ? EditorView.editorAttributes.of({ class: 'portal-readonly' }) : [],
  ];
}

function labelExtensions(label) {
  return EditorView.contentAttributes.of(label ? { 'aria-label': label } : {});
}

export function create(id, element, dotNetRef, options) {
  destroy(id);

  // The portal's own parser reports errors through setDiagnostics; the shared setup leaves the library's linter off,
  // which would otherwise overwrite those diagnostics on every keystroke.
  const promql = portalPromQL(options.metadataUrl);

  const compartments = {
    readOnly: new Compartment(),
    placeholder: new Compartment(),
    label: new Compartment(),
    dark: new Compartment(),
  };

  const entry = { view: null, promql, dotNetRef, timer: 0, pending: null, compartments };
  const debounceMs = options.debounceMs ?? 250;

  const flush = () => {
    clearTimeout(entry.timer);
    entry.timer = 0;
    if (entry.pending === null) {
      return;
    }
    const text = entry.pending;
    entry.pending = null;
    dotNetRef.invokeMethodAsync('OnEditorChanged', text).catch(() => {});
  };

  const listener = EditorView.updateListener.of((update) => {
    if (update.docChanged && !update.transactions.some((tr) => tr.annotation(fromDotNet))) {
      entry.pending = update.state.doc.toString();
      clearTimeout(entry.timer);
      entry.timer = setTimeout(flush, debounceMs);
    }
    // Leaving the editor sends the text at once, so a click on "Save" sees the latest query.
    if (update.focusChanged && !update.view.hasFocus) {
      flush();
    }
  });

  entry.view = new EditorView({
    parent: element,
    state: EditorState.create({
      doc: options.value ?? '',
      extensions: [
        highlightSpecialChars(),
        history(),
        drawSelection(),
        bracketMatching(),
        closeBrackets(),
        autocompletion(),
        keymap.of([...closeBracketsKeymap, ...defaultKeymap, ...historyKeymap, ...completionKeymap]),
        EditorView.lineWrapping,
        editorTheme,
        syntaxHighlighting(highlightStyle),
        promql.asExtension(),
        compartments.readOnly.of(readOnlyExtensions(!!options.readOnly)),
        compartments.placeholder.of(options.placeholder ? placeholder(options.placeholder) : []),
        compartments.label.of(labelExtensions(options.label)),
        compartments.dark.of(EditorView.darkTheme.of(!!options.dark)),
        listener,
      ],
    }),
  });

  editors.set(id, entry);
}

// Replaces the document only when it differs, so an echo of the user's own text never moves
// the cursor; a real replacement keeps the cursor where it was as far as the new text allows.
export function setValue(id, value) {
  const entry = editors.get(id);
  if (!entry) {
    return;
  }
  const view = entry.view;
  const current = view.state.doc.toString();
  const text = value ?? '';
  if (current === text) {
    return;
  }
  const head = Math.min(view.state.selection.main.head, text.length);
  entry.pending = null;
  clearTimeout(entry.timer);
  view.dispatch({
    changes: { from: 0, to: current.length, insert: text },
    selection: { anchor: head },
    annotations: fromDotNet.of(true),
  });
}

export function configure(id, options) {
  const entry = editors.get(id);
  if (!entry) {
    return;
  }
  const { compartments } = entry;
  entry.view.dispatch({
    effects: [
      compartments.readOnly.reconfigure(readOnlyExtensions(!!options.readOnly)),
      compartments.placeholder.reconfigure(options.placeholder ? placeholder(options.placeholder) : []),
      compartments.label.reconfigure(labelExtensions(options.label)),
      compartments.dark.reconfigure(EditorView.darkTheme.of(!!options.dark)),
    ],
  });
}

// Diagnostics are computed in .NET for a given text. When the user has typed since, they are
// stale and dropped: the next value sent to .NET brings fresh ones.
export function setDiagnostics(id, forText, diagnostics) {
  const entry = editors.get(id);
  if (!entry) {
    return false;
  }
  const state = entry.view.state;
  if (forText !== null && forText !== undefined && state.doc.toString() !== forText) {
    return false;
  }
  const length = state.doc.length;
  const clamp = (n) => Math.max(0, Math.min(length, n | 0));
  const list = (diagnostics ?? []).map((d) => {
    const from = clamp(d.from);
    return { from, to: Math.max(from, clamp(d.to)), severity: d.severity ?? 'error', message: d.message ?? '', source: 'portal' };
  });
  entry.view.dispatch(lintSetDiagnostics(state, list));
  return true;
}

// For E2E tests and debugging.
export function getValue(id) {
  return editors.get(id)?.view.state.doc.toString() ?? null;
}

export function destroy(id) {
  const entry = editors.get(id);
  if (!entry) {
    return;
  }
  editors.delete(id);
  clearTimeout(entry.timer);
  entry.view.destroy();
  entry.promql.destroy();
}
