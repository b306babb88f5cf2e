// Summarises a V8 CPU profile of the bench page: self time by function and by
// source file of the bundle (esbuild marks each module with a `// path` line).

/** [line, file] pairs where each module of the bundle starts. */
function moduleStarts(script) {
  const starts = [];
  script.split('\n').forEach((line, index) => {
    const match = /^\/\/ ((?:src|bench|node_modules)\/\S+)$/.exec(line);
    if (match) starts.push([index, match[1].replace(/^node_modules\//, '')]);
  });
  return starts;
}

function fileAt(starts, line) {
  let low = 0;
  let high = starts.length - 1;
  let found = '(bundle)';
  while (low <= high) {
    const middle = (low + high) >> 1;
    if (starts[middle][0] <= line) {
      found = starts[middle][1];
      low = middle + 1;
    } else high = middle - 1;
  }
  return found;
}

/** A text table of the top functions and files by self time. */
export function summarizeProfile(profile, script, top = 18) {
  const starts = moduleStarts(script);
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const self = new Map();
  let total = 0;
  profile.samples.forEach((id, index) => {
    const delta = (profile.timeDeltas[index] ?? 0) / 1000;
    self.set(id, (self.get(id) ?? 0) + delta);
    total += delta;
  });
  const functions = new Map();
  const files = new Map();
  for (const [id, ms] of self) {
    const { callFrame } = byId.get(id);
    const isBundle = callFrame.url.endsWith('/bench.js');
    const file = isBundle ? fileAt(starts, callFrame.lineNumber) : callFrame.url ? callFrame.url : '(browser)';
    const name = `${callFrame.functionName || '(anonymous)'}  ${isBundle ? `${file}` : file}`;
    if (callFrame.functionName === '(idle)' || callFrame.functionName === '(program)') continue;
    functions.set(name, (functions.get(name) ?? 0) + ms);
    files.set(file, (files.get(file) ?? 0) + ms);
  }
  const busy = [...functions.values()].reduce((sum, ms) => sum + ms, 0);
  const lines = [`  busy ${busy.toFixed(1)} ms of ${total.toFixed(1)} ms sampled; self time:`];
  for (const [name, ms] of [...functions].sort((a, b) => b[1] - a[1]).slice(0, top)) {
    lines.push(`  ${ms.toFixed(1).padStart(8)} ms ${((100 * ms) / busy).toFixed(1).padStart(5)}%  ${name}`);
  }
  lines.push('  by file:');
  for (const [file, ms] of [...files].sort((a, b) => b[1] - a[1]).slice(0, 10)) {
    lines.push(`  ${ms.toFixed(1).padStart(8)} ms ${((100 * ms) / busy).toFixed(1).padStart(5)}%  ${file}`);
  }
  return lines.join('\n');
}
