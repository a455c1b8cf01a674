// Geometry of the attendance chart: how many people were in the meeting over time,
// as a step line in an SVG box, with time and count ticks. Pure: the page draws it.

export interface Stay {
  joinedAt: number; // ms since the epoch
  exitedAt: number | null; // null: still in the meeting (counted until `end`)
}

export interface StepPoint {
  t: number;
  count: number;
}

export interface ChartBox {
  width: number;
  height: number;
  left: number;
  right: number;
  top: number;
  bottom: number;
}

export interface ChartGeometry {
  /** SVG path data of the step line; empty when there is nothing to draw. */
  path: string;
  /** The same, closed along the time axis, for a filled area. */
  area: string;
  xTicks: Array<{ x: number; t: number }>;
  /** The time between x ticks, ms (labels show seconds below a minute). */
  tickStepMs: number;
  yTicks: Array<{ y: number; count: number }>;
  maxCount: number;
  start: number;
  end: number;
}

export const DEFAULT_BOX: ChartBox = { width: 640, height: 220, left: 40, right: 16, top: 12, bottom: 28 };

/**
 * The number of people present from `start` to `end`: one point per change, the
 * first at `start`, the last at `end`. Joins and exits at the same moment are
 * applied exits first, so a rejoin does not count one person twice.
 */
export function attendanceSteps(stays: Stay[], start: number, end: number): StepPoint[] {
  if (!(end > start)) return [];
  const changes: Array<{ t: number; delta: number }> = [];
  for (const s of stays) {
    const from = Math.max(s.joinedAt, start);
    const to = Math.min(s.exitedAt ?? end, end);
    if (to <= from) continue;
    changes.push({ t: from, delta: 1 });
    // Still present at the end (no exit, or an exit after it): the line stays up.
    if (to < end || (s.exitedAt !== null && s.exitedAt <= end)) changes.push({ t: to, delta: -1 });
  }
  changes.sort((a, b) => a.t - b.t || a.delta - b.delta);
  const points: StepPoint[] = [{ t: start, count: 0 }];
  let count = 0;
  for (const c of changes) {
    count += c.delta;
    const last = points[points.length - 1]!;
    if (last.t === c.t) last.count = count;
    else points.push({ t: c.t, count });
  }
  const last = points[points.length - 1]!;
  if (last.t < end) points.push({ t: end, count: last.count });
  return points;
}

/** Round tick steps for a time span: 5, 10, 15, 30 s, 1, 2, 5, 10, 15, 30 min, 1, 2, 6, 12 h. */
const TIME_STEPS_MS = [5_000, 10_000, 15_000, 30_000].concat(
  [1, 2, 5, 10, 15, 30, 60, 120, 360, 720].map((m) => m * 60_000),
);

function tickStep(span: number, maxTicks: number): number {
  return TIME_STEPS_MS.find((s) => span / s <= maxTicks) ?? Math.ceil(span / maxTicks / 3_600_000) * 3_600_000;
}

function timeTicks(start: number, end: number, maxTicks: number): number[] {
  const step = tickStep(end - start, maxTicks);
  const first = Math.ceil(start / step) * step;
  const out: number[] = [];
  for (let t = first; t <= end; t += step) out.push(t);
  return out;
}

function countTicks(max: number): number[] {
  const step = Math.max(1, Math.ceil(max / 5));
  const out: number[] = [];
  for (let c = 0; c <= max; c += step) out.push(c);
  return out;
}

/** Lays the steps out in `box`: time left to right, count bottom to top (at least 1). */
export function chartGeometry(points: StepPoint[], box: ChartBox = DEFAULT_BOX): ChartGeometry {
  const start = points[0]?.t ?? 0;
  const end = points[points.length - 1]?.t ?? 0;
  const maxCount = Math.max(1, ...points.map((p) => p.count));
  const plotW = box.width - box.left - box.right;
  const plotH = box.height - box.top - box.bottom;
  const x = (t: number) => round(box.left + (end > start ? ((t - start) / (end - start)) * plotW : 0));
  const y = (c: number) => round(box.top + plotH - (c / maxCount) * plotH);
  let path = '';
  points.forEach((p, i) => {
    if (i === 0) path = `M${x(p.t)},${y(p.count)}`;
    else path += ` H${x(p.t)} V${y(p.count)}`;
  });
  const area = path ? `${path} V${y(0)} H${x(start)} Z` : '';
  return {
    path,
    area,
    xTicks: end > start ? timeTicks(start, end, 6).map((t) => ({ x: x(t), t })) : [],
    tickStepMs: end > start ? tickStep(end - start, 6) : 0,
    yTicks: countTicks(maxCount).map((count) => ({ y: y(count), count })),
    maxCount,
    start,
    end,
  };
}

function round(v: number): number {
  return Math.round(v * 10) / 10;
}

/** One attendee with all his stays (several when he rejoined), in order of first join. */
export interface Attendee {
  key: string;
  name: string;
  guest: boolean;
  stays: Stay[];
}

export function groupAttendees(
  rows: Array<{ name: string; userId: number | null; guest: boolean; joinedAt: string; exitedAt: string | null }>,
): Attendee[] {
  const byKey = new Map<string, Attendee>();
  for (const row of rows) {
    const key = row.userId !== null ? `user:${row.userId}` : `guest:${row.name}`;
    const attendee = byKey.get(key) ?? { key, name: row.name, guest: row.guest, stays: [] };
    attendee.stays.push({
      joinedAt: Date.parse(row.joinedAt),
      exitedAt: row.exitedAt === null ? null : Date.parse(row.exitedAt),
    });
    byKey.set(key, attendee);
  }
  const out = [...byKey.values()];
  out.forEach((a) => a.stays.sort((p, q) => p.joinedAt - q.joinedAt));
  return out.sort((a, b) => a.stays[0]!.joinedAt - b.stays[0]!.joinedAt);
}
