// Seeded random Maven-style versions. Usage: node gen-versions.js SEED COUNT
// Numbers (with leading zeros and past int/long range), '.' and '-' separators, qualifiers with aliases and
// case variants (alpha/a, beta/b, milestone/m, rc/cr, snapshot, ga/final/release, sp), unknown words,
// letter/digit transitions (1alpha2), empty segments.
'use strict';
let s = Number(process.argv[2] || 1) >>> 0;
const count = Number(process.argv[3] || 2000);
const rnd = () => { s = (s + 0x6D2B79F5) >>> 0; let t = s; t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61); return ((t ^ (t >>> 14)) >>> 0) / 4294967296; };
const pick = (a) => a[Math.floor(rnd() * a.length)];
const num = () => pick(['0', '0', '1', '1', '2', '3', '10', '01', '00', '9', '2147483647', '2147483648',
  '9223372036854775807', '9223372036854775808', '123456789012345678901234567890']);
const qual = () => pick(['alpha', 'a', 'beta', 'b', 'milestone', 'm', 'M', 'rc', 'cr', 'RC', 'CR', 'snapshot', 'SNAPSHOT',
  'ga', 'GA', 'final', 'Final', 'FINAL', 'release', 'RELEASE', 'sp', 'SP', 'foo', 'xyz', 'jre', 'android', 'Alpha', 'Beta',
  'pre', 'preview', 'dev', 'z', '']);
const seg = () => {
  const r = rnd();
  if (r < 0.55) return num();
  if (r < 0.85) return qual();
  return qual() + (rnd() < 0.5 ? num() : '') + (rnd() < 0.3 ? qual() : '');
};
for (let i = 0; i < count; i++) {
  let v = pick(['0', '1', '1', '2', '3', '10']);
  const n = Math.floor(rnd() * 5);
  for (let k = 0; k < n; k++) v += pick(['.', '.', '-', '-', '', '_']) + seg();
  if (v.length === 0) v = '1';
  console.log(v);
}
