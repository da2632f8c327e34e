// countryTimeZone / resolveTimeZone: ISO-2 codes and common names, multi-zone countries flagged.
import { describe, expect, it } from 'vitest';

import { countryTimeZone, isValidTimeZone, resolveTimeZone } from '../../../core/outreach';

describe('countryTimeZone', () => {
	const cases: Array<[string, string | undefined, boolean?]> = [
		['DE', 'Europe/Berlin', false],
		['de', 'Europe/Berlin', false],
		['Germany', 'Europe/Berlin', false],
		['Deutschland', 'Europe/Berlin', false],
		['  germany ', 'Europe/Berlin', false],
		['Österreich', 'Europe/Vienna', false],
		['Osterreich', 'Europe/Vienna', false],
		['United Kingdom', 'Europe/London', false],
		['UK', 'Europe/London', false],
		['GB', 'Europe/London', false],
		['The Netherlands', 'Europe/Amsterdam', false],
		['US', 'America/New_York', true],
		['United States', 'America/New_York', true],
		['U.S.A.', 'America/New_York', true],
		['Canada', 'America/Toronto', true],
		['Brazil', 'America/Sao_Paulo', true],
		['AU', 'Australia/Sydney', true],
		['Russian Federation', 'Europe/Moscow', true],
		['Korea, Republic of', 'Asia/Seoul', false],
		['India', 'Asia/Kolkata', false],
		['Türkiye', 'Europe/Istanbul', false],
		['Viet Nam', 'Asia/Ho_Chi_Minh', false],
		['Atlantis', undefined],
		['XX', undefined],
	];
	it.each(cases)('%s → %s', (country, zone, multiZone) => {
		const found = countryTimeZone(country);
		expect(found?.timeZone).toBe(zone);
		if (zone) expect(found?.multiZone).toBe(multiZone);
	});

	it('maps every code to a zone the runtime knows', () => {
		const codes = ['AE', 'AR', 'AT', 'AU', 'BE', 'BR', 'CA', 'CH', 'CN', 'CZ', 'DE', 'DK', 'ES', 'FI', 'FR', 'GB', 'IE', 'IN', 'IT', 'JP', 'KR', 'MX', 'NL', 'NO', 'NZ', 'PL', 'PT', 'RU', 'SE', 'SG', 'UA', 'US', 'ZA'];
		for (const code of codes) {
			const found = countryTimeZone(code);
			expect(found, code).toBeDefined();
			expect(isValidTimeZone(found?.timeZone ?? ''), code).toBe(true);
		}
	});
});

describe('resolveTimeZone', () => {
	const cases: Array<{
		name: string;
		contact: { timeZone?: string | null; country?: string | null };
		zone: string;
		source: string;
		notes: number;
	}> = [
		{ name: 'explicit zone wins', contact: { timeZone: 'Asia/Tokyo', country: 'DE' }, zone: 'Asia/Tokyo', source: 'contact', notes: 0 },
		{ name: 'country when no zone', contact: { country: 'FR' }, zone: 'Europe/Paris', source: 'country', notes: 0 },
		{ name: 'multi-zone country noted', contact: { country: 'Mexico' }, zone: 'America/Mexico_City', source: 'country', notes: 1 },
		{ name: 'invalid zone falls back to country', contact: { timeZone: 'CET+1', country: 'Spain' }, zone: 'Europe/Madrid', source: 'country', notes: 2 },
		{ name: 'nothing known → default', contact: {}, zone: 'Europe/Berlin', source: 'default', notes: 1 },
	];
	it.each(cases)('$name', (c) => {
		const r = resolveTimeZone(c.contact, 'Europe/Berlin');
		expect(r.timeZone).toBe(c.zone);
		expect(r.source).toBe(c.source);
		expect(r.notes).toHaveLength(c.notes);
	});
});
