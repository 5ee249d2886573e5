// Formatting shared by the views: times, durations, JSON, badges.
import { h } from './dom.js';

const pad = (n) => String(n).padStart(2, '0');

/** 2026-11-27 09:30:05 UTC */
export function utc(iso) {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return String(iso);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(
    d.getUTCMinutes(),
  )}:${pad(d.getUTCSeconds())} UTC`;
}

/** The same instant in the browser's time zone, with the zone's name. */
export function local(iso) {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return String(iso);
  return d.toLocaleString(undefined, {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    timeZoneName: 'short',
  });
}

/** 09:30:05 (local), for dense lists; the full UTC time is in the title. */
export function clock(iso) {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return String(iso);
  return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

export function time(iso) {
  return h('time', { datetime: iso ?? '', title: utc(iso) }, clock(iso));
}

export function ms(value) {
  if (value === null || value === undefined) return '—';
  if (value < 1000) return `${Math.round(value)} ms`;
  return `${(value / 1000).toFixed(value < 10_000 ? 2 : 1)} s`;
}

/** "in 8 s", "3 min ago" */
export function relative(iso, now = Date.now()) {
  if (!iso) return '—';
  const diff = new Date(iso).getTime() - now;
  const abs = Math.abs(diff);
  const text =
    abs < 1000
      ? 'now'
      : abs < 60_000
        ? `${Math.round(abs / 1000)} s`
        : abs < 3_600_000
          ? `${Math.round(abs / 60_000)} min`
          : `${Math.round(abs / 3_600_000)} h`;
  if (text === 'now') return text;
  return diff > 0 ? `in ${text}` : `${text} ago`;
}

export function json(value) {
  if (value === undefined) return '';
  return JSON.stringify(value, null, 2);
}

export function code(value, label) {
  return h(
    'pre',
    { class: 'json', tabindex: 0, 'aria-label': label },
    value === undefined || value === null ? 'null' : json(value),
  );
}

const TONES = {
  ready: 'ok',
  healthy: 'ok',
  acked: 'ok',
  ok: 'ok',
  building: 'busy',
  starting: 'busy',
  pending: 'busy',
  retrying: 'warn',
  skipped: 'warn',
  unknown: 'muted',
  stopped: 'muted',
  crashed: 'bad',
  unhealthy: 'bad',
  dead: 'bad',
  failed: 'bad',
  error: 'bad',
};

export function badge(text, tone) {
  const value = text ?? '—';
  return h('span', { class: `badge ${tone ?? TONES[value] ?? 'muted'}` }, value);
}

export function statusCode(code) {
  if (code === null || code === undefined) return badge('no answer', 'bad');
  return badge(String(code), code >= 200 && code < 300 ? 'ok' : code < 500 ? 'warn' : 'bad');
}

const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);

/** What differs between two resources: [{path: 'lineItems.0.quantity', before, after}], at most `limit`. */
export function changes(before, after, path = '', out = [], limit = 60) {
  if (out.length >= limit || JSON.stringify(before) === JSON.stringify(after)) return out;
  if (isObject(before) && isObject(after)) {
    for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
      changes(before[key], after[key], path ? `${path}.${key}` : key, out, limit);
    }
  } else if (Array.isArray(before) && Array.isArray(after)) {
    for (let i = 0; i < Math.max(before.length, after.length); i += 1) {
      changes(before[i], after[i], `${path}.${i}`, out, limit);
    }
  } else out.push({ path: path || '(resource)', before, after });
  return out;
}

function compact(value) {
  if (value === undefined) return '—';
  const text = JSON.stringify(value);
  return text.length > 140 ? `${text.slice(0, 139)}…` : text;
}

export function changesTable(before, after) {
  const list = changes(before, after);
  if (list.length === 0) return h('p', { class: 'empty' }, 'No change.');
  return h(
    'table',
    { class: 'grid compact', 'aria-label': 'What changed' },
    h(
      'thead',
      null,
      h(
        'tr',
        null,
        ['Field', 'Before', 'After'].map((t) => h('th', { scope: 'col' }, t)),
      ),
    ),
    h(
      'tbody',
      null,
      list.map((c) =>
        h(
          'tr',
          null,
          h('th', { scope: 'row' }, h('code', null, c.path)),
          h('td', null, h('code', { class: 'removed' }, compact(c.before))),
          h('td', null, h('code', { class: 'added' }, compact(c.after))),
        ),
      ),
    ),
  );
}
