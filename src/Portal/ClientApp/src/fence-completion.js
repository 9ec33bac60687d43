// PromQL completion inside ```promql fences of a plain <textarea> (the runbook editor's body).
//
// The box stays a textarea: its draft and streaming logic (wwwroot/js/runbook-editor.js) and the 200 KB-runbook
// case depend on it. Completion reuses the rule editor's source instead of a second implementation: the fence's
// text goes into a headless CodeMirror state carrying the same PromQLExtension (same metadata proxy, same
// "Prometheus down means fewer suggestions" handling), its completion source runs at the caret, and the options
// are shown in a small listbox of our own next to the caret.

import { EditorState } from '@codemirror/state';
import { ensureSyntaxTree } from '@codemirror/language';
import { CompletionContext } from '@codemirror/autocomplete';
import { portalPromQL } from './promql-language.js';

// A fence longer than this gets no completion: parsing and the mirror stay cheap whatever is pasted.
export const maxFenceChars = 20_000;
export const maxOptions = 50;
const debounceMs = 150;
const identifierChar = /^[A-Za-z0-9_:]$/;

const attached = new WeakMap();
let nextId = 0;

const palette = (name, fallback) => `var(--mud-palette-${name}, ${fallback})`;

const styles = `
.portal-fence-completion {
  position: absolute;
  z-index: 1400;
  margin: 0;
  padding: 2px 0;
  list-style: none;
  min-width: 16rem;
  max-width: 36rem;
  max-height: 16rem;
  overflow-y: auto;
  color: ${palette('text-primary', '#424242')};
  background: ${palette('surface', '#fff')};
  border: 1px solid ${palette('lines-default', '#e0e0e0')};
  border-radius: var(--mud-default-borderradius, 4px);
  box-shadow: var(--mud-elevation-8, 0 4px 12px rgba(0,0,0,.2));
  font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace;
  font-size: 0.85rem;
}
.portal-fence-completion__option {
  display: flex;
  justify-content: space-between;
  gap: 1em;
  padding: 2px 8px;
  cursor: pointer;
  white-space: nowrap;
}
.portal-fence-completion__option[aria-selected="true"] {
  color: ${palette('primary-text', '#fff')};
  background: ${palette('primary', '#3559b5')};
}
.portal-fence-completion__label { overflow: hidden; text-overflow: ellipsis; }
.portal-fence-completion__detail { color: ${palette('text-secondary', '#666')}; font-style: normal; }
.portal-fence-completion__option[aria-selected="true"] .portal-fence-completion__detail { color: inherit; }
.portal-fence-completion__status {
  position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap;
}
`;

function ensureStyles() {
  if (document.getElementById('portal-fence-completion-styles')) {
    return;
  }
  const style = document.createElement('style');
  style.id = 'portal-fence-completion-styles';
  style.textContent = styles;
  document.head.appendChild(style);
}

const fenceOpen = /^[ \t]*(`{3,}|~{3,})(.*)$/;
const fenceClose = /^[ \t]*(`{3,}|~{3,})[ \t]*$/;

/**
 * The ```promql (or ~~~promql) fence around `caret`, or null when the caret is in prose or in another fence.
 * Returns the content's start and end offsets in `text`. Lines are walked once from the top, because whether a
 * ``` line opens or closes a fence depends on everything above it.
 */
export function findPromqlFence(text, caret) {
  let lineStart = 0;
  let open = null;
  while (lineStart <= text.length) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd < 0) {
      lineEnd = text.length;
    }
    if (open === null && lineStart > caret) {
      return null;
    }
    const line = text.slice(lineStart, lineEnd).replace(/\r$/, '');
    if (open === null) {
      const m = fenceOpen.exec(line);
      // A backtick fence's info string may not hold a backtick (that is inline code, not a fence).
      if (m && !(m[1][0] === '`' && m[2].includes('`'))) {
        const language = m[2].trim().split(/\s+/)[0].toLowerCase();
        open = { marker: m[1], promql: language === 'promql', start: Math.min(lineEnd + 1, text.length) };
      }
    } else {
      const m = fenceClose.exec(line);
      if (m && m[1][0] === open.marker[0] && m[1].length >= open.marker.length) {
        // The content ends before this line's newline; the caret on the closing line itself is outside.
        if (caret >= open.start && caret < lineStart) {
          return open.promql ? { from: open.start, to: Math.max(open.start, lineStart - 1) } : null;
        }
        open = null;
      }
    }
    lineStart = lineEnd + 1;
  }
  // An unclosed fence runs to the end of the text.
  if (open !== null && caret >= open.start) {
    return open.promql ? { from: open.start, to: text.length } : null;
  }
  return null;
}

/** Options matching what is typed: those starting with it first, then those containing it; at most `limit`. */
export function filterOptions(options, typed, limit = maxOptions) {
  const word = typed.toLowerCase();
  const starts = [];
  const contains = [];
  for (const option of options) {
    // Snippets insert through a live CodeMirror view, which a textarea does not have.
    if (typeof option.apply === 'function' || typeof option.label !== 'string') {
      continue;
    }
    const label = option.label.toLowerCase();
    if (label.startsWith(word)) {
      starts.push(option);
    } else if (word && label.includes(word)) {
      contains.push(option);
    }
  }
  const order = (a, b) => (b.boost ?? 0) - (a.boost ?? 0) || (a.label < b.label ? -1 : a.label > b.label ? 1 : 0);
  return [...starts.sort(order), ...contains.sort(order)].slice(0, limit);
}

// The caret's position in page coordinates, from a hidden copy of the textarea holding the text up to the caret.
const mirrored = [
  'boxSizing', 'width', 'borderTopWidth', 'borderRightWidth', 'borderBottomWidth', 'borderLeftWidth', 'borderStyle',
  'paddingTop', 'paddingRight', 'paddingBottom', 'paddingLeft', 'fontStyle', 'fontVariant', 'fontWeight',
  'fontStretch', 'fontSize', 'lineHeight', 'fontFamily', 'textAlign', 'textTransform', 'textIndent',
  'letterSpacing', 'wordSpacing', 'tabSize',
];

function caretPoint(textarea, caret) {
  const style = getComputedStyle(textarea);
  const mirror = document.createElement('div');
  for (const name of mirrored) {
    mirror.style[name] = style[name];
  }
  Object.assign(mirror.style, {
    position: 'absolute', visibility: 'hidden', top: '0', left: '-9999px', overflow: 'hidden',
    whiteSpace: 'pre-wrap', overflowWrap: 'break-word', height: 'auto',
  });
  // Only the line breaks before the caret matter for its height, but wrapping needs the whole current line.
  mirror.textContent = textarea.value.slice(0, caret);
  const marker = document.createElement('span');
  marker.textContent = '\u200b';
  mirror.appendChild(marker);
  document.body.appendChild(mirror);
  const top = marker.offsetTop;
  const left = marker.offsetLeft;
  const lineHeight = parseFloat(style.lineHeight) || parseFloat(style.fontSize) * 1.4 || 20;
  mirror.remove();
  const box = textarea.getBoundingClientRect();
  return {
    x: box.left + window.scrollX + left - textarea.scrollLeft,
    y: box.top + window.scrollY + top - textarea.scrollTop + lineHeight,
    visible: top - textarea.scrollTop >= 0 && top - textarea.scrollTop < textarea.clientHeight,
  };
}

/**
 * Gives `textarea` completion in its ```promql fences, asking `options.metadataUrl` (the portal's Prometheus
 * metadata proxy) for metric names, labels and values.
 */
export function attach(textarea, options) {
  detach(textarea);
  ensureStyles();
  const id = `portal-fence-completion-${++nextId}`;
  const promql = portalPromQL(options.metadataUrl);
  const extension = promql.asExtension();

  const listbox = document.createElement('ul');
  listbox.id = id;
  listbox.className = 'portal-fence-completion';
  listbox.setAttribute('role', 'listbox');
  listbox.setAttribute('aria-label', 'PromQL suggestions');
  // The list scrolls, so it must be reachable without a mouse. It exists only while open, when Tab in the box accepts
  // instead of moving on, so it never takes a place in the tab order of the page.
  listbox.tabIndex = 0;
  listbox.dataset.testid = 'runbook-completion';
  listbox.hidden = true;

  const status = document.createElement('div');
  status.className = 'portal-fence-completion__status';
  status.setAttribute('role', 'status');
  status.dataset.testid = 'runbook-completion-status';

  document.body.append(listbox, status);
  // The box keeps its textbox role (a textarea may not be a combobox), so it says what it offers with the
  // attributes a textbox may carry; aria-expanded is not one of them, the list's presence tells instead.
  textarea.setAttribute('aria-autocomplete', 'list');
  textarea.setAttribute('aria-haspopup', 'listbox');

  const s = { timer: 0, seq: 0, open: false, items: [], active: 0, replace: null, caret: 0, accepting: false };

  const close = () => {
    clearTimeout(s.timer);
    textarea.dataset.completion = 'idle';
    s.seq++;
    if (!s.open) {
      return;
    }
    s.open = false;
    s.items = [];
    listbox.hidden = true;
    listbox.replaceChildren();
    textarea.removeAttribute('aria-controls');
    textarea.removeAttribute('aria-activedescendant');
  };

  const select = (index) => {
    if (!s.items.length) {
      return;
    }
    s.active = (index + s.items.length) % s.items.length;
    listbox.querySelectorAll('[role=option]').forEach((li, i) => li.setAttribute('aria-selected', i === s.active ? 'true' : 'false'));
    const li = listbox.children[s.active];
    textarea.setAttribute('aria-activedescendant', li.id);
    li.scrollIntoView({ block: 'nearest' });
  };

  const accept = (index) => {
    const option = s.items[index];
    const range = s.replace;
    close();
    if (!option || !range) {
      return;
    }
    const insert = typeof option.apply === 'string' ? option.apply : option.label;
    textarea.focus();
    textarea.setSelectionRange(range.from, range.to);
    s.accepting = true;
    try {
      // insertText keeps the browser's undo history and fires 'input' itself; setRangeText is the fallback.
      if (!document.execCommand('insertText', false, insert)) {
        textarea.setRangeText(insert, range.from, range.to, 'end');
        textarea.dispatchEvent(new Event('input', { bubbles: true }));
      }
    } finally {
      s.accepting = false;
    }
  };

  // Puts the open list under the caret, kept inside the window; false when the caret is scrolled out of the box.
  const place = () => {
    const point = caretPoint(textarea, s.caret);
    if (!point.visible) {
      return false;
    }
    const width = listbox.offsetWidth;
    const left = Math.max(window.scrollX, Math.min(point.x, window.scrollX + document.documentElement.clientWidth - width - 8));
    listbox.style.left = `${left}px`;
    listbox.style.top = `${point.y}px`;
    return true;
  };

  // A resized window (or a full-page screenshot) moves the box: the list follows it.
  const onResize = () => {
    if (s.open && !place()) {
      close();
    }
  };

  const show = (items, replace, caret) => {
    if (!items.length) {
      close();
      status.textContent = 'No suggestions';
      return;
    }
    s.items = items;
    s.replace = replace;
    listbox.replaceChildren(...items.map((option, i) => {
      const li = document.createElement('li');
      li.id = `${id}-${i}`;
      li.className = 'portal-fence-completion__option';
      li.setAttribute('role', 'option');
      li.setAttribute('aria-selected', 'false');
      const label = document.createElement('span');
      label.className = 'portal-fence-completion__label';
      label.textContent = option.label;
      li.appendChild(label);
      const detail = option.detail ?? option.type;
      if (detail) {
        const small = document.createElement('span');
        small.className = 'portal-fence-completion__detail';
        small.textContent = detail;
        li.appendChild(small);
      }
      if (typeof option.info === 'string' && option.info) {
        li.title = option.info;
      }
      return li;
    }));
    listbox.hidden = false;
    s.open = true;
    // Under the start of the word being completed, as the rule editor places its list.
    s.caret = replace.from;
    textarea.setAttribute('aria-controls', id);
    if (!place()) {
      close();
      return;
    }
    select(0);
    status.textContent = `${items.length} suggestion${items.length === 1 ? '' : 's'}`;
  };

  const complete = async (explicit) => {
    const seq = ++s.seq;
    const text = textarea.value;
    const caret = textarea.selectionStart;
    if (caret !== textarea.selectionEnd) {
      close();
      return;
    }
    const fence = findPromqlFence(text, caret);
    if (!fence || fence.to - fence.from > maxFenceChars) {
      close();
      return;
    }
    const pos = caret - fence.from;
    let state = EditorState.create({ doc: text.slice(fence.from, fence.to), extensions: extension });
    // A new state parses only its first few thousand characters; parse the rest, then let a transaction adopt the tree.
    if (ensureSyntaxTree(state, state.doc.length, 200)) {
      state = state.update({}).state;
    }
    const context = new CompletionContext(state, pos, explicit);
    let results = [];
    try {
      const sources = state.languageDataAt('autocomplete', pos).filter((source) => typeof source === 'function');
      results = (await Promise.all(sources.map((source) => source(context)))).filter(Boolean);
    } catch (error) {
      // A completion failure costs the suggestions, never the typing.
      console.debug('PromQL completion failed:', error);
    }
    if (seq !== s.seq || textarea.value !== text || textarea.selectionStart !== caret || document.activeElement !== textarea) {
      return;
    }
    const result = results[0];
    if (!result) {
      close();
      return;
    }
    const typed = state.sliceDoc(result.from, pos);
    // Typing implicitly opens the list only on a word being typed, as the rule editor does.
    if (!explicit && !typed) {
      close();
      return;
    }
    const to = Math.max(pos, Math.min(result.to ?? pos, state.doc.length));
    show(filterOptions(result.options, typed), { from: fence.from + result.from, to: fence.from + to }, caret);
  };

  // data-completion says whether a run is waiting or under way ('busy') or the list shows what the last keystroke
  // asked for ('idle'), so a test can wait for that instead of for a time.
  const schedule = (explicit) => {
    clearTimeout(s.timer);
    textarea.dataset.completion = 'busy';
    s.timer = setTimeout(() => {
      s.timer = 0;
      const run = complete(explicit);
      // complete() took the next sequence number before its first await; a later run or a close moves it on.
      const mine = s.seq;
      run.finally(() => {
        if (!s.timer && s.seq === mine) {
          textarea.dataset.completion = 'idle';
        }
      });
    }, debounceMs);
  };

  const onInput = (e) => {
    if (s.accepting) {
      return;
    }
    // A typed character, or a word put in at once (an input method, a test's insertText), ending a name.
    const typedChar = e.inputType === 'insertText' && typeof e.data === 'string' && identifierChar.test(e.data.slice(-1));
    if (typedChar || (s.open && e.inputType === 'deleteContentBackward')) {
      schedule(false);
    } else {
      close();
    }
  };

  const onKeyDown = (e) => {
    if (e.key === ' ' && e.ctrlKey && !e.altKey && !e.metaKey) {
      e.preventDefault();
      schedule(true);
      return;
    }
    if (!s.open) {
      return;
    }
    switch (e.key) {
      case 'ArrowDown':
        e.preventDefault();
        select(s.active + 1);
        break;
      case 'ArrowUp':
        e.preventDefault();
        select(s.active - 1);
        break;
      case 'Enter':
      case 'Tab':
        e.preventDefault();
        accept(s.active);
        break;
      case 'Escape':
        // The list closes, nothing else (no dialog or page handler behind it).
        e.preventDefault();
        e.stopPropagation();
        close();
        break;
      case 'ArrowLeft':
      case 'ArrowRight':
      case 'Home':
      case 'End':
      case 'PageUp':
      case 'PageDown':
        close();
        break;
      default:
        break;
    }
  };

  // A click in the list must not take the focus (and with it the caret) from the box.
  const onListMouseDown = (e) => e.preventDefault();
  const onListClick = (e) => {
    const li = e.target.closest('[role=option]');
    if (li) {
      accept([...listbox.children].indexOf(li));
    }
  };

  textarea.addEventListener('input', onInput);
  textarea.addEventListener('keydown', onKeyDown);
  textarea.addEventListener('blur', close);
  textarea.addEventListener('mousedown', close);
  textarea.addEventListener('scroll', close);
  listbox.addEventListener('mousedown', onListMouseDown);
  listbox.addEventListener('click', onListClick);
  window.addEventListener('resize', onResize);

  attached.set(textarea, () => {
    close();
    textarea.removeEventListener('input', onInput);
    textarea.removeEventListener('keydown', onKeyDown);
    textarea.removeEventListener('blur', close);
    textarea.removeEventListener('mousedown', close);
    textarea.removeEventListener('scroll', close);
    window.removeEventListener('resize', onResize);
    textarea.removeAttribute('aria-autocomplete');
    textarea.removeAttribute('aria-haspopup');
    delete textarea.dataset.completion;
    listbox.remove();
    status.remove();
    promql.destroy();
  });
}

export function detach(textarea) {
  const undo = textarea && attached.get(textarea);
  if (undo) {
    attached.delete(textarea);
    undo();
  }
}
