import type { PolicyDocument } from '../policy';
import { collection } from './collection';
import { changes, children, contact, cookies } from './notices';
import { rights } from './rights';
import { preface, scope } from './scope';
import { sharing } from './sharing';
import { storage } from './storage';

/**
 * The privacy policy that ships with VideoPro and is in force from installation
 * until the operator publishes its own version through the privacy center.
 * Sections follow the numbering of the policy model the product is specified
 * against, so that "policy §x" references in the specification point here too.
 */
export const defaultPolicy: PolicyDocument = {
  title: 'Privacy policy',
  version: 1,
  origin: 'default',
  label: 'Default policy, version 1 (effective on installation)',
  effectiveDate: null,
  preface,
  sections: [scope, collection, cookies, storage, sharing, rights, children, changes, contact],
};
