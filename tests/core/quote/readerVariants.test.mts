// Choosing the right variant (ADR 0067): the conductors or ways of a connector are a dimension of their own
// ("3-conductor", "5 vías", "3 fili", "5 conducteurs"); a number the attribute reader claims ("5 fili", "15 kW")
// counts no group and "each" right after a rating is no per-marker; a time word ("per domani") is no group;
// the kind of a conduit, a cable's cores and cross-section and a breaker's poles are read; a diameter
// ("Ø25") is read by read/notations.ts. Where nothing tells two variants apart, the line stays a choice for a
// person. Every sentence is written for the test.
import { describe, expect, it } from 'vitest';
import { scanAttributes } from '../../../core/quote/attributes';
import { readMultipliers } from '../../../core/quote/multipliers';
import { parseRequest } from '../../../core/quote/requirements';
import { normalizeText } from '../../../core/quote/tokenize';
import { quoteOn, sortedLines } from './labelled.mts';

const dims = (text: string) =>
	scanAttributes(normalizeText(text)).attributes.map((a) => `${a.dim}:${a.value}`);

describe('the conductors or ways of a connector (attributes.ts, dimension "way")', () => {
	it.each([
		['en', 'WAGO 221 splicing connector 3-conductor', 'way:3'],
		['en', 'the 5 way lever connectors', 'way:5'],
		['es', 'conectores de palanca de 5 vías', 'way:5'],
		['it', 'morsetti a leva da 3 fili', 'way:3'],
		['it', 'morsetti a 5 vie', 'way:5'],
		['fr', 'bornes à levier 5 conducteurs', 'way:5'],
		['de', 'Hebelklemme 5-Leiter', 'way:5'],
		['pt', 'conectores de alavanca de 3 condutores', 'way:3'],
		['nl', 'lasklemmen 3-draads', 'way:3'],
		['pl', 'złączki 5-przewodowe', 'way:5'],
		['en', 'a 4-way tube rack', 'way:4'],
	])('%s: "%s" → %s', (_, text, dim) => {
		expect(dims(text)).toEqual([dim]);
	});

	it.each([
		['the ways of a consumer unit are its modules', 'a 12 way consumer unit'],
		['French "voies" are channels', 'borne 16 voies'],
		['wires of a sensor are no ways', 'transmitter 2-wire'],
		['a count of connectors', '3 WAGO connectors'],
	])('%s: "%s" reads no way count', (_, text) => {
		expect(dims(text).filter((d) => d.startsWith('way:'))).toEqual([]);
	});
});

describe('a number the attribute reader claims counts no group (multipliers.ts)', () => {
	it.each([
		['it', 'Mi servono 30 morsetti Wago 221 da 3 fili e 10 scatole OBO T60 per domani.', [30, 10]],
		['es', 'Necesito 40 conectores Wago 221 de 5 vías y 12 cajas OBO T60 por mañana.', [40, 12]],
		['en', 'Two ABB ACS580 drives for the fans (the fan motors are 15 kW each).', [2]],
		['it', 'Due ACS580 ABB per i ventilatori (i motori sono 15 kW ciascuno).', [2]],
		['de', 'Zwei ABB ACS580 für die Lüfter (die Motoren sind 15 kW jeweils).', [2]],
	])('%s: "%s" is read without a multiplier', (_, text, counts) => {
		expect(readMultipliers(text).multipliers).toEqual([]);
		expect(parseRequest(text).requirements.map((r) => r.qty)).toEqual(counts);
	});

	it('the rating stays an attribute of the item it rates', () => {
		const [r] = parseRequest(
			'Two ABB ACS580 drives for the fans (the fan motors are 15 kW each).',
		).requirements;
		expect(r.attributes.map((a) => `${a.dim}:${a.value}`)).toEqual(['kw:15']);
	});

	it.each([
		['es', 'Para la planta: 4 bombas, un variador ATV320 de 4 kW por bomba.', 4],
		['en', 'Our 4 pumps are 7.5 kW: one ATV320 per pump.', 4],
		['en', 'The machines are 3. Each needs one ATV320 of 4 kW.', 3],
	])('near miss, %s: "%s" still counts its groups', (_, text, factor) => {
		expect(readMultipliers(text).multipliers.map((m) => m.factor)).toEqual([factor]);
	});

	it.each([
		[
			'it',
			'Mi servono 30 morsetti Wago 221 da 3 fili e 10 scatole OBO T60 per domani.',
			['OBO-T60 x10', 'WAGO-221-413 x1'],
		],
		[
			'es',
			'Necesito 40 conectores Wago 221 de 5 vías y 12 cajas OBO T60 por mañana.',
			['OBO-T60 x12', 'WAGO-221-415 x2'],
		],
	])('%s: "%s" quotes the way count asked for', (_, text, lines) => {
		expect(sortedLines(quoteOn('electrical', text))).toEqual(lines);
	});
});

describe('a diameter sign tells near neighbours apart (read/notations.ts, ADR 0070)', () => {
	it.each([
		['it', 'Tubo PVC rigido Ø25 in barre da 3 m, 12 barre.', 'PVC-CONDUIT-25'],
		['de', 'PVC-Rohr starr Ø20 in Stangen zu 3 m: 10 Stück.', 'PVC-CONDUIT-20'],
		['es', 'Tubo rígido de PVC Ø25, barras de 3 m: 15 barras.', 'PVC-CONDUIT-25'],
	])('a diameter sign glued to the size, %s: "%s"', (_, text, sku) => {
		const skus = quoteOn('electrical', text).lines.map((l) => l.sku);
		expect(skus).toEqual([sku]);
	});

	it('near miss: a conduit without its size stays a choice for a person', () => {
		const q = quoteOn('electrical', 'Rigid PVC conduit, 3 m lengths: 10 lengths.');
		expect(q.route).toBe('review');
		expect(q.lines.every((l) => l.sku.startsWith('PVC-CONDUIT-'))).toBe(true);
	});

	it('near miss: splicing connectors without a way count stay a choice for a person', () => {
		const q = quoteOn('electrical', 'Please quote 2 boxes of WAGO 221 splicing connectors.');
		expect(q.route).toBe('review');
	});
});

describe('the kind of conduit is the variant (synonyms.ts)', () => {
	it.each([
		['es', 'Necesitamos 80 m de tubo corrugado de 20 mm.', 'FLEX-CONDUIT-20 x80'],
		['it', 'Ci servono 50 m di tubo corrugato da 20 mm.', 'FLEX-CONDUIT-20 x50'],
		['it', 'Ci servono 50 m di tubo flessibile da 20 mm.', 'FLEX-CONDUIT-20 x50'],
		['fr', 'Il nous faut 60 m de gaine annelée 20 mm.', 'FLEX-CONDUIT-20 x60'],
		['pt', 'Precisamos de 90 m de tubo corrugado 20 mm.', 'FLEX-CONDUIT-20 x90'],
		['de', 'Bitte 30 m starres Rohr 25 mm anbieten.', 'PVC-CONDUIT-25 x10'],
		['fr', 'Tube rigide 25 mm, 45 m.', 'PVC-CONDUIT-25 x15'],
	])('%s: "%s"', (_, text, line) => {
		expect(sortedLines(quoteOn('electrical', text))).toEqual([line]);
	});

	it('near miss: a tube that names no kind stays a choice for a person', () => {
		expect(quoteOn('electrical', 'Tubo de 20 mm, 40 m.').route).toBe('review');
	});
});

describe("a cable's cores and cross-section (attributes.ts, dimensions core and mm2)", () => {
	it.each([
		['de', 'Bitte 100 m NYM-J 3 x 1,5 mm² anbieten.', 'NYM-J-3X1.5 x100'],
		['es', 'Necesito 80 m de cable NYM-J 5 x 2,5 mm2.', 'NYM-J-5X2.5 x80'],
		['en', 'Please quote 40 m of cable 3x1.5mm2.', 'NYM-J-3X1.5 x40'],
		['fr', 'Il nous faut 60 m de câble H07RN-F 5 G 4.', 'H07RN-F-5G4 x60'],
	])('%s: "%s"', (_, text, line) => {
		expect(sortedLines(quoteOn('electrical', text))).toEqual([line]);
	});

	it.each([
		['H07RN-F 3G2,5', ['core:3', 'mm2:2.5']],
		['ÖLFLEX 7G1,5', ['core:7', 'mm2:1.5']],
		['NYM-J 5 x 1.5 mm²', ['core:5', 'mm2:1.5']],
	])('"%s" → %j', (text, found) => {
		expect(dims(text)).toEqual(found);
	});

	it.each([
		['a bus cable', 'PROFINET cable GP 2x2'],
		['a tray', 'cable tray 60x200 mm'],
		['a count before a range', '3051CD range 3 x 4'],
		['bottles of a volume', 'Ethanol absolute 2.5 L, 6 x 2.5'],
		['grams', 'agarose 5 g 4 packs'],
		['the compact code keeps its spelling', 'NYM-J 5x1,5'],
	])('near miss, %s: "%s" reads no cable', (_, text) => {
		expect(dims(text).filter((d) => /^(?:core|mm2):/.test(d))).toEqual([]);
	});

	it('near miss: bottles of 2.5 L are still counted', () => {
		expect(sortedLines(quoteOn('lab', 'Ethanol absolute 2.5 L, 6 x 2.5'))).toEqual([
			'ETOH-ABS-2.5 x6',
		]);
	});

	it('a cable the catalog does not sell is not quoted as another', () => {
		const q = quoteOn('electrical', 'We need 100 m of NYM-J 4x1,5 mm².');
		expect(q.route).toBe('review');
		expect(q.lines.filter((l) => l.certain)).toEqual([]);
	});
});

describe('the poles of a breaker (attributes.ts, dimension pole)', () => {
	it.each([
		['en', 'MCB 3P C20', 'pole:3'],
		['en', 'RCBO 1P+N B16', 'pole:1'],
		['en', 'a three-pole breaker', 'pole:3'],
		['de', 'Leitungsschutzschalter 3-polig', 'pole:3'],
		['de', 'dreipolig', 'pole:3'],
		['es', 'magnetotérmico 4 polos', 'pole:4'],
		['it', 'interruttori tripolari', 'pole:3'],
		['fr', 'disjoncteur tétrapolaire', 'pole:4'],
		['fr', 'disjoncteur 4 pôles', 'pole:4'],
		['nl', 'installatieautomaat driepolig', 'pole:3'],
		['pl', 'wyłącznik trójbiegunowy', 'pole:3'],
	])('%s: "%s" → %s', (_, text, dim) => {
		expect(dims(text)).toContain(dim);
	});

	it.each([
		['a code segment', 'Sensor cable SAC-4P-M12MS'],
		['pieces', '4 p. of the 1756-IB16'],
		['a count', '4 pcs breaker'],
	])('near miss, %s: "%s" reads no poles', (_, text) => {
		expect(dims(text).filter((d) => d.startsWith('pole:'))).toEqual([]);
	});

	it.each([
		['de', '6 Hager Sicherungsautomaten 3-polig B32', 'HAG-MBN332 x6'],
		['it', '6 interruttori Hager tripolari B32', 'HAG-MBN332 x6'],
		['fr', '6 disjoncteurs Hager unipolaires B10', 'HAG-MBN110 x6'],
		['es', 'Necesitamos 6 magnetotérmicos Hager 3P C20', 'HAG-MCN320 x6'],
	])('%s: "%s"', (_, text, line) => {
		expect(sortedLines(quoteOn('electrical', text))).toEqual([line]);
	});

	it('near miss: a breaker the catalog does not sell (3P B16) goes to a person', () => {
		expect(quoteOn('electrical', '6 disjoncteurs Hager 3P B16').route).toBe('review');
	});
});
