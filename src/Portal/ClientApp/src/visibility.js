// Tells a Blazor component when the tab is hidden or shown again, so periodic refreshes pause while
// nobody looks (a hidden Alerts tab would otherwise ask every target every few seconds for hours).
const watchers = new Map();
let next = 1;

export function watch(dotNetRef) {
  const id = next++;
  const handler = () => dotNetRef.invokeMethodAsync('OnVisibilityChanged', !document.hidden).catch(() => {});
  document.addEventListener('visibilitychange', handler);
  watchers.set(id, handler);
  return { id, visible: !document.hidden };
}

export function unwatch(id) {
  const handler = watchers.get(id);
  if (handler) {
    document.removeEventListener('visibilitychange', handler);
    watchers.delete(id);
  }
}
