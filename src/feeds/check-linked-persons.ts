/**
 * CLD carer links (MDS-19): every Adult_1/2/3_Linked_Person_ID names the LA_Person_Unique_Identifier
 * of a person somewhere in the file (before or after the carer's row), and a Carer row names at
 * least one cared-for adult. Keeps the set of person ids and the unresolved links with their
 * locations; reports the links still unresolved at the end.
 * @module
 */
import type { FeedCheck, FeedLocation } from './feed-check.js';
import { issueAt, textValue } from './feed-check.js';

const linkFields = [
  'Adult_1_Linked_Person_ID',
  'Adult_2_Linked_Person_ID',
  'Adult_3_Linked_Person_ID',
] as const;
const requirements = ['MDS-19'];

interface PendingLink {
  readonly id: string;
  readonly field: string;
  readonly location: FeedLocation;
}

/** Creates the linked-person check; `carer` is the release's Client_Type label of (unpaid) carers. */
export function createLinkedPersonsCheck(carer = 'Carer'): FeedCheck {
  const persons = new Set<string>();
  const pending: PendingLink[] = [];
  return {
    check(record, at) {
      const self = textValue(record.LA_Person_Unique_Identifier);
      if (self !== undefined) persons.add(self);
      let links = 0;
      for (const field of linkFields) {
        const id = textValue(record[field]);
        if (id === undefined) continue;
        links++;
        if (!persons.has(id)) pending.push({ id, field, location: at.locate(`/${field}`) });
      }
      if (links === 0 && record.Client_Type === carer) {
        at.report('feed.carer-link-missing', '/Adult_1_Linked_Person_ID', {}, requirements);
      }
    },
    finish(add) {
      for (const link of pending) {
        if (persons.has(link.id)) continue;
        add(
          issueAt(link.location, {
            code: 'feed.linked-person-unresolved',
            params: { field: link.field },
            requirements,
          }),
        );
      }
    },
  };
}
