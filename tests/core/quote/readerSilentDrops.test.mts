// Product phrases that fell through silently (ADR 0071): a request that names an item no line quotes went out
// alone. Each kind below went out automatically before, at confidence 1, with the item left out; now the quote
// goes to a person and the reason names the phrase. The near misses of each kind still go out alone. Every
// sentence is written for the test, on the catalogs of the labelled sets (fluid: pneumatics and hydraulics
// exported without keywords; industrial).
import { describe, expect, it } from 'vitest';
import { quoteOn, sortedLines } from './labelled.mts';

type Catalog = Parameters<typeof quoteOn>[0];

const reasons = (catalog: Catalog, text: string) => quoteOn(catalog, text).review_reasons.join(' ');

describe('a line after the sign-off that asks for a count of what the catalog sells (unreadProductPhrases)', () => {
	it.each([
		[
			'en',
			'fluid',
			'Hi, could you price 5 x AZPF-1X-016RRR20MB?\nKind regards\nOla Nordmann\nP.S. and 3 pressure gauges 0-250 bar glycerine filled',
			'AZPF-1X-016RRR20MB x5',
			/"and 3 pressure gauges 0-250 bar glycerine filled" asks for .*"gauge".* no line reads it/,
		],
		[
			'fr',
			'fluid',
			'Bonjour, merci de chiffrer 6 ED3002-230.\nCordialement\nLuc Marchand\nPS : ajoutez 4 manomètres 0-250 bar glycérine',
			'ED3002-230 x6',
			/"ajoutez 4 manomètres 0-250 bar glycérine" asks for .*"glycerine".* no line reads it/,
		],
		[
			'de',
			'industrial',
			'Guten Tag, bitte 2 Stück 1769-L33ER anbieten.\nViele Grüße\nKarin Lenz\nPS: dazu noch 3 Netzteile QUINT4 24 V 10 A',
			'1769-L33ER x2',
			/"dazu noch 3 Netzteile QUINT4 24 V 10 A" asks for .*"quint".* no line reads it/,
		],
		[
			'es',
			'industrial',
			'Buenos días, necesitamos 2 unidades 1769-L33ER.\nSaludos\nAna Ruiz\nPD: también 3 fuentes Mean Well SDR-240-24',
			'1769-L33ER x2',
			/"también 3 fuentes Mean Well SDR-240-24" asks for .*"sdr".* no line reads it/,
		],
	])('%s (%s): the postscript goes to a person, named', (_, catalog, text, line, why) => {
		const q = quoteOn(catalog as Catalog, text);
		expect(sortedLines(q)).toEqual([line]);
		expect(q.route).toBe('review');
		expect(q.review_reasons.join(' ')).toMatch(why);
	});

	it.each([
		[
			'a signature with a company, a street number and a phone',
			'fluid',
			'Please quote 3 x SY5320-5DZ-01.\nRegards,\nTom Becker\nValve Systems Ltd, 12 Pump Street, Leeds\nTel +44 113 496 0000',
		],
		[
			'a postscript that sets aside what the buyer has',
			'fluid',
			'Please quote 3 x SY5320-5DZ-01.\nRegards,\nTom\nPS: we already have the 4 silencers, no need for those',
		],
		[
			'a postscript about delivery',
			'fluid',
			'Please quote 3 x SY5320-5DZ-01.\nRegards,\nTom\nNB: delivery to gate 2 please',
		],
		[
			'a postscript about items bought before',
			'industrial',
			'Please quote 2 x 1769-L33ER.\nBest regards\nJo Smith\nPS: the 6 power supplies we bought last year are fine',
		],
	])('%s still goes out alone', (_, catalog, text) => {
		expect(quoteOn(catalog as Catalog, text).route).toBe('auto');
	});
});

describe('an exact code whose requirement names another item after a joiner (joinedTerms)', () => {
	it.each([
		[
			'en',
			'fluid',
			'We need 4 x FL-41025 and pressure gauges 0-250 bar.',
			'FL-41025 x4',
			/"gauge"/,
		],
		[
			'fr',
			'fluid',
			'Il nous faut 2 FL-41025 et des manomètres glycérine 0-250 bar.',
			'FL-41025 x2',
			/"glycerine"/,
		],
		[
			'de',
			'industrial',
			'Wir brauchen 3 Stück 6ES7215-1AG40-0XB0 mit Kabel.',
			'6ES7215-1AG40-0XB0 x3',
			/"cable"/,
		],
		// the item's description says it is sold without it or with its own ("…, including coil"); another item
		// is called so ("Coil 22mm 24VDC 2W"): after a joiner, the word is that item's
		[
			'en, a word only the description has',
			'fluid',
			'Please quote 4 x V60A511A-A3000 with spare coils',
			'V60A511A-A3000 x4',
			/"coil"/,
		],
	])('%s (%s): the second item goes to a person, named', (_, catalog, text, line, word) => {
		const q = quoteOn(catalog as Catalog, text);
		expect(sortedLines(q)).toEqual([line]);
		expect(q.route).toBe('review');
		const why = q.unaccounted.find((u) => /names something the catalog sells/.test(u)) ?? '';
		expect(why).toMatch(word);
	});

	it.each([
		['a description after a comma', 'industrial', 'Please quote 2 x 1769-IQ32, 32pt 24VDC input'],
		[
			'a description in another language before any joiner',
			'industrial',
			'Please quote 10 x EL1008 Borne EtherCAT 8 entrées',
		],
		['"with" and the item’s own words', 'fluid', '6 x CDQ2B50-30DZ with auto-switch ready'],
		[
			'the description’s words after a comma',
			'fluid',
			'Please quote 4 x V60A511A-A3000, 5/2 valve 24 VDC G1/4',
		],
	])('%s still goes out alone', (_, catalog, text) => {
		expect(quoteOn(catalog as Catalog, text).route).toBe('auto');
	});
});

describe('a product type of the synonym table that no catalog item is (unsoldProductTypes)', () => {
	it.each([
		['en', '2 x ISE20-N-M-01-W with cable'],
		['de', 'Bitte 2 Stück ISE20-N-M-01-W mit Kabel'],
		['fr', 'Merci de chiffrer 2 ISE20-N-M-01-W avec câble'],
	])('%s: %s goes to a person, named', (_, text) => {
		const q = quoteOn('fluid', text);
		expect(sortedLines(q)).toEqual(['ISE20-N-M-01-W x2']);
		expect(q.route).toBe('review');
		expect(reasons('fluid', text)).toMatch(
			/"cable" in .* names a kind of product no catalog item is/,
		);
	});

	// a product word of another trade, no product type, whose phrases mean nothing this catalog has
	it.each([
		['de', 'Bitte 2 Stück ISE20-N-M-01-W mit Netzteil', /"power" in .* names a kind of product/],
		['it', 'Vorremmo 2 ISE20-N-M-01-W con alimentatore', /"power" in .* names a kind of product/],
		['en', 'Please quote 2 x ISE20-N-M-01-W with a contactor', /"contactor" in .* names a kind/],
	])('%s: %s goes to a person, named', (_, text, why) => {
		const q = quoteOn('fluid', text);
		expect(sortedLines(q)).toEqual(['ISE20-N-M-01-W x2']);
		expect(q.route).toBe('review');
		expect(q.review_reasons.join(' ')).toMatch(why);
	});

	it.each([
		['what the item is for', 'Please quote 2 x ISE20-N-M-01-W for the cable drum test rig'],
		['the item alone', 'Please quote 2 x ISE20-N-M-01-W'],
	])('%s still goes out alone', (_, text) => {
		expect(quoteOn('fluid', text).route).toBe('auto');
	});
});
