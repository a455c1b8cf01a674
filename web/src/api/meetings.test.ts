import { describe, expect, it } from 'vitest';
import { AccountsClient, ApiError } from './accounts';
import { MeetingsClient, formatMeetingId, joinLink, parseMeetingInput } from './meetings';

describe('meeting IDs and links', () => {
  it('reads a typed ID with spaces or dashes, or a pasted link', () => {
    expect(parseMeetingInput(' 123 456 7890 ')).toBe('1234567890');
    expect(parseMeetingInput('123-456-789')).toBe('123456789');
    expect(parseMeetingInput('https://meet.example.org/m/12345678901')).toBe('12345678901');
    expect(parseMeetingInput('https://meet.example.org/j/123456789?x=1')).toBe('123456789');
  });

  it('refuses what cannot be a meeting ID', () => {
    expect(parseMeetingInput('')).toBeNull();
    expect(parseMeetingInput('12345678')).toBeNull();
    expect(parseMeetingInput('123456789012')).toBeNull();
    expect(parseMeetingInput('abc456789')).toBeNull();
  });

  it('groups digits for reading and builds the join link', () => {
    expect(formatMeetingId('1234567890')).toBe('123 456 7890');
    expect(joinLink('https://v.example', '123456789')).toBe('https://v.example/m/123456789');
  });
});

describe('MeetingsClient', () => {
  it('sends the draft and the CSRF-protected methods to the documented paths', async () => {
    const calls: Array<{ method: string; url: string; body: unknown }> = [];
    const fetchImpl = (async (url: string, init: RequestInit) => {
      calls.push({ method: String(init.method), url, body: init.body ? JSON.parse(String(init.body)) : null });
      if (url.endsWith('/attendance')) {
        return new Response(JSON.stringify({ error: { code: 'not_meeting_creator', message: 'only the creator' } }), {
          status: 403,
        });
      }
      return new Response(JSON.stringify({ meetings: [], meetingId: '123456789' }), { status: 200 });
    }) as typeof fetch;
    const client = new MeetingsClient(new AccountsClient(fetchImpl));
    await client.list('past');
    await client.create({
      subject: 'S',
      kind: 'instant',
      durationMinutes: 30,
      waitingRoom: true,
      guestsAllowed: false,
    });
    await client.update('123456789', { passcode: null });
    await client.join('123456789', { guestName: 'Carl' });
    const refused = await client.attendance('123456789').catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ApiError);
    expect((refused as ApiError).status).toBe(403);
    expect(calls.map((c) => `${c.method} ${c.url}`)).toEqual([
      'GET /api/v1/meetings?scope=past',
      'POST /api/v1/meetings',
      'PATCH /api/v1/meetings/123456789',
      'POST /api/v1/meetings/123456789/join',
      'GET /api/v1/meetings/123456789/attendance',
    ]);
    expect(calls[2]!.body).toEqual({ passcode: null });
    expect(calls[3]!.body).toEqual({ guestName: 'Carl' });
  });
});
