// Seeded random Go module versions. Usage: node gen-versions.js SEED COUNT [invalid]
// Covers release, prerelease, shorthand (v1, v1.2), +incompatible, and the three pseudo-version forms:
//   vX.0.0-yyyymmddhhmmss-abcdefabcdef, vX.Y.Z-pre.0.yyyymmddhhmmss-abcdef..., vX.Y.(Z+1)-0.yyyymmddhhmmss-abcdef...
'use strict';
let s = Number(process.argv[2] || 1) >>> 0;
const count = Number(process.argv[3] || 2000);
const withInvalid = process.argv[4] === 'invalid';
const rnd = () => { s = (s + 0x6D2B79F5) >>> 0; let t = s; t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61); return ((t ^ (t >>> 14)) >>> 0) / 4294967296; };
const pick = (a) => a[Math.floor(rnd() * a.length)];
const int = (n) => Math.floor(rnd() * n);
const num = () => pick(['0', '0', '1', '1', '2', '3', '10', '11', '99', '100', '123456789012345678901234567890']);
const pad = (n, w) => String(n).padStart(w, '0');
const stamp = () => `${2015 + int(11)}${pad(1 + int(12), 2)}${pad(1 + int(28), 2)}${pad(int(24), 2)}${pad(int(60), 2)}${pad(int(60), 2)}`;
const hash = () => { let h = ''; for (let i = 0; i < 12; i++) h += '0123456789abcdef'[int(16)]; return h; };
const pre = () => pick(['alpha', 'beta', 'rc', 'rc', '0', '1', '2', '10', 'pre', 'x-y', 'A', '1a']);
const ids = (f) => { const n = 1 + int(3); const r = []; for (let i = 0; i < n; i++) r.push(f()); return r.join('.'); };
const valid = () => {
  const M = rnd() < 0.7 ? pick(['0', '1', '2']) : num();
  const m = rnd() < 0.7 ? pick(['0', '1', '2', '10']) : num();
  const p = rnd() < 0.7 ? pick(['0', '1', '2']) : num();
  let v;
  switch (int(8)) {
    case 0: v = `v${M}`; break;
    case 1: v = `v${M}.${m}`; break;
    case 2: v = `v${M}.0.0-${stamp()}-${hash()}`; break;
    case 3: v = `v${M}.${m}.${p}-${pre()}.0.${stamp()}-${hash()}`; break;
    case 4: v = `v${M}.${m}.${Number(p) + 1}-0.${stamp()}-${hash()}`; break;
    case 5: v = `v${M}.${m}.${p}-${ids(pre)}`; break;
    default: v = `v${M}.${m}.${p}`;
  }
  if (/^v\d+\.\d+\.\d+/.test(v) && rnd() < 0.2) v += rnd() < 0.7 ? '+incompatible' : '+' + pick(['meta', '001', 'a.b']);
  return v;
};
const mutate = (v) => pick([
  () => v.slice(1), () => 'V' + v.slice(1), () => 'v0' + v.slice(1), () => v + '.', () => v + '-', () => v + '+',
  () => v.replace('.', '..'), () => ' ' + v, () => v + ' ', () => v + '-01', () => v + '-a..b', () => v + '+a..b',
  () => v + '_x', () => v + '.0.0', () => 'v1-pre', () => 'v1.2-pre', () => 'v1.2+meta', () => v + '-é',
  () => v + '+incompatible+incompatible', () => 'go' + v.slice(1), () => 'vv' + v.slice(1),
])();
for (let i = 0; i < count; i++) {
  const v = valid();
  console.log(withInvalid && rnd() < 0.5 ? mutate(v) : v);
}
