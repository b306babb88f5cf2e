// Reads Chromium traces of the bench page for the main thread's CPU time.
//
// Every trace event on the renderer's main thread carries `tts`, the thread's
// CPU clock (CLOCK_THREAD_CPUTIME_ID) in microseconds. The CPU time between
// two points is the difference of their `tts`: it leaves out idle time and
// the time the thread waited for a CPU while other processes ran, so it stays
// put on a busy machine where wall-clock time does not.

/** Categories for timed samples: just the `performance.mark`s (`label:start`, `label:end`). */
export const MARK_CATEGORIES = ['blink.user_timing'];

/** Categories for keystrokes: tasks, events and frames as well. */
export const KEYSTROKE_CATEGORIES = [
  'blink.user_timing',
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'cc',
];

/**
 * What fills a task: its largest direct children by CPU time, and theirs
 * ("ProxyMain::BeginMainFrame 53.7 ms (Layout 40.1 ms, …)"), so a report
 * names the cause of a long task.
 */
function partsOf(task, main, depth = 2) {
  const end = task.ts + task.dur;
  const inside = main.filter((event) => event !== task && event.ts >= task.ts && event.ts + event.dur <= end);
  const children = [];
  let reach = -1;
  for (const event of inside) {
    if (event.ts < reach) continue;
    children.push(event);
    reach = event.ts + event.dur;
  }
  const top = children.sort((a, b) => (b.tdur ?? 0) - (a.tdur ?? 0)).slice(0, 4);
  const parts = top.map((child) => {
    const inner = depth > 1 && child.tdur > 10_000 ? partsOf(child, inside, depth - 1) : '';
    return `${child.name} ${ms(child.tdur ?? 0).toFixed(1)} ms${inner ? ` (${inner})` : ''}`;
  });
  return parts.join(', ');
}

/** A long task's CPU time; BENCH_LONG_MS lowers it to see what fills the longest tasks (the budget stays 50). */
const LONG_TASK_MS = Number(process.env.BENCH_LONG_MS) || 50;

const eventsOf = (trace) => (Array.isArray(trace) ? trace : trace.traceEvents);
const ms = (microseconds) => microseconds / 1000;

/** label → { cpu, wall } in ms, for every `label:start` / `label:end` pair of marks in the trace. */
export function markedSamples(trace) {
  const starts = new Map();
  const samples = new Map();
  for (const event of eventsOf(trace)) {
    if (event.cat !== 'blink.user_timing' || typeof event.tts !== 'number') continue;
    const match = /^(.*):(start|end)$/.exec(event.name);
    if (!match) continue;
    const [, label, edge] = match;
    if (edge === 'start') starts.set(label, event);
    else if (starts.has(label)) {
      const start = starts.get(label);
      samples.set(label, { cpu: ms(event.tts - start.tts), wall: ms(event.ts - start.ts) });
    }
  }
  return samples;
}

/**
 * One entry per keydown: the main thread's CPU time from the task that
 * dispatches `keydown` to the end of the first frame (ProxyMain::BeginMainFrame)
 * that starts after the task of the `input` event, split into the key's tasks
 * (key events, listeners, microtasks: Lit's update) and the frame (style,
 * layout, paint, commit); and the tasks over 50 ms of CPU in that stretch.
 */
export function keystrokeCosts(trace) {
  const events = eventsOf(trace);
  const keydowns = events.filter((event) => event.name === 'EventDispatch' && event.args?.data?.type === 'keydown');
  if (!keydowns.length) return [];
  const thread = `${keydowns[0].pid}:${keydowns[0].tid}`;
  const main = events
    .filter((event) => event.ph === 'X' && `${event.pid}:${event.tid}` === thread && typeof event.tts === 'number')
    .sort((a, b) => a.ts - b.ts);
  const tasks = main.filter((event) => event.name === 'RunTask');
  const frames = main.filter((event) => event.name === 'ProxyMain::BeginMainFrame');
  const inputs = main.filter((event) => event.name === 'EventDispatch' && event.args?.data?.type === 'input');
  const taskAt = (ts) => tasks.find((task) => task.ts <= ts && ts <= task.ts + task.dur);

  const results = [];
  for (const keydown of main.filter((event) => event.name === 'EventDispatch' && event.args?.data?.type === 'keydown')) {
    const input = inputs.find((event) => event.ts > keydown.ts);
    if (!input) continue;
    const first = taskAt(keydown.ts) ?? keydown;
    const inputTask = taskAt(input.ts) ?? input;
    const frame = frames.find((event) => event.ts >= inputTask.ts + inputTask.dur);
    if (!frame) continue;
    const end = frame.ts + frame.dur;
    const longTasks = tasks.filter((task) => task.ts >= first.ts && task.ts < end && task.tdur > LONG_TASK_MS * 1000);
    results.push({
      cpu: ms(frame.tts + frame.tdur - first.tts),
      keyTasks: ms(inputTask.tts + inputTask.tdur - first.tts),
      frame: ms(frame.tdur),
      wall: ms(end - first.ts),
      longTasks: longTasks.map((task) => ms(task.tdur)),
      longTaskParts: longTasks.map((task) => `key ${results.length + 1} of its block: ${partsOf(task, main)}`),
    });
  }
  return results;
}
