import { describe, expect, it } from 'vitest';
import { mediaOptions } from './mediaRoom';

describe('mediaOptions', () => {
  it('reads simulcast and the preferred layer', () => {
    expect(mediaOptions('?room=a&simulcast=1&layer=2&minKbps=1200')).toEqual({
      simulcast: true,
      preferredLayer: 2,
      minKbps: 1200,
    });
    expect(mediaOptions('?layer=0')).toEqual({ simulcast: false, preferredLayer: 0, minKbps: undefined });
  });

  it('ignores absent or invalid values', () => {
    expect(mediaOptions('')).toEqual({ simulcast: false, preferredLayer: undefined, minKbps: undefined });
    for (const bad of ['3', '-1', '1.5', 'high', '']) {
      expect(mediaOptions(`?simulcast=yes&layer=${bad}&minKbps=${bad}`)).toEqual({
        simulcast: false,
        preferredLayer: undefined,
        minKbps: undefined,
      });
    }
    expect(mediaOptions('?minKbps=99999').minKbps).toBeUndefined();
  });
});
