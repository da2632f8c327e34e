// Resolves the free-text country of a lead ("Deutschland", "USA", "es", "México") to an ISO 3166-1
// alpha-2 code, its local currency and its hemisphere. The ICP country check, the meaning of "$" or
// "pesos" in a budget and the months meant by "summer" all depend on where the buyer is.

export interface CountryInfo {
	iso2: string;
	currency: string;
	southern: boolean;
}

// [iso2, currency, southern hemisphere, ...names in English and the local language(s)]
const COUNTRY_ROWS: Array<[string, string, boolean, ...string[]]> = [
	[
		'US',
		'USD',
		false,
		'united states',
		'usa',
		'u.s.',
		'u.s.a.',
		'us',
		'united states of america',
		'america',
		'estados unidos',
		'eeuu',
		'vereinigte staaten',
		'états-unis',
		'etats-unis',
		'stati uniti',
	],
	['CA', 'CAD', false, 'canada', 'kanada', 'canadá'],
	['MX', 'MXN', false, 'mexico', 'méxico', 'mexiko', 'mexique', 'messico'],
	['BR', 'BRL', true, 'brazil', 'brasil', 'brasilien', 'brésil', 'brasile'],
	['AR', 'ARS', true, 'argentina', 'argentinien', 'argentine'],
	['CL', 'CLP', true, 'chile', 'chili', 'cile'],
	['CO', 'COP', false, 'colombia', 'kolumbien', 'colombie'],
	['PE', 'PEN', true, 'peru', 'perú', 'pérou'],
	['UY', 'UYU', true, 'uruguay'],
	['PY', 'PYG', true, 'paraguay'],
	['BO', 'BOB', true, 'bolivia', 'bolivien', 'bolivie'],
	['EC', 'USD', false, 'ecuador', 'équateur'],
	[
		'GB',
		'GBP',
		false,
		'united kingdom',
		'uk',
		'u.k.',
		'great britain',
		'britain',
		'england',
		'scotland',
		'wales',
		'northern ireland',
		'gb',
		'vereinigtes königreich',
		'großbritannien',
		'reino unido',
		'royaume-uni',
		'regno unito',
	],
	['IE', 'EUR', false, 'ireland', 'irland', 'irlanda', 'irlande', 'éire'],
	[
		'DE',
		'EUR',
		false,
		'germany',
		'deutschland',
		'alemania',
		'allemagne',
		'germania',
		'alemanha',
		'brd',
	],
	['AT', 'EUR', false, 'austria', 'österreich', 'oesterreich', 'autriche'],
	['CH', 'CHF', false, 'switzerland', 'schweiz', 'suiza', 'suisse', 'svizzera', 'suíça'],
	['LI', 'CHF', false, 'liechtenstein'],
	['FR', 'EUR', false, 'france', 'frankreich', 'francia', 'frança'],
	['BE', 'EUR', false, 'belgium', 'belgien', 'bélgica', 'belgique', 'belgio'],
	[
		'NL',
		'EUR',
		false,
		'netherlands',
		'the netherlands',
		'holland',
		'niederlande',
		'países bajos',
		'pays-bas',
		'paesi bassi',
		'nederland',
	],
	['LU', 'EUR', false, 'luxembourg', 'luxemburg', 'luxemburgo'],
	['ES', 'EUR', false, 'spain', 'españa', 'espana', 'spanien', 'espagne', 'spagna', 'espanha'],
	['PT', 'EUR', false, 'portugal', 'portogallo'],
	['IT', 'EUR', false, 'italy', 'italia', 'italien', 'italie', 'itália'],
	['GR', 'EUR', false, 'greece', 'griechenland', 'grecia', 'grèce', 'ελλάδα'],
	['DK', 'DKK', false, 'denmark', 'dänemark', 'dinamarca', 'danemark', 'danimarca', 'danmark'],
	['SE', 'SEK', false, 'sweden', 'schweden', 'suecia', 'suède', 'svezia', 'sverige'],
	['NO', 'NOK', false, 'norway', 'norwegen', 'noruega', 'norvège', 'norvegia', 'norge'],
	['FI', 'EUR', false, 'finland', 'finnland', 'finlandia', 'finlande', 'suomi'],
	['IS', 'ISK', false, 'iceland', 'island', 'islandia'],
	['PL', 'PLN', false, 'poland', 'polen', 'polonia', 'pologne', 'polska'],
	[
		'CZ',
		'CZK',
		false,
		'czech republic',
		'czechia',
		'tschechien',
		'república checa',
		'république tchèque',
		'česko',
		'česká republika',
	],
	['SK', 'EUR', false, 'slovakia', 'slowakei', 'eslovaquia', 'slovaquie'],
	['HU', 'HUF', false, 'hungary', 'ungarn', 'hungría', 'hongrie', 'ungheria', 'magyarország'],
	['RO', 'RON', false, 'romania', 'rumänien', 'rumania', 'roumanie', 'românia'],
	['BG', 'BGN', false, 'bulgaria', 'bulgarien', 'bulgarie'],
	['SI', 'EUR', false, 'slovenia', 'slowenien', 'eslovenia', 'slovénie'],
	['HR', 'EUR', false, 'croatia', 'kroatien', 'croacia', 'croatie', 'hrvatska'],
	['RS', 'RSD', false, 'serbia', 'serbien', 'serbie'],
	['TR', 'TRY', false, 'turkey', 'türkei', 'turquía', 'turquie', 'turchia', 'türkiye'],
	['RU', 'RUB', false, 'russia', 'russland', 'rusia', 'russie', 'россия'],
	['UA', 'UAH', false, 'ukraine', 'ucrania', 'україна'],
	['EE', 'EUR', false, 'estonia', 'estland', 'estonie'],
	['LV', 'EUR', false, 'latvia', 'lettland', 'letonia', 'lettonie'],
	['LT', 'EUR', false, 'lithuania', 'litauen', 'lituania', 'lituanie'],
	['IN', 'INR', false, 'india', 'indien', 'inde', 'भारत'],
	['CN', 'CNY', false, 'china', 'prc', 'chine', 'cina', '中国'],
	['JP', 'JPY', false, 'japan', 'japón', 'japon', 'giappone', '日本'],
	[
		'KR',
		'KRW',
		false,
		'south korea',
		'korea',
		'republic of korea',
		'südkorea',
		'corea del sur',
		'corée du sud',
		'대한민국',
	],
	['TW', 'TWD', false, 'taiwan', 'taiwán'],
	['HK', 'HKD', false, 'hong kong'],
	['SG', 'SGD', false, 'singapore', 'singapur', 'singapour'],
	['MY', 'MYR', false, 'malaysia', 'malasia', 'malaisie'],
	['TH', 'THB', false, 'thailand', 'tailandia', 'thaïlande'],
	['VN', 'VND', false, 'vietnam', 'viet nam'],
	['ID', 'IDR', true, 'indonesia', 'indonesien', 'indonésie'],
	['PH', 'PHP', false, 'philippines', 'philippinen', 'filipinas'],
	['AU', 'AUD', true, 'australia', 'australien', 'australie'],
	['NZ', 'NZD', true, 'new zealand', 'neuseeland', 'nueva zelanda', 'nouvelle-zélande'],
	['ZA', 'ZAR', true, 'south africa', 'südafrika', 'sudáfrica', 'afrique du sud'],
	['NG', 'NGN', false, 'nigeria'],
	['GH', 'GHS', false, 'ghana'],
	['KE', 'KES', false, 'kenya', 'kenia'],
	['EG', 'EGP', false, 'egypt', 'ägypten', 'egipto', 'égypte'],
	['MA', 'MAD', false, 'morocco', 'marokko', 'marruecos', 'maroc'],
	[
		'AE',
		'AED',
		false,
		'united arab emirates',
		'uae',
		'emirates',
		'vereinigte arabische emirate',
		'emiratos árabes unidos',
	],
	['SA', 'SAR', false, 'saudi arabia', 'saudi-arabien', 'arabia saudita', 'arabie saoudite', 'ksa'],
	['QA', 'QAR', false, 'qatar', 'katar'],
	['IL', 'ILS', false, 'israel'],
];

const BY_NAME = new Map<string, CountryInfo>();
for (const [iso2, currency, southern, ...names] of COUNTRY_ROWS) {
	const info: CountryInfo = { iso2, currency, southern };
	BY_NAME.set(iso2.toLowerCase(), info);
	for (const name of names) BY_NAME.set(name, info);
}

/** ISO alpha-2 codes known to this table (for validating ICP country lists). */
export const KNOWN_COUNTRY_CODES: ReadonlySet<string> = new Set(COUNTRY_ROWS.map((row) => row[0]));

/** Country facts for a free-text country name or ISO alpha-2 code; `null` when unknown or empty. */
export function resolveCountry(text: string | undefined | null): CountryInfo | null {
	if (!text) return null;
	const key = text.trim().toLowerCase().replace(/\s+/g, ' ');
	if (key.length === 0 || key.length > 60) return null;
	return BY_NAME.get(key) ?? null;
}
