import { describe, expect, it } from 'vitest';
import { gridShape, speakerLayout, stageTiles } from './layout';

describe('stageTiles', () => {
  it('puts self first and gives a shared screen its own tile', () => {
    const tiles = stageTiles('me', ['a', 'b'], new Set(['b']));
    expect(tiles.map((t) => t.key)).toEqual(['me:camera', 'a:camera', 'b:screen', 'b:camera']);
    expect(tiles[0]!.self).toBe(true);
  });
});

describe('gridShape', () => {
  it('uses one tile for one person and two side by side in a wide box', () => {
    expect(gridShape(1, 1600, 900, 0)).toMatchObject({ columns: 1, rows: 1, tileWidth: 1600, tileHeight: 900 });
    expect(gridShape(2, 1600, 900, 0)).toMatchObject({ columns: 2, rows: 1, tileWidth: 800 });
  });

  it('stacks in a tall box and picks a square-ish grid for many tiles', () => {
    expect(gridShape(2, 400, 900, 0)).toMatchObject({ columns: 1, rows: 2 });
    expect(gridShape(9, 1600, 900, 0)).toMatchObject({ columns: 3, rows: 3 });
    const five = gridShape(5, 1600, 900, 8);
    expect(five.columns * five.rows).toBeGreaterThanOrEqual(5);
    // The tiles fit in the box, gaps included.
    expect(five.columns * five.tileWidth + (five.columns - 1) * 8).toBeLessThanOrEqual(1600);
    expect(five.rows * five.tileHeight + (five.rows - 1) * 8).toBeLessThanOrEqual(900);
  });

  it('answers an empty shape for no tiles or no room', () => {
    expect(gridShape(0, 100, 100).tileWidth).toBe(0);
    expect(gridShape(3, 0, 100).tileWidth).toBe(0);
  });
});

describe('speakerLayout', () => {
  const tiles = stageTiles('me', ['a', 'b'], new Set());
  it('shows the active speaker, else the first other person, never self while others are there', () => {
    expect(speakerLayout(tiles, 'b').main?.key).toBe('b:camera');
    expect(speakerLayout(tiles, null).main?.key).toBe('a:camera');
    expect(speakerLayout(tiles, 'me').main?.key).toBe('a:camera');
    expect(speakerLayout(stageTiles('me', [], new Set()), null).main?.key).toBe('me:camera');
  });

  it('puts a shared screen on the main stage, and a pinned tile above all', () => {
    const sharing = stageTiles('me', ['a', 'b'], new Set(['a']));
    const { main, strip } = speakerLayout(sharing, 'b');
    expect(main?.key).toBe('a:screen');
    expect(strip.map((t) => t.key)).toEqual(['me:camera', 'a:camera', 'b:camera']);
    expect(speakerLayout(sharing, 'b', 'me:camera').main?.key).toBe('me:camera');
  });
});
