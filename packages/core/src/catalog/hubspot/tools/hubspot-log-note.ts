import { z } from 'zod';
import { defineTool } from '../../../tools/index.ts';
import { compactObject, hubspotId, type HubspotObject } from '../hubspot-objects.ts';

/** HubSpot-defined note association types, by the kind of record the note is logged on. */
const NOTE_TO: Record<'contact' | 'company' | 'deal' | 'ticket', number> = { contact: 202, company: 190, deal: 214, ticket: 228 };

export const hubspotLogNote = defineTool({
  name: 'hubspot_log_note',
  provider: 'hubspot',
  writes: true,
  description: 'Log a note on a HubSpot contact, company, deal or ticket (it appears on the record\'s timeline).',
  scopes: ['crm.objects.contacts.write'],
  input: z.object({
    recordType: z.enum(['contact', 'company', 'deal', 'ticket']).describe('The kind of record the note belongs to.'),
    recordId: hubspotId('The record\'s id.'),
    body: z.string().trim().min(1).max(65_536).describe('The note text (HubSpot renders simple HTML such as <b> and <br>).'),
    timestamp: z.string().datetime({ offset: true }).optional().describe('When the activity happened, ISO 8601; default now.'),
  }),
  async execute({ recordType, recordId, body, timestamp }, ctx) {
    const note = await ctx.request<HubspotObject>('/crm/v3/objects/notes', {
      method: 'POST',
      body: {
        properties: { hs_note_body: body, hs_timestamp: timestamp ?? new Date().toISOString() },
        associations: [{ to: { id: recordId }, types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: NOTE_TO[recordType] }] }],
      },
    });
    return { ...compactObject(note), loggedOn: { type: recordType, id: recordId } };
  },
});
