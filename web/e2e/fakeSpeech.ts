// A speech-like WAV file for Chromium's fake microphone
// (--use-file-for-fake-audio-capture, looped). Chromium's default fake device
// beeps for ~20 ms every ~500 ms: far from how people talk, and too sparse for
// the server's dominant-speaker detector, which (like any such detector) wants
// sustained speech. This file is "syllables": 150–260 ms voiced bursts of a
// harmonic tone whose pitch glides like a voice, with 60–120 ms pauses, at
// about -12 dBFS — continuous talk, as a real speaker's. Deterministic.
import { writeFile } from 'node:fs/promises';

const RATE = 48_000;

/** 16-bit mono PCM WAV bytes of `seconds` of synthetic talk. */
export function speechWav(seconds = 6): Buffer {
  const samples = new Int16Array(Math.round(seconds * RATE));
  let seed = 7;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  let i = 0;
  let phase = 0;
  while (i < samples.length) {
    const voiced = Math.round((0.15 + 0.11 * random()) * RATE);
    const pitch = 140 + 80 * random();
    for (let k = 0; k < voiced && i < samples.length; k++, i++) {
      const t = k / voiced;
      const envelope = Math.sin(Math.PI * t) ** 0.5; // soft onset and release
      phase += (2 * Math.PI * pitch * (1 + 0.15 * Math.sin(2 * Math.PI * t))) / RATE;
      // A few harmonics with falling weights, as a voice has.
      const wave = Math.sin(phase) + 0.5 * Math.sin(2 * phase) + 0.3 * Math.sin(3 * phase) + 0.2 * Math.sin(5 * phase);
      samples[i] = Math.round(0.25 * 32767 * envelope * (wave / 2));
    }
    i += Math.round((0.06 + 0.06 * random()) * RATE); // a pause: zeros
  }
  const data = Buffer.from(samples.buffer);
  const header = Buffer.alloc(44);
  header.write('RIFF', 0);
  header.writeUInt32LE(36 + data.length, 4);
  header.write('WAVE', 8);
  header.write('fmt ', 12);
  header.writeUInt32LE(16, 16); // PCM chunk size
  header.writeUInt16LE(1, 20); // PCM
  header.writeUInt16LE(1, 22); // mono
  header.writeUInt32LE(RATE, 24);
  header.writeUInt32LE(RATE * 2, 28); // byte rate
  header.writeUInt16LE(2, 32); // block align
  header.writeUInt16LE(16, 34); // bits per sample
  header.write('data', 36);
  header.writeUInt32LE(data.length, 40);
  return Buffer.concat([header, data]);
}

/** Writes the file and returns the Chromium flag that makes it the fake microphone. */
export async function fakeSpeechArg(path: string): Promise<string> {
  await writeFile(path, speechWav());
  return `--use-file-for-fake-audio-capture=${path}`;
}
