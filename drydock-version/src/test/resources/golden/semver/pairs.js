// Picks informative pairs from a list of versions (one per line on stdin), prints "a<TAB>b" lines.
// Usage: node pairs.js SEED MAXPAIRS < versions.txt > pairs.txt
// Neighbours in plain string order share long prefixes (1.0.0-alpha / 1.0.0-alpha.1), which is where
// orderings differ; random pairs cover the rest. Used by every golden table in golden/*/ (tool-neutral:
// the reference tool of each ecosystem decides the order of each pair afterwards).
'use strict';
const seed = Number(process.argv[2] || 1);
const max = Number(process.argv[3] || 8000);
let s = seed >>> 0;
const rnd = () => { s = (s + 0x6D2B79F5) >>> 0; let t = s; t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61); return ((t ^ (t >>> 14)) >>> 0) / 4294967296; };
const lines = require('fs').readFileSync(0, 'utf8').split('\n').filter((l) => l.length > 0 && !l.includes('\t'));
const vs = [...new Set(lines)].sort();
const out = new Set();
const add = (a, b) => { if (rnd() < 0.5) [a, b] = [b, a]; out.add(a + '\t' + b); };
for (let i = 0; i + 1 < vs.length; i++) {
  add(vs[i], vs[i + 1]);
  if (i + 2 < vs.length && rnd() < 0.3) add(vs[i], vs[i + 2]);
}
for (let i = 0; i < vs.length / 10; i++) { const v = vs[Math.floor(rnd() * vs.length)]; add(v, v); }
for (let i = 0; i < vs.length; i++) add(vs[Math.floor(rnd() * vs.length)], vs[Math.floor(rnd() * vs.length)]);
let all = [...out];
for (let i = all.length - 1; i > 0; i--) { const j = Math.floor(rnd() * (i + 1)); [all[i], all[j]] = [all[j], all[i]]; }
all = all.slice(0, max);
process.stdout.write(all.join('\n') + '\n');
