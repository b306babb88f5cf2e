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
    const longTasks = tasks.filter((task) => task.ts >= first.ts && task.ts < end && task.tdur > 50_000);
    results.push({
      cpu: ms(frame.tts + frame.tdur - first.tts),
      keyTasks: ms(inputTask.tts + inputTask.tdur - first.tts),
      frame: ms(frame.tdur),
      wall: ms(end - first.ts),
      longTasks: longTasks.map((task) => ms(task.tdur)),
    });
  }
  return results;
}
