import type { PolicySection } from '../policy';

export const storage: PolicySection = {
  id: 'storage',
  number: '4',
  title: 'How we store and protect your information',
  blocks: [],
  subsections: [
    {
      id: 'storage-location',
      number: '4.1',
      title: 'Where it is stored',
      blocks: [
        {
          kind: 'paragraph',
          text:
            'Your information is stored on the operator’s own servers, **in the storage region the operator has ' +
            'configured for this installation**; the privacy center shows that region. If the operator ever needs to ' +
            'move personal information to another region or country, it will tell you who receives it and how to ' +
            'contact them, and ask for your consent where the law requires it.',
        },
      ],
    },
    {
      id: 'storage-retention',
      number: '4.2',
      title: 'How long it is kept',
      blocks: [
        {
          kind: 'paragraph',
          text:
            'We keep information only as long as its purpose needs, unless the law requires longer. A scheduled job ' +
            'deletes or anonymises what has expired. The main periods are:',
        },
        {
          kind: 'table',
          caption: 'Retention periods',
          columns: ['Information', 'Kept for'],
          rows: [
            ['Account, profile and consent records', 'Until you delete them or cancel your account'],
            ['One-time codes', '10 minutes, and no longer than their first use'],
            ['Sign-in sessions', 'Until you sign out or the session times out'],
            [
              'Meeting details, attendance records and vote results',
              'As the data map states, and never past the creator’s account cancellation',
            ],
            ['Cloud recordings and background images', 'Until their owner deletes them or cancels the account'],
            ['Call quality and device reports', 'As the data map states'],
            ['**Network operation logs**', '**At least 6 months**, as the law requires'],
            ['**Backups**', '**30 days**; a deletion reaches backups when they are replaced'],
          ],
        },
        {
          kind: 'paragraph',
          text:
            'If the operator stops running this service, it will tell you **at least 30 days in advance** and then ' +
            'delete or anonymise your personal information.',
        },
      ],
    },
    {
      id: 'storage-security',
      number: '4.3',
      title: 'How it is protected',
      blocks: [
        {
          kind: 'list',
          items: [
            'Pages, API calls and signalling travel over TLS; meeting audio and video are encrypted with DTLS-SRTP.',
            'Passwords and one-time codes are stored only as hashes; sessions expire when idle and after a maximum age.',
            'Every access to personal information by staff or administrators is written to an append-only, ' +
              'tamper-evident audit log.',
            'Operation logs mask phone numbers, email addresses and IP addresses.',
          ],
        },
        {
          kind: 'paragraph',
          text:
            'No system on the Internet is perfectly secure. Help protect your account: use a strong password of your ' +
            'own, keep your devices up to date and never share your codes or password.',
        },
      ],
    },
    {
      id: 'storage-incidents',
      number: '4.4',
      title: 'Security incidents',
      blocks: [
        {
          kind: 'paragraph',
          text:
            'The operator keeps a plan for personal information security incidents. If one happens, **we will tell ' +
            'the people affected by email or SMS without delay**: what happened and its likely effect, what we have ' +
            'done and will do, what you can do to reduce the risk, and the remedies open to you. Where we cannot reach ' +
            'everyone individually we publish an announcement, and we report the incident to the authorities as the law requires.',
        },
      ],
    },
  ],
};
