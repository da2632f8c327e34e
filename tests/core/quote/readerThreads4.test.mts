// Replies that change the older request they quote, several changes at once and in any order (ADR 0062,
// core/quote/amendments.ts): a piece dropped (the verb before or after it), a count set ("down to 3"), a
// count with the old one in brackets, a measure changed, a product replaced, what stays, additions and the
// reply's own counted items. Every sentence is written for the test, one row per kind and language.
import { describe, expect, it } from 'vitest';
import { readAmendment } from '../../../core/quote/amendments';
import { quoteOn } from './labelled.mts';

const OLDER =
	'Please quote:\n4 x Altivar ATV320 drives\n2 x SCALANCE XB008 switches\n10 x patch cables 2 m';

describe('a piece dropped by a word before it', () => {
	it.each([
		['en', 'Please remove the SCALANCE switches.'],
		['de', 'Bitte streichen Sie die SCALANCE Switches.'],
		['fr', 'Supprimez les switches SCALANCE.'],
		['es', 'Quitad los switches SCALANCE.'],
		['it', 'Togliete gli switch SCALANCE.'],
		['pt', 'Retirem os switches SCALANCE.'],
		['nl', 'Schrap de SCALANCE switches.'],
		['pl', 'Proszę usunąć switche SCALANCE.'],
	])('%s: %s', (_, reply) => {
		const a = readAmendment(reply, OLDER);
		expect(a?.text).toBe('Please quote:\n4 x Altivar ATV320 drives\n10 x patch cables 2 m');
		expect(a?.applied).toBe(true);
	});
});

describe('a piece dropped by a word after it', () => {
	it.each([
		['en', 'The SCALANCE switches can go.'],
		['de', 'Die SCALANCE Switches entfallen.'],
		['fr', 'Les switches SCALANCE ne sont plus nécessaires.'],
		['es', 'Los switches SCALANCE fuera.'],
		['it', 'Gli switch SCALANCE toglieteli.'],
		['pt', 'Os switches SCALANCE ficam de fora.'],
		['nl', 'De SCALANCE switches vervallen.'],
		['pl', 'Switche SCALANCE odpadają.'],
	])('%s: %s', (_, reply) => {
		expect(readAmendment(reply, OLDER)?.text).toBe(
			'Please quote:\n4 x Altivar ATV320 drives\n10 x patch cables 2 m',
		);
	});
});

describe('a count set for the piece named', () => {
	it.each([
		['en', 'Altivar drives down to 3.'],
		['de', 'Die Altivar bitte auf 3 reduzieren.'],
		['fr', 'Les Altivar passent à 3.'],
		['es', 'Los Altivar pasan a 3.'],
		['it', 'Gli Altivar diventano 3.'],
		['pt', 'Os Altivar passam a 3.'],
		['nl', 'De Altivar worden 3 stuks.'],
		['pl', 'Altivar zmieniamy na 3 szt.'],
	])('%s: %s', (_, reply) => {
		expect(readAmendment(reply, OLDER)?.text).toContain('\n3 x Altivar ATV320 drives\n');
	});
});

describe('a new count with the old one in brackets', () => {
	it.each([
		['en', 'Altivar: 6 (not 4).'],
		['de', 'Altivar: 6 (nicht 4).'],
		['fr', 'Altivar : 6 (pas 4).'],
		['es', 'Altivar: 6 (no 4).'],
		['it', 'Altivar: 6 (non più 4).'],
		['pt', 'Altivar: 6 (não 4).'],
		['nl', 'Altivar: 6 (niet 4).'],
		['pl', 'Altivar: 6 (nie 4).'],
	])('%s: %s', (_, reply) => {
		expect(readAmendment(reply, OLDER)?.text).toContain('\n6 x Altivar ATV320 drives\n');
	});
});

describe('a measure of a piece changed', () => {
	it.each([
		['en', 'The patch cables in 5 m instead of 2 m.'],
		['de', 'Die Patchkabel bitte 5 m statt 2 m.'],
		['fr', 'Les cordons de 5 m au lieu de 2 m.'],
		['es', 'Los latiguillos de 5 m en vez de 2 m.'],
		['it', 'I cavi patch da 5 m invece di 2 m.'],
		['pt', 'Os cabos de 5 m em vez de 2 m.'],
		['nl', 'De patchkabels van 5 meter in plaats van 2 m.'],
		['pl', 'Kable krosowe 5 m zamiast 2 m.'],
	])('%s: %s', (_, reply) => {
		const a = readAmendment(reply, OLDER);
		expect(a?.text).toContain('10 x patch cables 5 m');
		expect(a?.text).not.toContain('2 m');
	});
});

describe('a new measure for the one piece with a measure of that unit', () => {
	it.each([
		['en', 'Make it the 10 m ones after all.'],
		['de', 'Es werden doch die 10 m Kabel.'],
		['fr', 'Finalement ce seront des 10 m.'],
		['es', 'Al final serán de 10 m.'],
		['it', 'Alla fine diventano da 10 m.'],
		['pt', 'No fim serão de 10 m.'],
		['nl', 'Het worden toch de 10 m-kabels.'],
		['pl', 'Jednak będą 10 m.'],
	])('%s: %s', (_, reply) => {
		expect(readAmendment(reply, OLDER)?.text).toContain('10 x patch cables 10 m');
	});
});

describe('a product replaced, its count kept', () => {
	it.each([
		['en', 'Phoenix switches instead of the SCALANCE ones.'],
		['de', 'Statt SCALANCE bitte Phoenix Switches.'],
		['fr', 'Des switches Phoenix au lieu des SCALANCE.'],
		['es', 'Switches Phoenix en lugar de los SCALANCE.'],
		['it', 'Switch Phoenix al posto dei SCALANCE.'],
		['pt', 'Switches Phoenix em vez dos SCALANCE.'],
		['nl', 'Phoenix switches in plaats van de SCALANCE.'],
		['pl', 'Zamiast SCALANCE proszę switche Phoenix.'],
	])('%s: %s', (_, reply) => {
		const a = readAmendment(reply, OLDER);
		expect(a?.text).toMatch(/\n2 x [^\n]*phoenix/);
		expect(a?.text).not.toMatch(/scalance/i);
	});
});

describe('several changes in one reply: drop, count set, what stays and an addition', () => {
	it.each([
		[
			'en',
			'Drop the SCALANCE switches, Altivar drives down to 3, rest as it was, and please also add 2 Sirius 3RV2 breakers.',
		],
		[
			'de',
			'Die SCALANCE Switches entfallen, die Altivar auf 3 Stück, Rest wie gehabt. Bitte zusätzlich 2 Sirius 3RV2 Schutzschalter.',
		],
		[
			'fr',
			'Supprimez les switches SCALANCE, les Altivar passent à 3, le reste inchangé. Ajoutez aussi 2 disjoncteurs Sirius 3RV2.',
		],
		[
			'es',
			'Quitad los switches SCALANCE, los Altivar pasan a 3, lo demás igual. Añadid también 2 guardamotores Sirius 3RV2.',
		],
		[
			'it',
			'Togliete gli switch SCALANCE, gli Altivar diventano 3, il resto invariato. Aggiungete anche 2 salvamotori Sirius 3RV2.',
		],
		[
			'pt',
			'Retirem os switches SCALANCE, os Altivar passam a 3, o resto igual. Adicionar também 2 disjuntores Sirius 3RV2.',
		],
		[
			'nl',
			'Schrap de SCALANCE switches, de Altivar worden 3, verder alles hetzelfde. Doe er ook 2 Sirius 3RV2 motorbeveiligingen bij.',
		],
		[
			'pl',
			'Proszę usunąć switche SCALANCE, Altivar zmieniamy na 3, reszta bez zmian. Dodatkowo 2 wyłączniki Sirius 3RV2.',
		],
	])('%s: %s', (_, reply) => {
		const a = readAmendment(reply, OLDER);
		const [amended, added] = (a?.text ?? '').split('\n\n');
		expect(amended).toBe('Please quote:\n3 x Altivar ATV320 drives\n10 x patch cables 2 m');
		expect(added).toMatch(/2 [^\n]*Sirius 3RV2/);
		expect(added).not.toMatch(/SCALANCE|Altivar/);
		expect(a?.applied).toBe(true);
	});
});

describe("every older piece dropped and the reply's own items: a request of its own", () => {
	const older = 'Hello,\nplease quote 2 x SCALANCE XB008 switches.';
	it.each([
		['en', 'Forget the SCALANCE switches. What we need is 5 Sirius 3RV2 breakers.'],
		['de', 'Die SCALANCE Switches entfallen. Wir brauchen 5 Sirius 3RV2 Schutzschalter.'],
		['fr', 'Oubliez les switches SCALANCE. Il nous faut 5 disjoncteurs Sirius 3RV2.'],
		['es', 'Olvidad los switches SCALANCE. Necesitamos 5 guardamotores Sirius 3RV2.'],
		['it', 'Eliminate gli switch SCALANCE. Ci servono 5 salvamotori Sirius 3RV2.'],
		['pt', 'Podem esquecer os switches SCALANCE. Precisamos de 5 disjuntores Sirius 3RV2.'],
		['nl', 'De SCALANCE switches vervallen. We hebben 5 Sirius 3RV2 motorbeveiligingen nodig.'],
		['pl', 'Switche SCALANCE odpadają. Potrzebujemy 5 wyłączników Sirius 3RV2.'],
	])('%s: %s', (_, reply) => {
		expect(readAmendment(reply, older)).toBeNull();
	});
});

describe('a change that names no piece of the older request is named for the person', () => {
	it.each([
		['en', 'Please remove the Wago clamps.'],
		['de', 'Bitte streichen Sie die Wago Klemmen.'],
		['fr', 'Supprimez les bornes Wago.'],
		['es', 'Quitad las bornas Wago.'],
		['it', 'Togliete i morsetti Wago.'],
		['pt', 'Retirem os bornes Wago.'],
		['nl', 'Schrap de Wago klemmen.'],
		['pl', 'Proszę usunąć zaciski Wago.'],
	])('%s: %s', (_, reply) => {
		const a = readAmendment(reply, OLDER);
		expect(a?.text).toBe(OLDER);
		expect(a?.applied).toBe(false);
		expect(a?.unplaced.join(' ')).toMatch(/wago/);
	});
});

describe('a whole thread: the reply read against the older request, and a change not placed held back', () => {
	const older =
		'\n\n-----Original Message-----\nFrom: Dana\nSent: Monday\nSubject: panel\n\nPlease quote 4 x Altivar ATV320 4 kW and 2 x SCALANCE XB008.';
	it('drops one piece, sets a count and goes to a person', () => {
		const q = quoteOn('industrial', `Hi, drop the SCALANCE, and the Altivar down to 3.${older}`);
		expect(q.lines.map((l) => l.qty)).toEqual([3]);
		expect(q.route).toBe('review');
	});
	it('names the change it could not place', () => {
		const q = quoteOn('industrial', `Hi, please remove the Wago clamps.${older}`);
		expect(q.route).toBe('review');
		expect(q.review_reasons.join(' ')).toMatch(
			/not placed on any one of its lines: "please remove the wago/,
		);
	});
});
