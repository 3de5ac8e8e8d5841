// Seeded random SemVer strings for the cargo table. Usage: node gen-versions.js SEED COUNT [invalid]
// Build metadata is varied (numeric with leading zeros, mixed) because the semver crate orders by it.
'use strict';
let s = Number(process.argv[2] || 1) >>> 0;
const count = Number(process.argv[3] || 2000);
const withInvalid = process.argv[4] === 'invalid';
const rnd = () => { s = (s + 0x6D2B79F5) >>> 0; let t = s; t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61); return ((t ^ (t >>> 14)) >>> 0) / 4294967296; };
const pick = (a) => a[Math.floor(rnd() * a.length)];
const num = () => pick(['0', '0', '1', '1', '2', '3', '9', '10', '11', '99', '100', '18446744073709551615', '18446744073709551614']);
const pre = () => pick(['alpha', 'beta', 'rc', 'alpha', 'beta', 'rc', '0', '1', '2', '10', '11', 'x-y', '-', 'a1', '1a', 'A', 'Z',
  'pre', 'dev', '99999999999999999999999', '100000000000000000000000']);
const build = () => pick(['0', '00', '1', '01', '001', '2', '02', '10', '010', 'sha', 'a', 'A', 'b-c', '-', '1a', '20230101',
  '99999999999999999999999', '0099999999999999999999999']);
const ids = (f) => { const n = 1 + Math.floor(rnd() * 3); const r = []; for (let i = 0; i < n; i++) r.push(f()); return r.join('.'); };
const valid = () => {
  let v = rnd() < 0.6 ? pick(['0', '1']) + '.' + pick(['0', '1', '10']) + '.' + pick(['0', '1', '2']) : num() + '.' + num() + '.' + num();
  if (rnd() < 0.5) v += '-' + ids(pre);
  if (rnd() < 0.5) v += '+' + ids(build);
  return v;
};
const mutate = (v) => pick([
  () => '0' + v, () => v + '.', () => v + '-', () => v + '+', () => v.replace('.', '..'), () => 'v' + v, () => '=' + v,
  () => ' ' + v, () => v + ' ', () => v + '-01', () => v + '-a..b', () => v + '+a..b', () => v + '_x',
  () => v.split('.').slice(0, 2).join('.'), () => v + '.0', () => '18446744073709551616.' + v, () => v + '-é',
  () => v + '+01', () => v + '-00a', () => v.toUpperCase(), () => '1.0.0-0' + pick(['0', '1', '9']),
])();
for (let i = 0; i < count; i++) {
  const v = valid();
  console.log(withInvalid && rnd() < 0.5 ? mutate(v) : v);
}
