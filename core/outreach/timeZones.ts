// Which IANA time zone a recipient lives in, so quiet hours are applied in their local time.
// An explicit zone on the contact wins; otherwise the country decides. Countries that span several
// zones (US, CA, BR, AU, RU, MX, ID, KZ, …) map to the zone of their business capital and are flagged
// `multiZone`, so a decision can say the zone is a guess and ask for an explicit one.
import { IANAZone } from 'luxon';

export interface CountryTimeZone {
	/** ISO 3166-1 alpha-2 code, upper case. */
	country: string;
	/** IANA zone name, e.g. `Europe/Berlin`. */
	timeZone: string;
	/** True when the country spans several zones and `timeZone` is its business capital's. */
	multiZone: boolean;
}

// [ISO-2, zone, multiZone, ...names]. Names are English (as in ERPNext's Country list) plus common
// native or short forms; lookup ignores case, accents, dots and "the".
const COUNTRIES: ReadonlyArray<readonly [string, string, boolean, ...string[]]> = [
	['AE', 'Asia/Dubai', false, 'United Arab Emirates', 'UAE'],
	['AR', 'America/Argentina/Buenos_Aires', false, 'Argentina'],
	['AT', 'Europe/Vienna', false, 'Austria', 'Österreich'],
	['AU', 'Australia/Sydney', true, 'Australia'],
	['BE', 'Europe/Brussels', false, 'Belgium', 'België', 'Belgique'],
	['BG', 'Europe/Sofia', false, 'Bulgaria'],
	['BR', 'America/Sao_Paulo', true, 'Brazil', 'Brasil'],
	['CA', 'America/Toronto', true, 'Canada'],
	['CH', 'Europe/Zurich', false, 'Switzerland', 'Schweiz', 'Suisse', 'Svizzera'],
	['CL', 'America/Santiago', true, 'Chile'],
	['CN', 'Asia/Shanghai', false, 'China', "People's Republic of China", 'PRC'],
	['CO', 'America/Bogota', false, 'Colombia'],
	['CY', 'Asia/Nicosia', false, 'Cyprus'],
	['CZ', 'Europe/Prague', false, 'Czechia', 'Czech Republic'],
	['DE', 'Europe/Berlin', false, 'Germany', 'Deutschland'],
	['DK', 'Europe/Copenhagen', false, 'Denmark', 'Danmark'],
	['EE', 'Europe/Tallinn', false, 'Estonia'],
	['EG', 'Africa/Cairo', false, 'Egypt'],
	['ES', 'Europe/Madrid', true, 'Spain', 'España'],
	['FI', 'Europe/Helsinki', false, 'Finland', 'Suomi'],
	['FR', 'Europe/Paris', false, 'France'],
	[
		'GB',
		'Europe/London',
		false,
		'United Kingdom',
		'UK',
		'Great Britain',
		'Britain',
		'England',
		'Scotland',
		'Wales',
		'Northern Ireland',
	],
	['GR', 'Europe/Athens', false, 'Greece'],
	['HK', 'Asia/Hong_Kong', false, 'Hong Kong'],
	['HR', 'Europe/Zagreb', false, 'Croatia', 'Hrvatska'],
	['HU', 'Europe/Budapest', false, 'Hungary', 'Magyarország'],
	['ID', 'Asia/Jakarta', true, 'Indonesia'],
	['IE', 'Europe/Dublin', false, 'Ireland', 'Éire'],
	['IL', 'Asia/Jerusalem', false, 'Israel'],
	['IN', 'Asia/Kolkata', false, 'India'],
	['IS', 'Atlantic/Reykjavik', false, 'Iceland'],
	['IT', 'Europe/Rome', false, 'Italy', 'Italia'],
	['JP', 'Asia/Tokyo', false, 'Japan'],
	['KE', 'Africa/Nairobi', false, 'Kenya'],
	['KR', 'Asia/Seoul', false, 'South Korea', 'Korea, Republic of', 'Republic of Korea', 'Korea'],
	['KZ', 'Asia/Almaty', true, 'Kazakhstan'],
	['LT', 'Europe/Vilnius', false, 'Lithuania'],
	['LU', 'Europe/Luxembourg', false, 'Luxembourg'],
	['LV', 'Europe/Riga', false, 'Latvia'],
	['MA', 'Africa/Casablanca', false, 'Morocco'],
	['MT', 'Europe/Malta', false, 'Malta'],
	['MX', 'America/Mexico_City', true, 'Mexico', 'México'],
	['MY', 'Asia/Kuala_Lumpur', false, 'Malaysia'],
	['NG', 'Africa/Lagos', false, 'Nigeria'],
	['NL', 'Europe/Amsterdam', false, 'Netherlands', 'Nederland', 'Holland', 'The Netherlands'],
	['NO', 'Europe/Oslo', false, 'Norway', 'Norge'],
	['NZ', 'Pacific/Auckland', true, 'New Zealand'],
	['PE', 'America/Lima', false, 'Peru', 'Perú'],
	['PH', 'Asia/Manila', false, 'Philippines'],
	['PK', 'Asia/Karachi', false, 'Pakistan'],
	['PL', 'Europe/Warsaw', false, 'Poland', 'Polska'],
	['PT', 'Europe/Lisbon', true, 'Portugal'],
	['RO', 'Europe/Bucharest', false, 'Romania', 'România'],
	['RS', 'Europe/Belgrade', false, 'Serbia'],
	['RU', 'Europe/Moscow', true, 'Russia', 'Russian Federation'],
	['SA', 'Asia/Riyadh', false, 'Saudi Arabia'],
	['SE', 'Europe/Stockholm', false, 'Sweden', 'Sverige'],
	['SG', 'Asia/Singapore', false, 'Singapore'],
	['SI', 'Europe/Ljubljana', false, 'Slovenia', 'Slovenija'],
	['SK', 'Europe/Bratislava', false, 'Slovakia', 'Slovensko'],
	['TH', 'Asia/Bangkok', false, 'Thailand'],
	['TR', 'Europe/Istanbul', false, 'Turkey', 'Türkiye', 'Turkiye'],
	['TW', 'Asia/Taipei', false, 'Taiwan'],
	['UA', 'Europe/Kyiv', false, 'Ukraine'],
	[
		'US',
		'America/New_York',
		true,
		'United States',
		'United States of America',
		'USA',
		'U.S.A.',
		'U.S.',
		'America',
	],
	['VN', 'Asia/Ho_Chi_Minh', false, 'Vietnam', 'Viet Nam'],
	['ZA', 'Africa/Johannesburg', false, 'South Africa'],
];

function normaliseName(name: string): string {
	return name
		.normalize('NFD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.replace(/[.'’]/g, '')
		.replace(/^the\s+/, '')
		.replace(/\s+/g, ' ')
		.trim();
}

const BY_KEY: ReadonlyMap<string, CountryTimeZone> = (() => {
	const map = new Map<string, CountryTimeZone>();
	for (const [code, timeZone, multiZone, ...names] of COUNTRIES) {
		const entry: CountryTimeZone = { country: code, timeZone, multiZone };
		map.set(code.toLowerCase(), entry);
		for (const name of names) map.set(normaliseName(name), entry);
	}
	return map;
})();

/**
 * The time zone for a country given as ISO-2 code (`DE`, `us`) or a common name (`Germany`,
 * `United States`, `Deutschland`); `undefined` when the country is not in the table.
 */
export function countryTimeZone(country: string): CountryTimeZone | undefined {
	const key = normaliseName(country);
	return BY_KEY.get(key);
}

/** True when `zone` is an IANA zone name luxon (and the runtime's ICU data) can use. */
export function isValidTimeZone(zone: string): boolean {
	return IANAZone.isValidZone(zone);
}

export interface ResolvedTimeZone {
	timeZone: string;
	source: 'contact' | 'country' | 'default';
	notes: string[];
}

/**
 * The recipient's zone: an explicit valid zone wins, then the country table, then `fallback`.
 * Every guess is explained in `notes`.
 */
export function resolveTimeZone(
	contact: { timeZone?: string | null; country?: string | null },
	fallback: string,
): ResolvedTimeZone {
	const notes: string[] = [];
	if (contact.timeZone) {
		if (isValidTimeZone(contact.timeZone)) {
			return { timeZone: contact.timeZone, source: 'contact', notes };
		}
		notes.push(`Time zone "${contact.timeZone}" on the contact is not a known IANA zone; ignored.`);
	}
	if (contact.country) {
		const found = countryTimeZone(contact.country);
		if (found) {
			if (found.multiZone) {
				notes.push(
					`${found.country} spans several time zones; using ${found.timeZone} (business capital). Set the contact's time zone for accuracy.`,
				);
			}
			return { timeZone: found.timeZone, source: 'country', notes };
		}
		notes.push(`Country "${contact.country}" has no time zone in the table.`);
	}
	notes.push(`Using the default time zone ${fallback}.`);
	return { timeZone: fallback, source: 'default', notes };
}
