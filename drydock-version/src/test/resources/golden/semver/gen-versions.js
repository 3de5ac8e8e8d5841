// Seeded random SemVer-like strings for the npm table. Usage: node gen-versions.js SEED COUNT [invalid]
// With "invalid", also prints near-misses (leading zeros, empty identifiers, prefixes, whitespace, huge numbers).
'use strict';
let s = Number(process.argv[2] || 1) >>> 0;
const count = Number(process.argv[3] || 2000);
const withInvalid = process.argv[4] === 'invalid';
const rnd = () => { s = (s + 0x6D2B79F5) >>> 0; let t = s; t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61); return ((t ^ (t >>> 14)) >>> 0) / 4294967296; };
const pick = (a) => a[Math.floor(rnd() * a.length)];
const num = () => pick(['0', '0', '1', '1', '2', '3', '9', '10', '11', '99', '100', '2024', '9007199254740991', '18446744073709551615']);
const pre = () => pick(['alpha', 'beta', 'rc', 'alpha', 'beta', 'rc', '0', '1', '2', '10', '11', 'x-y', '-', 'a1', '1a', 'A', 'Z', 'next', 'dev',
  'pre', 'canary', '20200101', 'b', 'alpha-1', '9007199254740993', '9007199254740992']);
const build = () => pick(['build', '001', '1', 'sha', 'exp.sha.5114f85', '20130313144700', 'x-y', '0', 'A']);
const core = () => num() + '.' + num() + '.' + num();
const ids = (f) => { const n = 1 + Math.floor(rnd() * 3); const r = []; for (let i = 0; i < n; i++) r.push(f()); return r.join('.'); };
const valid = () => {
  let v = rnd() < 0.6 ? pick(['0', '1', '2']) + '.' + pick(['0', '1', '10']) + '.' + pick(['0', '1', '2']) : core();
  if (rnd() < 0.7) v += '-' + ids(pre);
  if (rnd() < 0.2) v += '+' + ids(build);
  if (rnd() < 0.05) v = 'v' + v;
  if (rnd() < 0.03) v = ' ' + v + ' ';
  return v;
};
const mutate = (v) => pick([
  () => '0' + v, () => v + '.', () => v + '-', () => v + '+', () => v.replace('.', '..'), () => 'V' + v, () => '=' + v,
  () => 'v=' + v, () => '=v' + v, () => 'vv' + v, () => v + '-01', () => v + '-a..b', () => v + '_x', () => v + ' x',
  () => '\u00a0' + v + '\u3000', () => '\ufeff' + v, () => '\u200b' + v, () => v.split('.').slice(0, 2).join('.'),
  () => v + '.0', () => '9007199254740992.' + v, () => v + '-' + 'a'.repeat(260), () => v + '+' + 'b'.repeat(240),
  () => v + '-' + '1'.repeat(20), () => v + '-é', () => '1.2.3-alpha.01', () => v + '+01.ok', () => v.toUpperCase(),
])();
for (let i = 0; i < count; i++) {
  const v = valid();
  console.log(withInvalid && rnd() < 0.5 ? mutate(v) : v);
}
