import type { PolicySection } from '../policy';
import { RESPONSE_TIME } from './rights';

export const cookies: PolicySection = {
  id: 'cookies',
  number: '3',
  title: 'Cookies and similar technologies',
  blocks: [
    {
      kind: 'paragraph',
      text:
        'A cookie is a small piece of text a website asks your browser to keep and send back. **Without your ' +
        'consent VideoPro uses only strictly necessary cookies**: a session cookie that keeps you signed in. It ' +
        'holds a random identifier, cannot be read by page scripts, is sent only to this service (over HTTPS ' +
        'where the operator has enabled it) and expires when you sign out or the session times out.',
    },
    {
      kind: 'paragraph',
      text:
        'Any other cookie is used only if you agree to it, and you can refuse or withdraw that agreement at any ' +
        'time; **the service works with the necessary cookies alone**. We use no advertising or third-party ' +
        'cookies. The client also keeps a few preferences, such as your chosen camera and microphone, in your ' +
        'browser’s local storage on your device.',
    },
    {
      kind: 'paragraph',
      text:
        'Your browser’s settings let you see, block and delete cookies. If you block or delete the session cookie ' +
        'you will be signed out and cannot use the functions that need an account.',
    },
  ],
};

export const children: PolicySection = {
  id: 'children',
  number: '7',
  title: 'Children',
  blocks: [
    {
      kind: 'paragraph',
      text:
        'VideoPro is meant for adults. We ask your age when you register. **If you are under 14, your parent or ' +
        'guardian must read this policy and give verified consent before we keep any personal information about ' +
        'you** beyond your registration request. If we find that we hold a child’s personal information without ' +
        'that consent, we delete it.',
    },
    {
      kind: 'paragraph',
      text:
        'If you are a guardian, please check that a child in your care uses VideoPro only with your consent, and ' +
        'contact us (section 9) with any question about the child’s personal information.',
    },
  ],
};

export const changes: PolicySection = {
  id: 'changes',
  number: '8',
  title: 'Changes to this policy',
  blocks: [
    {
      kind: 'paragraph',
      text:
        'This policy has a version number and an effective date, both shown at the top of this page. When the ' +
        'operator publishes a new version through the privacy center we tell you about it and what changed; ' +
        'earlier versions remain available to read.',
    },
    {
      kind: 'paragraph',
      text:
        '**After a material change you will be asked to accept the new version before you continue to use the ' +
        'service.** A change is material when it concerns:',
    },
    {
      kind: 'list',
      items: [
        'the purposes of processing, the kinds of personal information processed or the way they are used;',
        'the region where personal information is stored;',
        'the main recipients of shared, transferred or disclosed personal information;',
        'who controls the service, for example after a merger or acquisition;',
        'your rights over your personal information or how you exercise them;',
        'a high risk found by a personal information security impact assessment;',
        'the person responsible for personal information protection, the contact details or the complaint channels.',
      ],
    },
  ],
};

export const contact: PolicySection = {
  id: 'contact',
  number: '9',
  title: 'How to contact us',
  blocks: [
    {
      kind: 'paragraph',
      text:
        'For questions, requests, complaints or reports about this policy or about how your personal information ' +
        'is handled, contact the operator of this service. **The operator publishes the contact details of its ' +
        'person responsible for personal information protection in the privacy center**; signed-in users can ' +
        'also submit privacy requests there. If no contact has been published yet, ask the organisation that ' +
        'gave you the address of this service.',
    },
    {
      kind: 'paragraph',
      text:
        `We look into every message and answer within ${RESPONSE_TIME}, or sooner where the law requires. If our ` +
        'answer does not satisfy you, especially if you believe our processing has harmed your rights, you can ' +
        'complain to the competent regulatory authority or take the matter to a competent court.',
    },
  ],
};
