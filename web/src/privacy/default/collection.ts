import type { PolicySection } from '../policy';

// Section 2 names every kind of personal information the software stores. When a
// feature starts storing something new, it adds it here and to the server's data map.

const account: PolicySection = {
  id: 'collection-account',
  number: '2.1',
  title: 'Your account',
  blocks: [
    {
      kind: 'list',
      items: [
        '**Personal account:** your mobile number or email address, which identifies you and to which we send a ' +
          'one-time code to prove it is yours. Codes are 6 digits, stored only in hashed form, valid for 10 minutes and usable once.',
        '**Enterprise account:** the company name, the name of the person creating it, a mobile number, an email ' +
          'address and any notes you add. We verify it by email. If your notes name other people, make sure they agree.',
        '**Your age** as you state it at registration, so that we can apply the rules for children in section 7.',
        '**Password:** optional. If you set one we keep only a salted one-way hash (argon2id), never the password itself.',
        '**Profile details you choose to add:** avatar, name, gender, position, address, company and department. ' +
          'They are optional: VideoPro’s basic functions work without them.',
        '**Enterprise membership:** the invitations sent to you (by whom, to which address, when) and your answer, ' +
          'your membership and role, and requests you send to your administrator.',
        '**Sign-in sessions:** when each session started and was last used and the browser and IP address it ' +
          'came from, so that you can review your sessions and end them in the Security Center.',
        '**Your consents:** which version of this policy you accepted and each optional consent you gave or ' +
          'withdrew, with when and how. This record lets us prove that we respect your choices.',
        '**Messages we send you:** verification codes, invitations and notices pass through an outbox that ' +
          'records the recipient, the kind of message and whether it was delivered.',
      ],
    },
  ],
};

const connection: PolicySection = {
  id: 'collection-connection',
  number: '2.2',
  title: 'Connecting to the service',
  blocks: [
    {
      kind: 'paragraph',
      text:
        'To connect you, the server necessarily sees **your IP address** and the network addresses your browser ' +
        'offers for audio and video. Without them the service cannot work. To help you diagnose problems, the ' +
        'pre-meeting check also looks at your network type, your connection status and whether your browser can ' +
        'reach the media server.',
    },
  ],
};

const quality: PolicySection = {
  id: 'collection-quality',
  number: '2.3',
  title: 'Call quality and device information',
  blocks: [
    {
      kind: 'paragraph',
      text:
        'To keep meetings running well and to find faults, the client can report measurements while you are in a ' +
        'meeting: audio volume level, packet loss, jitter, round-trip time and bitrate; your device model, browser ' +
        'and system version and a random device identifier created by the client; records of client crashes; and ' +
        'traffic statistics. **These measurements never contain what is said or shown in a meeting.** The operator ' +
        'sees them as charts in its dashboard.',
    },
    {
      kind: 'paragraph',
      text:
        '**Nothing is collected while you are not in a meeting or while the VideoPro page is in the background.** ' +
        'You can turn these reports off in your privacy settings; meetings work without them.',
    },
  ],
};

const meetings: PolicySection = {
  id: 'collection-meetings',
  number: '2.4',
  title: 'Meetings and attendance',
  blocks: [
    {
      kind: 'list',
      items: [
        '**Meeting details:** the meeting ID, subject, passcode and settings (such as the waiting room), the ' +
          'creator, and the scheduled and actual start and end times.',
        '**Attendance record:** the name each attendee used and the times each one joined and left. **Only the ' +
          'meeting creator can see it**, in the meeting history and as a downloadable report.',
        '**During the meeting:** your name, role, camera and microphone state and raised hand are shown to the ' +
          'other participants. Audio, video and screen sharing pass through the server to the other participants ' +
          'and are not stored unless the meeting is recorded (2.5).',
        '**Chat:** messages are delivered to the people in the meeting. This version of VideoPro does not keep them after the meeting ends.',
        '**Guests** give only a display name; it appears in the attendance record of that meeting.',
      ],
    },
  ],
};

const recording: PolicySection = {
  id: 'collection-recordings',
  number: '2.5',
  title: 'Recordings',
  blocks: [
    {
      kind: 'paragraph',
      text:
        'A recording captures the **voices and images of the people in the meeting, which is sensitive personal ' +
        'information**. Without processing them, recording is not possible.',
    },
    {
      kind: 'list',
      items: [
        '**Local recording** is made by your browser and saved only on your own device. The server never receives it.',
        '**Cloud recording** is made by the server and stored in the meeting creator’s storage space on this ' +
          'service, within a quota. The creator can list, play, download and delete it.',
        '**Everyone is told when recording starts, including people who join later.** If you do not agree to ' +
          'being recorded you can leave the meeting. We record who was shown the reminder and who left after it.',
      ],
    },
  ],
};

const voting: PolicySection = {
  id: 'collection-voting',
  number: '2.6',
  title: 'Voting',
  blocks: [
    {
      kind: 'list',
      items: [
        '**Named votes:** we record each voter’s nickname and choice. During the meeting only the host can see ' +
          'who voted how.',
        '**Anonymous votes:** nobody, the host included, can see who voted how. **The server keeps no link between ' +
          'a voter and a choice**; it keeps the totals and, to prevent voting twice, the fact that you have voted.',
        'Vote results are kept with the meeting. After the meeting ends, only the meeting creator can see them.',
      ],
    },
  ],
};

const backgrounds: PolicySection = {
  id: 'collection-backgrounds',
  number: '2.7',
  title: 'Virtual backgrounds',
  blocks: [
    {
      kind: 'paragraph',
      text:
        'Background blur and replacement are computed in your browser, on your device. If you upload your own ' +
        'background images, we store them in your account so you can use them again: we check their type and ' +
        'size and **remove embedded metadata such as location and camera details** on upload. You can delete ' +
        'them at any time.',
    },
  ],
};

const permissions: PolicySection = {
  id: 'collection-permissions',
  number: '2.8',
  title: 'Browser permissions',
  blocks: [
    {
      kind: 'paragraph',
      text:
        'Some functions need your browser’s permission. Granting a permission lets VideoPro use the matching ' +
        'device for that function only; refusing it switches off that function and nothing else. You can ' +
        'withdraw a permission at any time in your browser’s site settings; what was done before stays unaffected.',
    },
    {
      kind: 'list',
      items: [
        '**Camera and microphone:** to send your video and audio in a meeting and to test them before joining. ' +
          'Your browser improves the sound and picture (echo cancellation, noise suppression) on your device.',
        '**Screen sharing:** your browser asks each time which screen, window or tab to share.',
        '**Files:** when you choose an avatar or a background image, only the file you pick is read.',
      ],
    },
  ],
};

const withoutConsent: PolicySection = {
  id: 'collection-without-consent',
  number: '2.9',
  title: 'When we may process information without your consent',
  blocks: [
    {
      kind: 'paragraph',
      text: 'As the law allows, we may process your personal information without asking for your consent when it is:',
    },
    {
      kind: 'list',
      items: [
        'necessary to conclude or perform a contract with you, such as providing the service you signed up for;',
        'necessary to fulfil a duty or obligation the law places on us;',
        'necessary in a public health emergency or to protect someone’s life, health or property in an emergency;',
        'done within reasonable limits for news reporting or public-interest supervision;',
        'information you have made public yourself, or that was lawfully made public, processed within reasonable limits;',
        'otherwise permitted by laws and administrative regulations.',
      ],
    },
  ],
};

const newFeatures: PolicySection = {
  id: 'collection-new-features',
  number: '2.10',
  title: 'New features',
  blocks: [
    {
      kind: 'paragraph',
      text:
        'If a new or experimental feature needs personal information that this policy does not describe, we ' +
        'will tell you what, why and how on the page where you use it, and ask for your consent first.',
    },
  ],
};

export const collection: PolicySection = {
  id: 'collection',
  number: '2',
  title: 'What we collect and why',
  blocks: [
    {
      kind: 'paragraph',
      text:
        'We collect only what each function needs. Every item stored by the server is declared in its data map ' +
        'with its purpose and how long it is kept; the privacy center shows that list.',
    },
  ],
  subsections: [
    account,
    connection,
    quality,
    meetings,
    recording,
    voting,
    backgrounds,
    permissions,
    withoutConsent,
    newFeatures,
  ],
};
