// Mautic's wire dates, read in one place (issue 17): ISO 8601 with an offset from the JMS serializer,
// MySQL DATETIME text (UTC) from raw rows, read as instants whatever the machine's zone.
import { describe, expect, it } from 'vitest';

import { mauticDbTime, mauticInstant, parseMauticDate } from '../../../connectors/mautic';
import { ActivityEventSchema, ContactSchema } from '../../../connectors/mautic';

describe('parseMauticDate / mauticInstant', () => {
	it.each([
		// JMS Serializer, format 'c', zone UTC (entity dates)
		['2026-11-20T10:00:00+00:00', '2026-11-20T10:00:00Z'],
		// the same with another offset (a server configured differently still gives the instant)
		['2026-11-20T11:00:00+01:00', '2026-11-20T10:00:00Z'],
		['2026-11-20T04:30:00-0530', '2026-11-20T10:00:00Z'],
		['2026-11-20T12:00:00+02', '2026-11-20T10:00:00Z'],
		['2026-11-20T10:00:00Z', '2026-11-20T10:00:00Z'],
		['2026-11-20T10:00:00.250Z', '2026-11-20T10:00:00.250Z'],
		// raw database rows: DATETIME text, UTC (UTCDateTimeType)
		['2026-11-20 10:00:00', '2026-11-20T10:00:00Z'],
		['2026-11-20 10:00', '2026-11-20T10:00:00Z'],
		['  2026-11-20 10:00:00 ', '2026-11-20T10:00:00Z'],
		['2026-11-20T10:00:00', '2026-11-20T10:00:00Z'],
		['2026-03-29 01:30:00', '2026-03-29T01:30:00Z'], // a Berlin DST gap hour is an ordinary UTC time
		['2026-11-20', '2026-11-20T00:00:00Z'],
		['2024-02-29 23:59:59', '2024-02-29T23:59:59Z'],
		// not dates
		['0000-00-00 00:00:00', null],
		['2026-02-30 10:00:00', null],
		['2026-11-20 24:00:00', null],
		['2026-13-01 10:00:00', null],
		['20.11.2026 10:00', null],
		['yesterday', null],
		['', null],
		[null, null],
		[undefined, null],
		[1763632800, null],
	])('%j → %j', (input, expected) => {
		expect(mauticInstant(input)).toBe(expected);
		const date = parseMauticDate(input);
		expect(date === undefined ? null : date.toISOString().replace('.000Z', 'Z')).toBe(expected);
	});

	it('keeps a Date as it is and refuses an invalid one', () => {
		expect(parseMauticDate(new Date('2026-11-20T10:00:00Z'))?.toISOString()).toBe('2026-11-20T10:00:00.000Z');
		expect(parseMauticDate(new Date('nope'))).toBeUndefined();
	});

	it('writes an instant as UTC database time for where[] filters', () => {
		expect(mauticDbTime(new Date('2026-11-20T11:00:00+01:00'))).toBe('2026-11-20 10:00:00');
		expect(() => mauticDbTime(new Date('nope'))).toThrow(RangeError);
	});
});

describe('the schemas hand nodes instants', () => {
	it('a contact and its do-not-contact entries', () => {
		const contact = ContactSchema.parse({
			id: 5,
			dateAdded: '2026-11-20T11:00:00+01:00',
			dateModified: null,
			lastActive: '2026-11-21 08:15:00',
			doNotContact: [{ channel: 'email', reason: 1, dateAdded: '2026-11-19T09:00:00+00:00' }],
		});
		expect(contact).toMatchObject({ dateAdded: '2026-11-20T10:00:00Z', dateModified: null, lastActive: '2026-11-21T08:15:00Z' });
		expect(contact.doNotContact[0].dateAdded).toBe('2026-11-19T09:00:00Z');
	});

	it('a timeline event, whichever form its timestamp came in', () => {
		expect(ActivityEventSchema.parse({ event: 'email.read', timestamp: '2026-11-20 10:00:00' }).timestamp).toBe('2026-11-20T10:00:00Z');
		expect(ActivityEventSchema.parse({ event: 'email.read', timestamp: '2026-11-20T12:00:00+02:00' }).timestamp).toBe('2026-11-20T10:00:00Z');
		expect(ActivityEventSchema.parse({ event: 'email.read' }).timestamp).toBeNull();
	});
});
