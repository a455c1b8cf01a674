import type { PolicyBlock, PolicySection } from '../policy';

export const preface: PolicyBlock[] = [
  {
    kind: 'paragraph',
    text:
      'VideoPro is meeting software that an organisation installs and runs on its own servers. ' +
      '**The organisation that runs this installation (the operator, “we” in this policy) decides why and how ' +
      'your personal information is processed here and is responsible for it.** The people who write the ' +
      'VideoPro software do not receive any of the information described below.',
  },
  {
    kind: 'paragraph',
    text:
      'This is the default policy that comes with the software. It describes what VideoPro stores and why, how ' +
      'long it is kept, who can see it and how you can see, copy, correct or delete it. The operator may publish ' +
      'its own version through the privacy center; the version in force is always shown on this page with its ' +
      'number and effective date.',
  },
  {
    kind: 'paragraph',
    text:
      'Statements in **bold** are the ones that matter most for your rights, including where we handle ' +
      'sensitive personal information. If anything here is unclear, use the contact route in section 9.',
  },
];

export const scope: PolicySection = {
  id: 'scope',
  number: '1',
  title: 'Scope and definitions',
  blocks: [
    {
      kind: 'paragraph',
      text:
        'This policy covers this VideoPro service: its web pages, its browser client and its server. Information ' +
        'you give to other services, for example an email provider that delivers our messages to you, is covered ' +
        'by their own policies.',
    },
  ],
  subsections: [
    {
      id: 'scope-roles',
      number: '1.1',
      title: 'Who is who',
      blocks: [
        {
          kind: 'definitions',
          items: [
            {
              term: 'Operator',
              text:
                'The organisation that runs this VideoPro installation and is the controller of the personal ' +
                'information in it. It answers privacy requests, handles security incidents and publishes policy versions.',
            },
            {
              term: 'Personal user',
              text: 'A person who registers with his or her own mobile number or email address.',
            },
            {
              term: 'Enterprise user',
              text:
                'A person who uses VideoPro as a member of an enterprise organisation registered on this service. ' +
                'An enterprise invites you; you are free to accept or decline the invitation.',
            },
            {
              term: 'Enterprise administrator',
              text: 'A person the enterprise appoints to manage its members. An enterprise may have several.',
            },
            {
              term: 'Meeting creator, host, co-host, participant, guest',
              text:
                'The roles in a meeting: the creator schedules or starts it, the host and co-hosts run it, ' +
                'participants take part, and guests join by name without an account where the host allows it.',
            },
            {
              term: 'Personal information',
              text:
                'Any information, recorded electronically or otherwise, about a person who is identified or can be ' +
                'identified. Information that has been anonymised so that nobody can be identified from it is not personal information.',
            },
            {
              term: 'Sensitive personal information',
              text:
                'Personal information whose leak or misuse could easily harm a person’s dignity, safety or property, ' +
                'such as biometric data, financial account numbers and any personal information of a child. In ' +
                'VideoPro, **recordings of your face and voice and the personal information of children** are treated as sensitive.',
            },
            { term: 'Child', text: 'A person under the age of 14.' },
          ],
        },
      ],
    },
  ],
};
