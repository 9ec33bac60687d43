// The runbook editor's body box. Every input is kept as a draft in localStorage at once, so a dropped
// connection or a closed tab loses nothing; the server only hears of the body after a pause in typing,
// and then as a stream, which SignalR sends in chunks: a 1 MB body never has to fit into one message,
// and typing into a 200 KB runbook does not send 200 KB per keystroke.
const prefix = 'portal.runbook-draft.';
const attached = new WeakMap();

function read(key) {
  try {
    const draft = JSON.parse(localStorage.getItem(prefix + key));
    return draft && typeof draft === 'object' ? draft : null;
  } catch {
    return null;
  }
}

function write(key, draft) {
  try {
    localStorage.setItem(prefix + key, JSON.stringify(draft));
  } catch {
    // Storage full or refused (private windows): the editor still works, only without the safety net.
  }
}

// An argument to a .NET method must be wrapped as a stream reference; a return value is wrapped by Blazor itself
// when .NET asks for an IJSStreamReference, and must be the bytes.
function bytes(text) {
  return new TextEncoder().encode(text);
}

function stream(text) {
  return DotNet.createJSStreamReference(bytes(text));
}

// `completion` ({ metadataUrl }) turns on PromQL completion inside ```promql fences (ClientApp/src/fence-completion.js,
// in the bundle as window.portal.fence); without the bundle the box is still a plain editor.
export function attach(textarea, dotnet, key, debounceMs, completion) {
  detach(textarea);
  let timer = 0;
  const send = () => dotnet.invokeMethodAsync('BodyChanged', stream(textarea.value)).catch(() => {
    // The circuit is gone; the draft below still holds the text.
  });
  const onInput = () => {
    const draft = read(key) ?? {};
    draft.body = textarea.value;
    draft.at = Date.now();
    write(key, draft);
    clearTimeout(timer);
    timer = setTimeout(send, debounceMs);
  };
  textarea.addEventListener('input', onInput);
  // From here on every keystroke is kept: tests (and styles) can tell.
  textarea.dataset.draft = 'on';
  const fence = completion?.metadataUrl ? window.portal?.fence : null;
  fence?.attach(textarea, completion);
  attached.set(textarea, () => {
    fence?.detach(textarea);
    clearTimeout(timer);
    textarea.removeEventListener('input', onInput);
    delete textarea.dataset.draft;
  });
}

export function detach(textarea) {
  const undo = textarea && attached.get(textarea);
  if (undo) {
    undo();
    attached.delete(textarea);
  }
}

// What the box holds right now, for a save that must not miss the last keystrokes.
export function current(textarea) {
  return bytes(textarea.value);
}

// The form's other fields (small), kept with the body.
export function saveFields(key, fields) {
  const draft = read(key) ?? {};
  draft.fields = fields;
  draft.at = Date.now();
  write(key, draft);
}

export function draftInfo(key) {
  const draft = read(key);
  if (!draft || typeof draft.at !== 'number') {
    return null;
  }

  return { at: draft.at, fields: draft.fields ?? {}, hasBody: typeof draft.body === 'string' };
}

export function draftBody(key) {
  return bytes(read(key)?.body ?? '');
}

export function clear(key) {
  try {
    localStorage.removeItem(prefix + key);
  } catch {
    // Nothing to clear where storage is refused.
  }
}
