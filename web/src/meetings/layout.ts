// Layout decisions of the meeting stage, pure so they can be tested:
//   - which tiles exist (one per participant's camera, one per shared screen);
//   - the grid shape that gives tiles of a given aspect the largest size;
//   - the speaker layout: one main tile (a shared screen first, else the active
//     speaker) and a filmstrip of the rest;
//   - the active speaker, chosen from audio levels with a hold time so that the
//     highlight does not flicker between people.

export interface StageTile {
  /** `${participantId}:camera` or `${participantId}:screen` */
  key: string;
  participantId: string;
  source: 'camera' | 'screen';
  self: boolean;
}

export interface GridShape {
  columns: number;
  rows: number;
  tileWidth: number;
  tileHeight: number;
}

/** Self first, then the others in their order; a screen share gets its own tile. */
export function stageTiles(selfId: string | null, participantIds: string[], sharing: Set<string>): StageTile[] {
  const out: StageTile[] = [];
  const everyone = selfId ? [selfId, ...participantIds.filter((id) => id !== selfId)] : participantIds;
  for (const id of everyone) {
    if (sharing.has(id)) out.push({ key: `${id}:screen`, participantId: id, source: 'screen', self: id === selfId });
    out.push({ key: `${id}:camera`, participantId: id, source: 'camera', self: id === selfId });
  }
  return out;
}

/**
 * The columns × rows for `count` tiles of aspect `aspect` (width / height) in a box
 * of width × height that makes the tiles largest; ties go to fewer empty cells.
 */
export function gridShape(count: number, width: number, height: number, gap = 8, aspect = 16 / 9): GridShape {
  if (count <= 0 || width <= 0 || height <= 0) return { columns: 1, rows: 1, tileWidth: 0, tileHeight: 0 };
  let best: GridShape = { columns: 1, rows: count, tileWidth: 0, tileHeight: 0 };
  let bestEmpty = Infinity;
  for (let columns = 1; columns <= count; columns++) {
    const rows = Math.ceil(count / columns);
    const cellW = (width - gap * (columns - 1)) / columns;
    const cellH = (height - gap * (rows - 1)) / rows;
    if (cellW <= 0 || cellH <= 0) continue;
    const tileWidth = Math.min(cellW, cellH * aspect);
    const tileHeight = tileWidth / aspect;
    const empty = columns * rows - count;
    const tie = Math.abs(tileWidth - best.tileWidth) <= 0.5;
    // On a tie: fewer empty cells, then more columns in a wide box (side by side).
    if (tileWidth > best.tileWidth + 0.5 || (tie && (empty < bestEmpty || (empty === bestEmpty && width >= height)))) {
      best = { columns, rows, tileWidth: Math.floor(tileWidth), tileHeight: Math.floor(tileHeight) };
      bestEmpty = empty;
    }
  }
  return best;
}

/** The speaker layout: the tile on the main stage and the filmstrip. */
export function speakerLayout(
  tiles: StageTile[],
  activeSpeaker: string | null,
  pinned: string | null = null,
): { main: StageTile | null; strip: StageTile[] } {
  const main =
    tiles.find((t) => t.key === pinned) ??
    tiles.find((t) => t.source === 'screen' && !t.self) ??
    tiles.find((t) => t.source === 'screen') ??
    tiles.find((t) => t.participantId === activeSpeaker && !t.self) ??
    tiles.find((t) => !t.self) ??
    tiles[0] ??
    null;
  return { main, strip: tiles.filter((t) => t !== main) };
}
