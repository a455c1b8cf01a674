import type { PolicySection } from '../policy';

export const RESPONSE_TIME = '15 working days';

const access: PolicySection = {
  id: 'rights-access',
  number: '6.1',
  title: 'See your information',
  blocks: [
    {
      kind: 'paragraph',
      text:
        'Sign in and open **Settings – Profile** to see your account and profile details. The privacy center ' +
        'shows everything else the service holds about you, including your meetings, consents and sessions. If ' +
        'something cannot be seen there, ask us (section 9).',
    },
  ],
};

const copy: PolicySection = {
  id: 'rights-copy',
  number: '6.2',
  title: 'Get a copy',
  blocks: [
    {
      kind: 'paragraph',
      text:
        'In the privacy center you can **download a copy of all your personal information** as a machine-readable ' +
        'archive (JSON files with a human-readable index). Where the law gives you the right to have it ' +
        'transferred to another service, we will help you do so.',
    },
  ],
};

const correction: PolicySection = {
  id: 'rights-correction',
  number: '6.3',
  title: 'Correct your information',
  blocks: [
    {
      kind: 'paragraph',
      text:
        'You can change your avatar, name, gender, position, address, company and department yourself in ' +
        '**Settings – Profile**. For anything you cannot change there, ask us and we will correct it after ' +
        'verifying your identity.',
    },
  ],
};

const deletion: PolicySection = {
  id: 'rights-deletion',
  number: '6.4',
  title: 'Delete your information',
  blocks: [
    {
      kind: 'paragraph',
      text: 'We delete your personal information on our own initiative, and you may ask us to delete it, when:',
    },
    {
      kind: 'list',
      items: [
        'its purpose has been achieved, can no longer be achieved, or no longer needs it;',
        'we stop providing the service, or its retention period has expired;',
        'you withdraw your consent;',
        'we have processed it in breach of the law or of our agreement with you;',
        'laws or administrative regulations otherwise require it.',
      ],
    },
    {
      kind: 'paragraph',
      text:
        'A deletion reaches our backups when they are replaced, within the backup period in 4.2; until then backups ' +
        'are kept secure and are not used.',
    },
  ],
};

const consent: PolicySection = {
  id: 'rights-consent',
  number: '6.5',
  title: 'Withdraw your consent',
  blocks: [
    {
      kind: 'paragraph',
      text:
        'Optional processing, such as profile extras, call quality reports and optional cookies, happens only with ' +
        'your consent. You can give or **withdraw each consent at any time in your privacy settings** or by asking ' +
        'us. After you withdraw, that processing stops; what was done before remains lawful.',
    },
  ],
};

const cancellation: PolicySection = {
  id: 'rights-cancellation',
  number: '6.6',
  title: 'Cancel your account',
  blocks: [
    {
      kind: 'list',
      items: [
        '**Personal users:** sign in, open **Settings – Security Center** and choose **Cancel account**. You will ' +
          'be asked to confirm: “Account cannot be restored after cancellation.”',
        '**Enterprise users:** ask your enterprise administrator, who handles the request in the enterprise console.',
        '**By message:** write to the contact in section 9 stating the account to cancel. We will cancel it within ' +
          `${RESPONSE_TIME} after verifying your identity.`,
      ],
    },
    {
      kind: 'paragraph',
      text:
        '**After cancellation we stop providing the service to you, delete or anonymise your personal ' +
        'information, and destroy the meetings and recordings of your account.** This cannot be undone, so ' +
        'download a copy first if you want one. You may register again later as a new user.',
    },
  ],
};

const other: PolicySection = {
  id: 'rights-other',
  number: '6.7',
  title: 'Other rights, and relatives of a deceased user',
  blocks: [
    {
      kind: 'paragraph',
      text: 'You may ask us to explain the rules by which we process your personal information.',
    },
    {
      kind: 'paragraph',
      text:
        '**If a user dies, his or her close relatives may, for their own lawful and legitimate interests, see, ' +
        'copy, correct and delete the deceased user’s personal information**, unless the user arranged otherwise ' +
        'during his or her lifetime. Contact us as in section 9 to start such a request.',
    },
  ],
};

const response: PolicySection = {
  id: 'rights-response',
  number: '6.8',
  title: 'How we answer your requests',
  blocks: [
    {
      kind: 'paragraph',
      text:
        'To protect you, we verify your identity before acting on a request. Every request is tracked, and we ' +
        `**answer within ${RESPONSE_TIME}**, with our reasons if we cannot do all you asked. Requests are free in ` +
        'principle; for requests repeated beyond reason we may charge the cost, and we may refuse requests that ' +
        'are needlessly repetitive, need disproportionate technical effort, put other people’s rights at risk or ' +
        'are highly impractical. If you are not satisfied with our answer you can complain as described in section 9.',
    },
  ],
};

const limits: PolicySection = {
  id: 'rights-limits',
  number: '6.9',
  title: 'When we cannot comply',
  blocks: [
    { kind: 'paragraph', text: 'As the law provides, we may be unable to act on a request that is:' },
    {
      kind: 'list',
      items: [
        'connected with our obligations under laws and regulations;',
        'directly connected with national security or defence;',
        'directly connected with public safety, public health or major public interests;',
        'directly connected with a criminal investigation, prosecution, trial or enforcement of a judgment;',
        'made with demonstrable malice or abuse of rights;',
        'against the protection of your or another person’s life, property or other major interests when consent is hard to obtain;',
        'seriously harmful to the lawful rights and interests of you or of other people or organisations;',
        'about trade secrets.',
      ],
    },
  ],
};

export const rights: PolicySection = {
  id: 'rights',
  number: '6',
  title: 'Your rights',
  blocks: [
    {
      kind: 'paragraph',
      text: 'You control your personal information. Here is how to exercise each of your rights on this service.',
    },
  ],
  subsections: [access, copy, correction, deletion, consent, cancellation, other, response, limits],
};
