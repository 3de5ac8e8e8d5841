// Reference answers from node-semver (non-loose). Reads lines from stdin:
//   "<v>"          -> "<v>\t<true|false>"   (semver.valid(v) !== null)
//   "<a>\t<b>"     -> "<a>\t<op>\t<b>"      (op from semver.compare(a, b))
// Run where `npm install semver` was done (NODE_PATH or cwd).
'use strict';
const semver = require('semver');
const out = [];
for (const line of require('fs').readFileSync(0, 'utf8').split('\n')) {
  if (line === '') continue;
  const p = line.split('\t');
  if (p.length === 1) { out.push(p[0] + '\t' + (semver.valid(p[0]) !== null)); continue; }
  const c = semver.compare(p[0], p[1]);
  out.push(p[0] + '\t' + (c < 0 ? '<' : c > 0 ? '>' : '=') + '\t' + p[1]);
}
process.stdout.write(out.join('\n') + '\n');
