// One clock (issue 17): every date-time parameter of every node is read by nodes/shared/clock.ts. A value
// with an offset is that instant in any workflow zone; one without is read in the workflow's zone, the
// same in every node (before, Outreach read "2026-11-18 23:30" in the workflow's zone and the other
// nodes in the server process's zone: 23:30Z vs 22:30Z for one value).
import type { IExecuteFunctions, INode } from 'n8n-workflow';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

import { clockParameter, dateParameter } from '../../nodes/shared/clock';

const node = { name: 'Clock', type: 'test', typeVersion: 1, position: [0, 0], parameters: {} } as unknown as INode;
const ctx = (zone: string) => ({ getTimezone: () => zone, getNode: () => node }) as unknown as IExecuteFunctions;

describe('dateParameter', () => {
	it.each([
		['2026-11-18T23:30:00Z', 'Europe/Berlin', '2026-11-18T23:30:00.000Z'],
		['2026-11-18T23:30:00Z', 'America/New_York', '2026-11-18T23:30:00.000Z'],
		['2026-11-18T23:30:00+01:00', 'Asia/Tokyo', '2026-11-18T22:30:00.000Z'],
		['2026-11-18T23:30:00', 'Europe/Berlin', '2026-11-18T22:30:00.000Z'],
		['2026-11-18 23:30', 'Europe/Berlin', '2026-11-18T22:30:00.000Z'],
		['2026-11-18 23:30:00', 'UTC', '2026-11-18T23:30:00.000Z'],
		['2026-11-18T23:30:00', 'America/New_York', '2026-11-19T04:30:00.000Z'],
		['2026-11-18T23:30:00', 'Asia/Kolkata', '2026-11-18T18:00:00.000Z'],
		['2026-03-29T02:30:00', 'Europe/Berlin', '2026-03-29T01:30:00.000Z'],
		['2026-11-18', 'Asia/Tokyo', '2026-11-17T15:00:00.000Z'],
	])('%s in a workflow set to %s is %s', (value, zone, instant) => {
		expect(dateParameter(ctx(zone), value, 'Now')?.toISOString()).toBe(instant);
	});

	it('takes a Date or a Luxon DateTime as the instant it is, and empty as not set', async () => {
		const { DateTime } = await import('luxon');
		expect(dateParameter(ctx('Europe/Berlin'), new Date('2026-11-18T23:30:00Z'), 'Now')?.toISOString()).toBe('2026-11-18T23:30:00.000Z');
		expect(dateParameter(ctx('Europe/Berlin'), DateTime.fromISO('2026-11-18T23:30:00Z'), 'Now')?.toISOString()).toBe('2026-11-18T23:30:00.000Z');
		expect(dateParameter(ctx('Europe/Berlin'), '  ', 'Now')).toBeUndefined();
		expect(Math.abs(clockParameter(ctx('UTC'), '', 'Now').getTime() - Date.now())).toBeLessThan(5_000);
	});

	it.each(['yesterday', '18.11.2026', '2026-13-01T00:00:00Z', 42])('refuses %s, naming the parameter and the value', (value) => {
		expect(() => dateParameter(ctx('UTC'), value, 'Reference Date')).toThrow(/Reference Date must be a date-time .* got/);
	});

	it('is the only reader: no node parses a date parameter itself', () => {
		for (const file of ['nodes/LeadQualifier/LeadQualifier.node.ts', 'nodes/DealMonitor/run.ts', 'nodes/QuoteGenerator/quoteSettings.ts', 'nodes/Outreach/helpers/clock.ts', 'nodes/AutonomyMetrics/recordHumanDecision.ts']) {
			const text = readFileSync(file, 'utf8');
			expect({ file, own: /new Date\((value|String\(value\))\)|DateTime\.fromISO\(value/.test(text) }).toEqual({ file, own: false });
			expect({ file, shared: /from '(\.\.\/)+shared\/clock'/.test(text) }).toEqual({ file, shared: true });
		}
	});
});
