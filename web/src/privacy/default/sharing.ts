import type { PolicySection } from '../policy';

export const sharing: PolicySection = {
  id: 'sharing',
  number: '5',
  title: 'How we share, transfer and disclose information',
  blocks: [],
  subsections: [
    {
      id: 'sharing-within',
      number: '5.1',
      title: 'Inside the service',
      blocks: [
        {
          kind: 'paragraph',
          text:
            'Other people on this service see what the functions above need: participants see your name, video, ' +
            'audio, screen and chat during a meeting; the meeting creator sees the attendance record; the host sees ' +
            'named votes; enterprise administrators see their members’ account details.',
        },
      ],
    },
    {
      id: 'sharing-recipients',
      number: '5.2',
      title: 'Sharing outside the service',
      blocks: [
        {
          kind: 'paragraph',
          text: '**We do not sell your personal information.** We share it outside this service only:',
        },
        {
          kind: 'list',
          items: [
            'with your explicit consent;',
            'with the email and SMS providers the operator uses to deliver our messages to you, which receive your ' +
              'address or number and the message;',
            'with affiliates or partners named in the recipients register, for the purpose and the categories ' +
              'listed there, under a written agreement that binds them to protect it;',
            'when laws, regulations or the mandatory demands of public authorities require it.',
          ],
        },
        {
          kind: 'paragraph',
          text:
            'The privacy center shows the recipients register: each recipient’s name, contact, purpose and the ' +
            'categories of information it receives. Statistics we share or analyse are anonymised. **The VideoPro ' +
            'web client contains no third-party tracking, advertising or analytics code.**',
        },
      ],
    },
    {
      id: 'sharing-transfer',
      number: '5.3',
      title: 'Transfer',
      blocks: [
        {
          kind: 'paragraph',
          text:
            'We transfer your personal information to another organisation only with your explicit consent, or when ' +
            'the operator merges, divides, is acquired or is dissolved. In that case we tell you, and the new holder ' +
            'must keep to this policy or ask for your consent again.',
        },
      ],
    },
    {
      id: 'sharing-disclosure',
      number: '5.4',
      title: 'Public disclosure',
      blocks: [
        {
          kind: 'paragraph',
          text:
            'We disclose personal information publicly only within a scope you have separately agreed to, or when ' +
            'law, legal process, litigation or a public authority requires it. The cases listed in 2.9 also apply ' +
            'to sharing, transfer and disclosure.',
        },
      ],
    },
  ],
};
