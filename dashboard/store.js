// What the dashboard knows about the emulator: loaded from the admin API, then kept current
// by the server-sent events of /__connect/api/stream. Views subscribe to topics.
import { api, enc } from './api.js';

const LOG_LIMIT = 2000;
const LIST_LIMIT = 500;

export const state = {
  status: null,
  platform: null,
  apps: new Map(),
  jobs: [],
  runs: new Map(),
  calls: [],
  messages: [],
  logs: new Map(),
  connection: 'connecting',
  errors: new Map(),
};

const listeners = new Set();

/** fn(topic) is called after a change; topics: status, apps, jobs, runs, calls, messages, logs, connection. */
export function subscribe(fn) {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

function emit(topic, detail) {
  for (const fn of listeners) fn(topic, detail);
}

function upsert(list, item, limit = LIST_LIMIT) {
  const index = list.findIndex((x) => x.id === item.id);
  if (index >= 0) list[index] = item;
  else list.unshift(item);
  if (list.length > limit) list.length = limit;
}

/** Newest first, whatever order the server used. */
function newestFirst(list, key) {
  return [...list].sort((a, b) => String(b[key] ?? '').localeCompare(String(a[key] ?? '')));
}

async function guarded(topic, load) {
  try {
    await load();
    state.errors.delete(topic);
  } catch (error) {
    // A part of the API that is missing or failing must not take the rest of the page down.
    state.errors.set(topic, error);
  }
  emit(topic);
}

export function loadStatus() {
  return guarded('status', async () => {
    const status = await api('status');
    state.status = status;
    state.apps = new Map((status.applications ?? []).map((app) => [app.name, app]));
    if (status.platform) state.platform = status.platform;
    emit('apps');
  });
}

export function loadJobs() {
  return guarded('jobs', async () => {
    state.jobs = (await api('jobs')).jobs ?? [];
  });
}

export function loadRuns(job) {
  return guarded('runs', async () => {
    const runs = (await api(`jobs/${enc(job)}/runs`)).runs ?? [];
    state.runs.set(job, newestFirst(runs, 'startedAt'));
  });
}

export function loadCalls() {
  return guarded('calls', async () => {
    state.calls = newestFirst((await api('extensions/calls')).calls ?? [], 'startedAt');
  });
}

export function loadMessages() {
  return guarded('messages', async () => {
    const messages = (await api('events/messages')).messages ?? [];
    state.messages = messages.sort((a, b) => firstAttempt(b).localeCompare(firstAttempt(a)));
  });
}

function firstAttempt(delivery) {
  return String(delivery.createdAt ?? delivery.attempts?.[0]?.at ?? '');
}

export function loadPlatform() {
  return guarded('platform', async () => {
    state.platform = await api('platform');
  });
}

export async function loadLogs(app) {
  const lines = (await api(`applications/${enc(app)}/logs?limit=${LOG_LIMIT}`)).lines ?? [];
  state.logs.set(app, lines);
  emit('logs', { application: app });
}

export function loadAll() {
  return Promise.all([loadStatus(), loadJobs(), loadCalls(), loadMessages(), loadPlatform()]);
}

// Refetching is the fallback for stream events whose shape we do not recognise.
const pending = new Map();
function refetchSoon(key, load) {
  if (pending.has(key)) return;
  pending.set(
    key,
    setTimeout(() => {
      pending.delete(key);
      load();
    }, 150),
  );
}

const handlers = {
  app(data) {
    if (data && typeof data.name === 'string') {
      state.apps.set(data.name, { ...state.apps.get(data.name), ...data });
      emit('apps', data);
    } else refetchSoon('status', loadStatus);
  },
  log(data) {
    const app = data?.application ?? data?.app;
    if (!app) return;
    const lines = state.logs.get(app);
    if (!lines) return; // not loaded yet: the first load fetches the recent lines anyway
    lines.push({ time: data.time, stream: data.stream, text: data.text });
    if (lines.length > LOG_LIMIT) lines.splice(0, lines.length - LOG_LIMIT);
    emit('logs', { application: app, line: data });
  },
  'job-run'(data) {
    const job = data?.application;
    if (job && data.id) {
      const runs = state.runs.get(job) ?? [];
      upsert(runs, data);
      state.runs.set(job, newestFirst(runs, 'startedAt'));
      const app = state.apps.get(job);
      if (app) app.lastJobRun = data;
      emit('runs', data);
    }
    refetchSoon('jobs', loadJobs);
  },
  'extension-call'(data) {
    if (data?.id && data.request) {
      upsert(state.calls, data);
      emit('calls', data);
    } else refetchSoon('calls', loadCalls);
  },
  message: delivery,
  delivery,
  'dead-letter': delivery,
};

function delivery(data) {
  if (data?.id && Array.isArray(data.attempts)) {
    upsert(state.messages, data);
    emit('messages', data);
  } else refetchSoon('messages', loadMessages);
}

let source = null;

/** Opens the stream; on every (re)connection everything is reloaded, so nothing missed stays missing. */
export function connect() {
  if (source) source.close();
  source = new EventSource('api/stream');
  source.addEventListener('open', () => {
    state.connection = 'live';
    emit('connection');
    loadAll();
  });
  source.addEventListener('error', () => {
    state.connection = source.readyState === EventSource.CLOSED ? 'closed' : 'reconnecting';
    emit('connection');
  });
  for (const [event, handle] of Object.entries(handlers)) {
    source.addEventListener(event, (e) => {
      let data;
      try {
        data = JSON.parse(e.data);
      } catch {
        return;
      }
      handle(data);
    });
  }
}
