import { describe, expect, it } from 'vitest';
import { DEFAULT_BOX, attendanceSteps, chartGeometry, groupAttendees } from './attendanceChart';

const MIN = 60_000;

describe('attendanceSteps', () => {
  it('counts people present over time, one point per change, from start to end', () => {
    const steps = attendanceSteps(
      [
        { joinedAt: 0, exitedAt: 30 * MIN },
        { joinedAt: 5 * MIN, exitedAt: 20 * MIN },
        { joinedAt: 10 * MIN, exitedAt: null },
      ],
      0,
      40 * MIN,
    );
    expect(steps).toEqual([
      { t: 0, count: 1 },
      { t: 5 * MIN, count: 2 },
      { t: 10 * MIN, count: 3 },
      { t: 20 * MIN, count: 2 },
      { t: 30 * MIN, count: 1 },
      { t: 40 * MIN, count: 1 },
    ]);
  });

  it('applies an exit and a rejoin at the same instant without a spike', () => {
    const steps = attendanceSteps(
      [
        { joinedAt: 0, exitedAt: 10 * MIN },
        { joinedAt: 10 * MIN, exitedAt: 20 * MIN },
      ],
      0,
      20 * MIN,
    );
    expect(Math.max(...steps.map((s) => s.count))).toBe(1);
  });

  it('drops to zero when everyone left as the meeting ended', () => {
    const steps = attendanceSteps(
      [
        { joinedAt: 0, exitedAt: 10 * MIN },
        { joinedAt: MIN, exitedAt: 10 * MIN },
      ],
      0,
      10 * MIN,
    );
    expect(steps.at(-1)).toEqual({ t: 10 * MIN, count: 0 });
  });

  it('clips stays to the window and ignores empty ones', () => {
    expect(attendanceSteps([{ joinedAt: -MIN, exitedAt: 2 * MIN }], 0, MIN)).toEqual([
      { t: 0, count: 1 },
      { t: MIN, count: 1 },
    ]);
    expect(attendanceSteps([{ joinedAt: 5 * MIN, exitedAt: 5 * MIN }], 0, 10 * MIN)).toEqual([
      { t: 0, count: 0 },
      { t: 10 * MIN, count: 0 },
    ]);
    expect(attendanceSteps([], 10, 10)).toEqual([]);
  });
});

describe('chartGeometry', () => {
  it('maps time to x and count to y inside the plot box, as a step path', () => {
    const g = chartGeometry([
      { t: 0, count: 1 },
      { t: 30 * MIN, count: 2 },
      { t: 60 * MIN, count: 0 },
    ]);
    const { left, right, top, bottom, width, height } = DEFAULT_BOX;
    const xEnd = width - right;
    const yZero = height - bottom;
    const yTwo = top;
    const yOne = (yZero + yTwo) / 2;
    const xMid = (left + xEnd) / 2;
    expect(g.path).toBe(`M${left},${yOne} H${xMid} V${yTwo} H${xEnd} V${yZero}`);
    expect(g.area).toBe(`${g.path} V${yZero} H${left} Z`);
    expect(g.maxCount).toBe(2);
    expect(g.yTicks.map((t) => t.count)).toEqual([0, 1, 2]);
    // 60 minutes get ticks every 10 minutes, inside the plot.
    expect(g.xTicks.length).toBe(7);
    expect(g.tickStepMs).toBe(10 * MIN);
    for (const tick of g.xTicks) {
      expect(tick.x).toBeGreaterThanOrEqual(left);
      expect(tick.x).toBeLessThanOrEqual(xEnd);
    }
  });

  it('gives a meeting of seconds ticks in seconds', () => {
    const g = chartGeometry([
      { t: 0, count: 1 },
      { t: 24_000, count: 0 },
    ]);
    expect(g.tickStepMs).toBe(5_000);
    expect(g.xTicks.map((t) => t.t)).toEqual([0, 5_000, 10_000, 15_000, 20_000]);
  });

  it('draws nothing for no points and keeps a count axis of at least 1', () => {
    const g = chartGeometry([]);
    expect(g.path).toBe('');
    expect(g.area).toBe('');
    expect(g.maxCount).toBe(1);
    expect(g.xTicks).toEqual([]);
  });
});

describe('groupAttendees', () => {
  it('groups the stays of one user, keeps guests apart by name, and orders by first join', () => {
    const rows = [
      { name: 'Bob', userId: 2, guest: false, joinedAt: '2026-12-05T19:05:00Z', exitedAt: '2026-12-05T19:10:00Z' },
      { name: 'Ann', userId: 1, guest: false, joinedAt: '2026-12-05T19:00:00Z', exitedAt: null },
      { name: 'Bob', userId: 2, guest: false, joinedAt: '2026-12-05T19:12:00Z', exitedAt: '2026-12-05T19:20:00Z' },
      { name: 'Carl', userId: null, guest: true, joinedAt: '2026-12-05T19:06:00Z', exitedAt: '2026-12-05T19:07:00Z' },
    ];
    const people = groupAttendees(rows);
    expect(people.map((p) => p.name)).toEqual(['Ann', 'Bob', 'Carl']);
    expect(people[1]!.stays.length).toBe(2);
    expect(people[0]!.stays[0]!.exitedAt).toBeNull();
    expect(people[2]!.guest).toBe(true);
  });
});
