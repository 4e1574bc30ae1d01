// Chart and map interop for the dashboard. C# builds the ApexCharts configuration (ChartConfigBuilder);
// this module only swaps formatter names for functions and owns the chart/map instances.

const units = ['', 'k', 'M', 'B', 'T'];

export function formatCount(value) {
  if (value === null || value === undefined || isNaN(value)) return '–';
  const abs = Math.abs(value);
  if (abs < 1000) return Number.isInteger(value) ? String(value) : value.toFixed(1);
  let unit = 0;
  let v = abs;
  while (v >= 1000 && unit < units.length - 1) { v /= 1000; unit++; }
  return (value < 0 ? '-' : '') + (v >= 100 ? v.toFixed(0) : v.toFixed(1).replace(/\.0$/, '')) + units[unit];
}

export function formatMs(value) {
  if (value === null || value === undefined || isNaN(value)) return '–';
  if (value >= 1000) return (value / 1000).toFixed(value >= 10000 ? 0 : 1) + ' s';
  if (value >= 10) return value.toFixed(0) + ' ms';
  return value.toFixed(1) + ' ms';
}

export function formatBytes(value) {
  if (value === null || value === undefined || isNaN(value)) return '–';
  const names = ['B', 'KB', 'MB', 'GB', 'TB'];
  let unit = 0;
  let v = Math.abs(value);
  while (v >= 1024 && unit < names.length - 1) { v /= 1024; unit++; }
  return (unit === 0 ? v.toFixed(0) : v.toFixed(1)) + ' ' + names[unit];
}

export function formatPercent(value) {
  if (value === null || value === undefined || isNaN(value)) return '–';
  return (value >= 10 || value === 0 ? value.toFixed(0) : value.toFixed(1)) + '%';
}

const formatters = { count: formatCount, ms: formatMs, bytes: formatBytes, percent: formatPercent };

// Replaces every `formatter: "<name>"` by its function; "total:<name>" sums a donut's series.
function resolveFormatters(node) {
  if (Array.isArray(node)) { node.forEach(resolveFormatters); return node; }
  if (node === null || typeof node !== 'object') return node;
  for (const key of Object.keys(node)) {
    const value = node[key];
    if (key === 'formatter' && typeof value === 'string') {
      if (value.startsWith('total:')) {
        const f = formatters[value.substring(6)] || formatCount;
        node[key] = w => f(w.globals.seriesTotals.reduce((a, b) => a + b, 0));
      } else {
        const f = formatters[value] || formatCount;
        node[key] = v => f(typeof v === 'string' ? Number(v) : v);
      }
    } else if (value === null) {
      delete node[key];
    } else {
      resolveFormatters(value);
    }
  }
  return node;
}

export async function renderChart(element, config) {
  if (!element || typeof ApexCharts === 'undefined') return;
  resolveFormatters(config);
  const existing = element._usageChart;
  if (existing && existing._usageType === config.chart.type) {
    await existing.updateOptions(config, true, true);
    return;
  }
  if (existing) existing.destroy();
  element.innerHTML = '';
  const chart = new ApexCharts(element, config);
  chart._usageType = config.chart.type;
  element._usageChart = chart;
  await chart.render();
}

export function destroyChart(element) {
  if (element && element._usageChart) {
    element._usageChart.destroy();
    element._usageChart = null;
  }
}

// Five shades from faint to strong; countries without requests keep the neutral land colour.
const lightScale = { s1: '#c7d2fe', s2: '#a5b4fc', s3: '#818cf8', s4: '#6366f1', s5: '#4338ca' };
const darkScale = { s1: '#312e81', s2: '#3730a3', s3: '#4f46e5', s4: '#6366f1', s5: '#a5b4fc' };

// City dots: teal against the indigo shades and the amber selection, outlined in the page colour.
const lightMarker = { fill: '#0d9488', hover: '#0f766e', stroke: '#ffffff' };
const darkMarker = { fill: '#2dd4bf', hover: '#99f6e4', stroke: '#18181b' };

const escapes = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

// Tooltips are HTML and city names come from geo lookups, so they are escaped.
function escapeHtml(text) {
  return String(text ?? '').replace(/[&<>"']/g, c => escapes[c]);
}

// Largest first, so smaller dots are drawn on top and stay reachable; area grows with the value.
function mapMarkers(markers) {
  const usable = (markers || [])
    .filter(m => Number.isFinite(m.latitude) && Number.isFinite(m.longitude))
    .sort((a, b) => b.value - a.value);
  const max = usable.reduce((a, m) => Math.max(a, m.value), 0);
  return usable.map(m => ({
    ...m,
    radius: max > 0 && m.value > 0 ? 3 + 9 * Math.sqrt(m.value / max) : 3,
  }));
}

export function renderMap(element, config, receiver) {
  if (!element || typeof jsVectorMap === 'undefined') return;
  destroyMap(element);
  const values = config.values || {};
  const max = Object.values(values).reduce((a, b) => Math.max(a, b), 0);
  const shades = {};
  for (const [code, value] of Object.entries(values)) {
    if (value > 0 && max > 0) {
      // Log scale: one busy country must not wash out the rest.
      const step = Math.min(5, 1 + Math.floor((Math.log(value + 1) / Math.log(max + 1)) * 4.999));
      shades[code] = 's' + step;
    }
  }
  const label = config.label || '';
  const markers = mapMarkers(config.markers);
  const markerColors = config.dark ? darkMarker : lightMarker;
  const map = new jsVectorMap({
    selector: element,
    map: 'world',
    zoomButtons: true,
    zoomOnScroll: false,
    regionsSelectable: false,
    selectedRegions: config.selected ? [config.selected] : [],
    regionStyle: {
      initial: { fill: config.dark ? '#3f3f46' : '#e4e4e7', stroke: config.dark ? '#18181b' : '#ffffff', strokeWidth: 0.4, fillOpacity: 1 },
      hover: { fillOpacity: 0.75, cursor: 'pointer' },
      selected: { fill: '#f59e0b' },
    },
    series: { regions: [{ attribute: 'fill', values: shades, scale: config.dark ? darkScale : lightScale }] },
    markers: markers.map(m => ({ name: m.name, coords: [m.latitude, m.longitude], style: { initial: { r: m.radius } } })),
    markerStyle: {
      initial: { fill: markerColors.fill, fillOpacity: 0.85, stroke: markerColors.stroke, strokeWidth: 1.5, strokeOpacity: 1 },
      hover: { fill: markerColors.hover, fillOpacity: 1, cursor: 'default' },
    },
    onMarkerTooltipShow(event, tooltip, index) {
      const m = markers[index];
      if (!m) return;
      tooltip.text(
        `<strong>${escapeHtml(m.name)}</strong><br>${escapeHtml(m.country)}<br>${formatCount(m.value)} ${escapeHtml(label)}`, true);
    },
    onRegionTooltipShow(event, tooltip, code) {
      const name = tooltip.text();
      const value = values[code] || 0;
      tooltip.text(`<strong>${escapeHtml(name)}</strong><br>${formatCount(value)} ${escapeHtml(label)}`, true);
    },
    onRegionClick(event, code) {
      if (receiver) receiver.invokeMethodAsync('CountryClicked', code);
    },
  });
  element._usageMap = map;
}

export function destroyMap(element) {
  if (element && element._usageMap) {
    try { element._usageMap.destroy(); } catch { /* already gone */ }
    element._usageMap = null;
    element.innerHTML = '';
  }
}
