import { describe, expect, it } from 'vitest';
import { compareHlc, decodeHlc, HlcClock } from '../../../shared/hlc';

describe('HlcClock', () => {
  it('is strictly increasing even when the wall clock stands still or goes back', () => {
    let wall = 1_000;
    const clock = new HlcClock('T01', () => wall);
    const a = clock.now();
    const b = clock.now();
    wall = 500;
    const c = clock.now();
    expect(compareHlc(a, b)).toBe(-1);
    expect(compareHlc(b, c)).toBe(-1);
    expect(decodeHlc(c)).toEqual({ wallMs: 1_000, counter: 2, node: 'T01' });
  });

  it('never falls behind a timestamp it received', () => {
    const clock = new HlcClock('T01', () => 1_000);
    clock.receive('000000000005000-000007-CENTRAL');
    const next = clock.now();
    expect(decodeHlc(next)).toEqual({ wallMs: 5_000, counter: 9, node: 'T01' });
  });

  it('resumes after the last timestamp it wrote before a restart', () => {
    const resumed = new HlcClock('T01', () => 10, '000000000002000-000003-T01');
    expect(compareHlc(resumed.now(), '000000000002000-000003-T01')).toBe(1);
  });

  it('sorts as text in clock order', () => {
    const texts = ['000000000000010-000000-B', '000000000000002-000009-A', '000000000000010-000000-A'];
    expect([...texts].sort()).toEqual([
      '000000000000002-000009-A',
      '000000000000010-000000-A',
      '000000000000010-000000-B',
    ]);
  });
});
