// Red-team of the automatic route (ADR 0073): multi-item requests written for this test against the fluid
// catalog and a small safety-gear catalog invented here (exported without keywords, like the domains set's),
// kept when a quote went out alone with an item of the request missing or counted wrong. Each kind now goes
// to a person with the phrase named; the near misses of each kind still go out alone.
import { describe, expect, it } from 'vitest';
import { buildCatalogIndex, buildQuote, canonicalCatalogItem } from '../../../core/quote';
import { LABELLED_NOW, quoteOn, sortedLines } from './labelled.mts';

const SAFETY_RAW = [
	{
		sku: 'SG-NIT-08',
		name: 'Nitrile coated work glove size 8 (M)',
		description: 'Knitted nylon glove, nitrile foam palm coating, EN 388 4131, size 8',
		category: 'PPE / Hand protection',
		manufacturer: 'Protega',
		uom: 'pair',
		unit_price: '2.40',
	},
	{
		sku: 'SG-NIT-09',
		name: 'Nitrile coated work glove size 9 (L)',
		description: 'Knitted nylon glove, nitrile foam palm coating, EN 388 4131, size 9',
		category: 'PPE / Hand protection',
		manufacturer: 'Protega',
		uom: 'pair',
		unit_price: '2.40',
	},
	{
		sku: 'SG-NIT-10',
		name: 'Nitrile coated work glove size 10 (XL)',
		description: 'Knitted nylon glove, nitrile foam palm coating, EN 388 4131, size 10',
		category: 'PPE / Hand protection',
		manufacturer: 'Protega',
		uom: 'pair',
		unit_price: '2.40',
	},
	{
		sku: 'SG-CUT-09',
		name: 'Schnittschutzhandschuh Level C Gr. 9',
		description: 'Cut-resistant glove HPPE, EN 388 4X42C, size 9',
		category: 'PPE / Hand protection',
		manufacturer: 'Protega',
		uom: 'pair',
		unit_price: '6.90',
	},
	{
		sku: 'SG-CUT-10',
		name: 'Schnittschutzhandschuh Level C Gr. 10',
		description: 'Cut-resistant glove HPPE, EN 388 4X42C, size 10',
		category: 'PPE / Hand protection',
		manufacturer: 'Protega',
		uom: 'pair',
		unit_price: '6.90',
	},
	{
		sku: 'HH-397-WH',
		name: 'Safety helmet EN 397 white',
		description: 'ABS hard hat, 6-point textile harness, ratchet, EN 397',
		category: 'PPE / Head protection',
		manufacturer: 'Cortex',
		uom: 'pc',
		unit_price: '11.50',
	},
	{
		sku: 'HH-397-YE',
		name: 'Safety helmet EN 397 yellow',
		description: 'ABS hard hat, 6-point textile harness, ratchet, EN 397',
		category: 'PPE / Head protection',
		manufacturer: 'Cortex',
		uom: 'pc',
		unit_price: '11.50',
	},
	{
		sku: 'HH-397-BL',
		name: 'Safety helmet EN 397 blue',
		description: 'ABS hard hat, 6-point textile harness, ratchet, EN 397',
		category: 'PPE / Head protection',
		manufacturer: 'Cortex',
		uom: 'pc',
		unit_price: '11.50',
	},
	{
		sku: 'HH-397-RD',
		name: 'Casque de chantier EN 397 rouge',
		description: 'ABS hard hat, 6-point textile harness, ratchet, EN 397',
		category: 'PPE / Head protection',
		manufacturer: 'Cortex',
		uom: 'pc',
		unit_price: '11.50',
	},
	{
		sku: 'EY-166-CL',
		name: 'Safety glasses clear EN 166 anti-fog',
		description: 'Polycarbonate spectacles, clear lens, anti-scratch anti-fog, EN 166 1F',
		category: 'PPE / Eye protection',
		manufacturer: 'Visio',
		uom: 'pc',
		unit_price: '3.20',
	},
	{
		sku: 'EY-166-SM',
		name: 'Safety glasses smoke EN 172',
		description: 'Polycarbonate spectacles, smoke lens, sun glare, EN 166 / EN 172',
		category: 'PPE / Eye protection',
		manufacturer: 'Visio',
		uom: 'pc',
		unit_price: '3.60',
	},
	{
		sku: 'EY-GOG-01',
		name: 'Vollsichtbrille indirekt belüftet',
		description: 'Goggle, indirect ventilation, fits over prescription glasses, EN 166 3 4 B',
		category: 'PPE / Eye protection',
		manufacturer: 'Visio',
		uom: 'pc',
		unit_price: '7.80',
	},
	{
		sku: 'EP-FOAM-200',
		name: 'Foam ear plugs SNR 37 dB, box 200 pairs',
		description: 'Disposable PU foam plugs, uncorded, EN 352-2',
		category: 'PPE / Hearing protection',
		manufacturer: 'Quietta',
		uom: 'box',
		unit_price: '24.00',
	},
	{
		sku: 'EP-CORD-100',
		name: 'Corded ear plugs SNR 35 dB, box 100 pairs',
		description: 'Reusable TPE plugs with cord, EN 352-2',
		category: 'PPE / Hearing protection',
		manufacturer: 'Quietta',
		uom: 'box',
		unit_price: '39.00',
	},
	{
		sku: 'EM-30',
		name: 'Ear defender SNR 30 dB',
		description: 'Earmuff, headband, EN 352-1',
		category: 'PPE / Hearing protection',
		manufacturer: 'Quietta',
		uom: 'pc',
		unit_price: '14.90',
	},
	{
		sku: 'RM-FFP2-20',
		name: 'FFP2 NR mask without valve, box 20',
		description: 'Folded particle respirator, EN 149:2001+A1:2009 FFP2 NR',
		category: 'PPE / Respiratory',
		manufacturer: 'Breatho',
		uom: 'box',
		unit_price: '12.00',
	},
	{
		sku: 'RM-FFP3V-10',
		name: 'FFP3 NR D mask with valve, box 10',
		description: 'Cup respirator with exhalation valve, EN 149 FFP3 NR D',
		category: 'PPE / Respiratory',
		manufacturer: 'Breatho',
		uom: 'box',
		unit_price: '28.50',
	},
	{
		sku: 'FA-13157',
		name: 'First-aid kit DIN 13157 wall case',
		description: 'Erste-Hilfe-Koffer, filled per DIN 13157, wall bracket',
		category: 'First aid',
		manufacturer: 'Medica',
		uom: 'pc',
		unit_price: '42.00',
	},
	{
		sku: 'FA-13169',
		name: 'First-aid kit DIN 13169 large',
		description: 'Erste-Hilfe-Koffer, filled per DIN 13169, for larger sites',
		category: 'First aid',
		manufacturer: 'Medica',
		uom: 'pc',
		unit_price: '68.00',
	},
	{
		sku: 'FA-REFILL-157',
		name: 'Refill DIN 13157',
		description: 'Refill set for first-aid kit DIN 13157',
		category: 'First aid',
		manufacturer: 'Medica',
		uom: 'set',
		unit_price: '29.00',
	},
	{
		sku: 'FP-HAR-2P',
		name: 'Fall arrest harness 2-point EN 361',
		description: 'Full body harness, dorsal and sternal D-ring, universal size',
		category: 'PPE / Fall protection',
		manufacturer: 'Heighto',
		uom: 'pc',
		unit_price: '64.00',
	},
	{
		sku: 'FP-LAN-ABS',
		name: 'Lanyard with shock absorber 1.8 m EN 355',
		description: 'Webbing lanyard, energy absorber, scaffold hook',
		category: 'PPE / Fall protection',
		manufacturer: 'Heighto',
		uom: 'pc',
		unit_price: '49.00',
	},
	{
		sku: 'HV-VEST-YE-L',
		name: 'Hi-vis vest yellow EN ISO 20471 class 2 L',
		description: 'Warnweste gelb, size L',
		category: 'PPE / Clothing',
		manufacturer: 'Brighta',
		uom: 'pc',
		unit_price: '3.90',
	},
	{
		sku: 'HV-VEST-YE-XL',
		name: 'Hi-vis vest yellow EN ISO 20471 class 2 XL',
		description: 'Warnweste gelb, size XL',
		category: 'PPE / Clothing',
		manufacturer: 'Brighta',
		uom: 'pc',
		unit_price: '3.90',
	},
	{
		sku: 'SB-S3-42',
		name: 'Safety boot S3 SRC size 42',
		description: 'Sicherheitsschuh S3, composite toe cap, size 42',
		category: 'PPE / Footwear',
		manufacturer: 'Stepsafe',
		uom: 'pair',
		unit_price: '59.00',
	},
	{
		sku: 'SB-S3-43',
		name: 'Safety boot S3 SRC size 43',
		description: 'Sicherheitsschuh S3, composite toe cap, size 43',
		category: 'PPE / Footwear',
		manufacturer: 'Stepsafe',
		uom: 'pair',
		unit_price: '59.00',
	},
	{
		sku: 'SB-S3-44',
		name: 'Safety boot S3 SRC size 44',
		description: 'Sicherheitsschuh S3, composite toe cap, size 44',
		category: 'PPE / Footwear',
		manufacturer: 'Stepsafe',
		uom: 'pair',
		unit_price: '59.00',
	},
].map((i) => ({ ...i, keywords: [], currency: 'EUR', price_breaks: [], stock: 100 }));

const SAFETY = buildCatalogIndex(SAFETY_RAW.map(canonicalCatalogItem));
const onSafety = (text: string) =>
	buildQuote(text, SAFETY, { currency: 'EUR' }, { now: LABELLED_NOW });

describe('a line below a notice or a "--" is accounted for like a postscript', () => {
	it.each([
		[
			'en',
			'We need 6 yellow helmets and 6 clear safety glasses.\n\nSent from my iPhone\n\n6 ear defenders as well',
			/"6 ear defenders as well" asks for .* no line reads it/,
		],
		[
			'de',
			'Bitte 6 gelbe Helme und 6 klare Schutzbrillen anbieten.\n--\nund noch 6 Kapselgehörschützer SNR 30',
			/"und noch 6 Kapselgehörschützer SNR 30" asks for .* no line reads it/,
		],
		[
			'fr',
			'Merci de chiffrer 6 casques de chantier rouges EN 397.\n--\nAjoutez 6 casques anti-bruit SNR 30 svp',
			/"Ajoutez 6 casques anti-bruit SNR 30 svp" asks for .* no line reads it/,
		],
	])('%s: the line below goes to a person, named', (_, text, why) => {
		const q = onSafety(text);
		expect(q.route).toBe('review');
		expect(q.review_reasons.join(' ')).toMatch(why);
	});

	it.each([
		[
			'a phone and a street below "--"',
			'Please quote 6 yellow helmets and 6 clear safety glasses.\n--\nAnna Berg, 14 Mill Road, Hull\nTel +44 1482 000 111',
		],
		[
			'the mobile notice alone',
			'Please quote 6 yellow helmets and 6 clear safety glasses.\n\nSent from my iPhone',
		],
	])('%s still goes out alone', (_, text) => {
		const q = onSafety(text);
		expect(sortedLines(q)).toEqual(['EY-166-CL x6', 'HH-397-YE x6']);
		expect(q.route).toBe('auto');
	});
});

describe('a pack written without "of" in the item\'s name ("box 20", "pack 10", "box 200 pairs")', () => {
	it.each([
		[
			'en',
			'Please quote 300 pairs of corded ear plugs and 8 white helmets.',
			'EP-CORD-100 x3',
			/"300 pairs" .* counts pieces, EP-CORD-100 is sold per box of 100: quoted as 3/,
		],
		[
			'de',
			'Bitte 60 FFP2 Masken und 8 weiße Helme anbieten.',
			'RM-FFP2-20 x3',
			/counts pieces, RM-FFP2-20 is sold per box of 20: quoted as 3/,
		],
		[
			'fr',
			'Merci de chiffrer 40 masques FFP3 à valve et 8 casques blancs.',
			'RM-FFP3V-10 x4',
			/counts pieces, RM-FFP3V-10 is sold per box of 10: quoted as 4/,
		],
		[
			'es',
			'Necesitamos 60 mascarillas FFP2 y 8 cascos blancos.',
			'RM-FFP2-20 x3',
			/counts pieces, RM-FFP2-20 is sold per box of 20: quoted as 3/,
		],
	])('%s: pieces become packs and a person confirms', (_, text, line, why) => {
		const q = onSafety(text);
		expect(sortedLines(q)).toContain(line);
		expect(q.route).toBe('review');
		expect(q.review_reasons.join(' ')).toMatch(why);
	});

	it('a count of boxes goes out as read', () => {
		const q = onSafety('Please quote 3 boxes of FFP2 masks and 8 white helmets.');
		expect(sortedLines(q)).toEqual(['HH-397-WH x8', 'RM-FFP2-20 x3']);
		expect(q.route).toBe('auto');
	});
});

describe('two requirements with their own counts read as one item', () => {
	it.each([
		[
			'en',
			'Please quote 10 boxes of FFP2 masks and 10 boxes of FFP2 masks with valve.',
			'RM-FFP2-20',
		],
		['de', 'Bitte 5 weiße Helme und 5 weiße Helme mit Visier anbieten.', 'HH-397-WH'],
		[
			'fr',
			'Merci de chiffrer 8 casques de chantier rouges et 8 casques de chantier rouges avec visière.',
			'HH-397-RD',
		],
	])('%s: the sum goes to a person, both phrases named', (_, text, sku) => {
		const q = onSafety(text);
		expect(q.route).toBe('review');
		expect(q.review_reasons.join(' ')).toMatch(
			new RegExp(`${sku} is read from .* the counts are added`),
		);
	});

	it('two counts of two items still go out alone', () => {
		const q = onSafety(
			'Please quote 10 boxes of FFP2 masks and 10 boxes of FFP3 masks with valve.',
		);
		expect(sortedLines(q)).toEqual(['RM-FFP2-20 x10', 'RM-FFP3V-10 x10']);
		expect(q.route).toBe('auto');
	});
});
