// Series names are label values: whatever a scraped target or label_replace put there. apexcharts
// writes tooltip titles and legend entries with innerHTML, so they are escaped to stay text.
const entities = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(value) {
  return String(value ?? '').replace(/[&<>"']/g, (c) => entities[c]);
}

// Tooltip titles and legend entries are series names: the options get formatters that keep them text.
export function withTextNames(options) {
  const title = (y) => ({ ...y, title: { ...y?.title, formatter: escapeHtml } });
  const tooltip = options.tooltip ?? {};
  options.tooltip = { ...tooltip, y: Array.isArray(tooltip.y) ? tooltip.y.map(title) : title(tooltip.y) };
  options.legend = { ...options.legend, formatter: escapeHtml };
  return options;
}
