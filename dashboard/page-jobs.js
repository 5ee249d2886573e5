// Jobs: schedule in words, the next fire times (UTC and local), run history, "run now".
import { h, replace } from './dom.js';
import { state, loadJobs, loadRuns } from './store.js';
import { api, enc } from './api.js';
import { badge, local, ms, statusCode, time, utc } from './format.js';

function runsTable(job) {
  const runs = state.runs.get(job.name);
  if (!runs) return h('p', { class: 'empty' }, 'Loading…');
  if (runs.length === 0) return h('p', { class: 'empty' }, 'No run yet.');
  return h(
    'table',
    { class: 'grid compact', 'aria-label': `Runs of ${job.name}` },
    h(
      'thead',
      null,
      h(
        'tr',
        null,
        ['Started', 'Trigger', 'Status', 'Duration', 'Outcome', 'Message'].map((t) =>
          h('th', { scope: 'col' }, t),
        ),
      ),
    ),
    h(
      'tbody',
      null,
      runs
        .slice(0, 50)
        .map((run) =>
          h(
            'tr',
            { 'data-run': run.id, 'data-outcome': run.outcome },
            h('td', null, time(run.startedAt)),
            h('td', null, run.trigger),
            h('td', null, run.outcome === 'skipped' ? '—' : statusCode(run.statusCode)),
            h('td', { class: 'num' }, ms(run.durationMs)),
            h('td', null, badge(run.outcome)),
            h('td', null, run.message ?? ''),
          ),
        ),
    ),
  );
}

export function mount(container, { act }) {
  const list = h('div', { class: 'cards' });
  container.append(
    h(
      'p',
      { class: 'muted' },
      'Schedules run in UTC, as on the platform. Next fire times are shown in UTC and in your time zone.',
    ),
    list,
  );

  function card(job) {
    const run = h(
      'button',
      {
        type: 'button',
        class: 'primary',
        'data-key': `run-${job.name}`,
        'aria-label': `Run ${job.name} now`,
      },
      'Run now',
    );
    run.addEventListener('click', () =>
      act(run, async () => {
        const result = await api(`jobs/${enc(job.name)}/run`, { method: 'POST' });
        const runs = state.runs.get(job.name) ?? [];
        if (!runs.some((r) => r.id === result.id)) runs.unshift(result);
        state.runs.set(job.name, runs);
        render();
      }),
    );
    // The emulator describes the schedule in words (src/spec/cron.ts), or says why it cannot run.
    const runs = (job.next ?? []).length > 0;
    const words = runs ? job.description : null;
    const problem = runs ? null : job.description || null;
    return h(
      'article',
      { class: 'panel card', 'data-job': job.name, 'aria-labelledby': `job-${job.name}` },
      h(
        'header',
        { class: 'card-head' },
        h('h2', { id: `job-${job.name}` }, job.name),
        job.running ? badge('running', 'busy') : null,
        run,
      ),
      h(
        'dl',
        { class: 'facts' },
        h('dt', null, 'Schedule'),
        h(
          'dd',
          null,
          h('code', null, job.schedule),
          words ? h('span', { class: 'words' }, ` — ${words}`) : null,
          problem ? h('div', { class: 'error-text' }, problem) : null,
        ),
        h('dt', null, 'Next runs'),
        h(
          'dd',
          null,
          (job.next ?? []).length
            ? h(
                'ol',
                { class: 'next' },
                job.next.map((iso) =>
                  h(
                    'li',
                    null,
                    h('time', { datetime: iso }, utc(iso)),
                    h('span', { class: 'muted' }, ` · ${local(iso)}`),
                  ),
                ),
              )
            : 'none scheduled',
        ),
      ),
      h('h3', null, 'Run history'),
      runsTable(job),
    );
  }

  function render() {
    const error = state.errors.get('jobs');
    if (state.jobs.length === 0) {
      replace(
        list,
        h(
          'p',
          { class: 'empty' },
          error ? `Could not load the jobs: ${error.message}` : 'No job application in this repository.',
        ),
      );
      return;
    }
    replace(list, state.jobs.map(card));
  }

  function loadAllRuns() {
    for (const job of state.jobs) if (!state.runs.has(job.name)) loadRuns(job.name);
  }

  render();
  loadJobs().then(loadAllRuns);

  return {
    update(topic) {
      if (topic === 'jobs') loadAllRuns();
      if (topic === 'jobs' || topic === 'runs') render();
    },
  };
}
