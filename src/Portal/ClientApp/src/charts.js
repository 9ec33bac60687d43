// ApexCharts instances driven from Blazor (Components/Shared/ApexChart.razor).
// The component builds the complete option object in C#; this file only owns the instances.

// The lean core plus what the portal draws: line and area charts ('line' registers both),
// legend, zoom toolbar, threshold lines and shaded firing windows (annotations), keyboard
// navigation. The full 'apexcharts' entry would add every other chart type.
import ApexCharts from 'apexcharts/core';
import 'apexcharts/line';
import 'apexcharts/features/legend';
import 'apexcharts/features/toolbar';
import 'apexcharts/features/annotations';
import 'apexcharts/features/keyboard';
import { withTextNames } from './text.js';

// Keyed by an id chosen in .NET rather than by element: when the component is disposed its
// element may already be gone from the DOM, and the chart must still be destroyed.
const charts = new Map();

// Axis labels and tooltips: at most four significant digits, exponents for the very large and
// very small. Functions cannot travel in JSON, so .NET sends plain options and this adds them;
// an axis for which .NET chose its decimals keeps apexcharts' own formatting.
const significant = new Intl.NumberFormat(undefined, { maximumSignificantDigits: 4 });

export function formatNumber(value) {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    return '';
  }
  const magnitude = Math.abs(value);
  return magnitude !== 0 && (magnitude >= 1e7 || magnitude < 1e-3) ? value.toExponential(2) : significant.format(value);
}

// apexcharts draws a y annotation against yaxis[yAxisIndex]; with no series it may have no y axis at all
// and fails inside its own code. Lines are tied to the first axis, and a chart without points draws none.
function withSafeAnnotations(options) {
  const lines = options.annotations?.yaxis;
  if (!Array.isArray(lines) || lines.length === 0) {
    return;
  }
  const hasPoints = Array.isArray(options.series) && options.series.some((s) => Array.isArray(s.data) && s.data.length > 0);
  options.annotations.yaxis = hasPoints ? lines.map((line) => ({ ...line, yAxisIndex: 0 })) : [];
}

function withFormatters(options) {
  if (Array.isArray(options)) {
    return options;
  }
  withSafeAnnotations(options);
  withTextNames(options);
  const axes = Array.isArray(options.yaxis) ? options.yaxis : options.yaxis ? [options.yaxis] : [];
  for (const axis of axes) {
    if (axis.decimalsInFloat == null) {
      axis.labels = { ...axis.labels, formatter: formatNumber };
    }
  }
  if (options.xaxis?.type === 'numeric') {
    options.xaxis.labels = { ...options.xaxis.labels, formatter: formatNumber };
  }
  return options;
}

function parse(json) {
  return withFormatters(typeof json === 'string' ? JSON.parse(json) : json);
}

// Every later call waits for the first render, so an update that arrives while the chart
// is still rendering is applied after it instead of racing it.
function whenReady(id, action) {
  const entry = charts.get(id);
  if (!entry) {
    return Promise.resolve();
  }
  // A failed update is reported and the queue goes on: otherwise every later update would wait on it forever.
  entry.ready = entry.ready
    .then(() => (charts.get(id) === entry ? action(entry.chart) : undefined))
    .catch((error) => console.error('portal.charts:', error?.stack ?? error));
  return entry.ready.then(() => undefined);
}

export function create(id, element, optionsJson) {
  destroy(id);
  const chart = new ApexCharts(element, parse(optionsJson));
  // A chart whose element left the page while it was still drawing (the page moved on) fails harmlessly;
  // any other failure is a real one and is reported with its stack.
  const entry = {
    chart,
    ready: chart.render().catch((error) => {
      if (element.isConnected) {
        console.error('portal.charts:', error?.stack ?? error);
      }
    }),
  };
  charts.set(id, entry);
  return entry.ready.then(() => undefined);
}

// Replaces the options (series included). Toggleable parts (annotations, y axes) are always
// sent whole by .NET, so ApexCharts' merge never keeps a stale threshold line or axis bound.
export function updateOptions(id, optionsJson) {
  const options = parse(optionsJson);
  return whenReady(id, (chart) => chart.updateOptions(options, false, false));
}

export function updateSeries(id, seriesJson) {
  const series = parse(seriesJson);
  return whenReady(id, (chart) => chart.updateSeries(series, false));
}

export function destroy(id) {
  const entry = charts.get(id);
  if (!entry) {
    return;
  }
  charts.delete(id);
  entry.ready.then(() => entry.chart.destroy()).catch(() => {});
}

// For E2E tests and debugging: how many charts are alive on the page.
export function count() {
  return charts.size;
}
