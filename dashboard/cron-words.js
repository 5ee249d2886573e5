// A job's schedule in words ("every 5 minutes", "at 02:30 on Monday through Friday"), for the
// forms connect.yaml accepts: 5–7 field cron, the @ macros and @every <Go duration>. Times are UTC.

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

const MACROS = {
  '@yearly': 'every year on 1 January at 00:00 UTC',
  '@annually': 'every year on 1 January at 00:00 UTC',
  '@monthly': 'every month on day 1 at 00:00 UTC',
  '@weekly': 'every week on Sunday at 00:00 UTC',
  '@daily': 'every day at 00:00 UTC',
  '@midnight': 'every day at 00:00 UTC',
  '@hourly': 'every hour at minute 0',
  '@reboot': 'once, when the emulator starts',
};

const UNITS = [
  ['h', 'hour'],
  ['m', 'minute'],
  ['s', 'second'],
  ['ms', 'millisecond'],
  ['us', 'microsecond'],
  ['µs', 'microsecond'],
  ['ns', 'nanosecond'],
];

function plural(n, word) {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function every(duration) {
  const parts = [];
  const re = /(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)/g;
  let rest = duration;
  for (const match of duration.matchAll(re)) {
    const unit = UNITS.find(([u]) => u === match[2]);
    parts.push(plural(Number(match[1]), unit[1]));
    rest = rest.replace(match[0], '');
  }
  if (parts.length === 0 || rest.trim() !== '') return null;
  return `every ${parts.join(' ')}`;
}

const pad = (n) => String(n).padStart(2, '0');

function name(value, kind) {
  const n = Number(value);
  if (kind === 'month') return MONTHS[n - 1] ?? value;
  if (kind === 'dow') return DAYS[n] ?? value;
  return value;
}

/** One field as words: "5", "Monday through Friday", "every 15th", "0 and 30". */
function describeField(field, kind) {
  return field
    .split(',')
    .map((part) => {
      const [range, step] = part.split('/');
      let text;
      if (range === '*') text = step ? null : 'every';
      else if (range.includes('-')) {
        const [a, b] = range.split('-');
        text = `${name(a, kind)} through ${name(b, kind)}`;
      } else text = name(range, kind);
      if (step) return text ? `every ${ordinal(step)} from ${text}` : `every ${ordinal(step)}`;
      return text;
    })
    .join(' and ');
}

function ordinal(step) {
  const n = Number(step);
  if (n === 2) return 'other';
  const s = n % 100 >= 11 && n % 100 <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
  return `${n}${s}`;
}

const isNumber = (f) => /^\d+$/.test(f);

function timeOfDay(second, minute, hour) {
  if (isNumber(minute) && isNumber(hour) && (second === undefined || isNumber(second))) {
    return `at ${pad(hour)}:${pad(minute)}${second !== undefined && second !== '0' ? `:${pad(second)}` : ''} UTC`;
  }
  if (hour === '*' && (second === undefined || second === '0')) {
    if (minute === '*') return 'every minute';
    const step = /^\*\/(\d+)$/.exec(minute);
    if (step) return `every ${plural(Number(step[1]), 'minute')}`;
    if (isNumber(minute)) return `every hour at minute ${minute}`;
    return `at minute ${describeField(minute)} of every hour`;
  }
  if (second !== undefined && second !== '0' && minute === '*' && hour === '*') {
    const step = /^\*\/(\d+)$/.exec(second);
    if (step) return `every ${plural(Number(step[1]), 'second')}`;
    if (second === '*') return 'every second';
  }
  const hourStep = /^\*\/(\d+)$/.exec(hour);
  if (hourStep && isNumber(minute)) return `every ${plural(Number(hourStep[1]), 'hour')} at minute ${minute}`;
  const parts = [];
  if (second !== undefined && second !== '0') parts.push(`at second ${describeField(second)}`);
  parts.push(minute === '*' ? 'every minute' : `at minute ${describeField(minute)}`);
  parts.push(hour === '*' ? 'of every hour' : `past hour ${describeField(hour)} (UTC)`);
  return parts.join(' ');
}

/** Returns the schedule in words, or null when it is not a form we know. */
export function cronToWords(schedule) {
  const text = String(schedule ?? '').trim();
  if (text === '') return null;
  if (text.startsWith('@every ')) return every(text.slice(7).trim());
  if (text.startsWith('@')) return MACROS[text] ?? null;
  const fields = text.split(/\s+/);
  if (fields.length < 5 || fields.length > 7 || !fields.every((f) => /^[\d*,/-]+$/.test(f))) return null;
  // 6 fields: seconds first; 7 fields: seconds first and year last.
  const [second, minute, hour, dom, month, dow, year] = fields.length === 5 ? [undefined, ...fields] : fields;
  const at = timeOfDay(second, minute, hour);
  const daily = /^at \d\d:\d\d/.test(at) && dom === '*' && dow === '*';
  const out = [daily ? `every day ${at}` : at];
  if (dom !== '*') out.push(`on day ${describeField(dom)} of the month`);
  if (month !== '*') out.push(`in ${describeField(month, 'month')}`);
  if (dow !== '*') out.push(`${dom !== '*' ? 'and' : 'on'} ${describeField(dow, 'dow')}`);
  if (year !== undefined && year !== '*') out.push(`in ${describeField(year)}`);
  return out.join(' ');
}
