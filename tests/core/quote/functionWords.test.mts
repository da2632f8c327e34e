// The function words of the reader languages (core/quote/read/functionWords.ts, ADR 0057): the words that
// say who asks, when and how politely are no unknown words of a line, while every word that changes what or
// how many is bought stays out of the list, in every language, and still sends the line to a person.
import { describe, expect, it } from 'vitest';
import { buildQuote } from '../../../core/quote';
import {
	EXCLUDED_WORDS,
	FUNCTION_WORD_KINDS,
	FUNCTION_WORD_LIST,
	FUNCTION_WORDS,
} from '../../../core/quote/read/functionWords';
import { normalizeText, textTerms } from '../../../core/quote/tokenize';
import { labelledCatalogs, LABELLED_NOW } from './labelled.mts';

/**
 * A word as written (folded) and as the request's terms read it, as accounting.ts reads both; words under
 * three letters are never unknown words there.
 */
const forms = (word: string): string[] => {
	const folded = normalizeText(word);
	return [...folded.split(/[^\p{L}]+/u), ...textTerms(folded)].filter((f) => f.length >= 3);
};

const unknownWordsOf = (
	text: string,
	catalog: 'industrial' | 'electrical' | 'lab' = 'industrial',
) => {
	const q = buildQuote(
		text,
		labelledCatalogs()[catalog].index,
		{ currency: 'EUR' },
		{ now: LABELLED_NOW },
	);
	return {
		quote: q,
		unknown: q.unaccounted
			.filter((u) => u.includes('is not a word the catalog or the reader knows'))
			.flatMap((u) => [...u.split(' in "')[0].matchAll(/"([^"]+)"/g)].map((m) => m[1])),
	};
};

describe('the function-word list', () => {
	it('holds no word that changes what or how many is bought, in any language or form', () => {
		const written = new Set(FUNCTION_WORD_LIST.map(normalizeText));
		const excused = new Set(FUNCTION_WORD_LIST.flatMap(forms));
		// listed as written, or read as terms that are all excused ("falls" is read as "fall"); a word of
		// two parts ("peut-être", "jusqu'à") stays unknown while one part is not listed
		const clashes = Object.entries(EXCLUDED_WORDS).flatMap(([kind, words]) =>
			words
				.split(' ')
				.filter(Boolean)
				.filter((w) => {
					const folded = normalizeText(w);
					const terms = textTerms(folded).filter((t) => t.length >= 3);
					return (
						(folded.length >= 3 && written.has(folded)) ||
						(terms.length > 0 && terms.every((t) => excused.has(t)))
					);
				})
				.map((w) => `${kind}: ${w}`),
		);
		expect(clashes).toEqual([]);
	});

	it.each([
		['a hedge', 'około'],
		['a hedge', 'ungefähr'],
		['a hedge', 'environ'],
		['a hedge', 'ongeveer'],
		['a negation', 'without'],
		['a negation', 'zonder'],
		['an alternative', 'lub'],
		['an alternative', 'oder'],
		['an addition', 'another'],
		['an addition', 'außerdem'],
		['an addition', 'com'],
		['a comparative', 'more'],
		['a count condition', 'mindestens'],
		['count talk', 'quantidade'],
		['a word two languages read apart', 'mais'],
		['a word two languages read apart', 'alle'],
	])('%s is excluded and not listed: "%s"', (_, word) => {
		expect(Object.values(EXCLUDED_WORDS).join(' ').split(' ')).toContain(word);
		const listed = new Set(FUNCTION_WORD_LIST.map(normalizeText));
		expect(listed.has(normalizeText(word))).toBe(false);
	});

	it('has every kind in every language (Polish has no articles)', () => {
		for (const [language, kinds] of Object.entries(FUNCTION_WORDS))
			for (const kind of FUNCTION_WORD_KINDS)
				if (!(language === 'pl' && kind === 'articles'))
					expect(kinds[kind].trim(), `${language} ${kind}`).not.toBe('');
	});
});

describe('function words around a product are no unknown words', () => {
	const cpu = 'SIMATIC S7-1500 CPU 1511-1 PN';
	it.each([
		['en', `Hi, my colleague from purchasing asked me to get a quote for 2 ${cpu} by Friday.`],
		['de', `Hallo zusammen, wir bräuchten bitte nächste Woche 2 Stück ${cpu}. Vielen Dank!`],
		['fr', `Bonjour, notre équipe achats aimerait recevoir un devis pour 2 ${cpu} cette semaine.`],
		['es', `Hola, ¿podéis pasarme presupuesto de 2 ${cpu} para el lunes?`],
		['it', `Buongiorno, vi chiedo gentilmente 2 ${cpu}, grazie mille.`],
		['pt', `Olá, gostaria de receber hoje um orçamento para 2 ${cpu}.`],
		['nl', `Goedemorgen, kunt u mij 2 ${cpu} offreren? Alvast bedankt.`],
		['pl', `Dzień dobry, nasz dział zakupów prosi o wycenę 2 szt. ${cpu}.`],
	])('%s: "%s"', (_, text) => {
		const { quote, unknown } = unknownWordsOf(text);
		expect(quote.lines.map((l) => l.sku)).toEqual(['6ES7511-1AK02-0AB0']);
		expect(unknown).toEqual([]);
	});

	it.each([
		['a hedge on the count', `Potrzebujemy około 20 szt. ${cpu}.`, 'okolo'],
		['a hedge on the count', `Wir brauchen ungefähr 20 ${cpu}.`, 'ungefahr'],
		['an exclusion', `Nous avons besoin de 2 ${cpu} sans carte mémoire.`, 'san'],
	])('%s still goes to a person: "%s"', (_, text, word) => {
		const { quote, unknown } = unknownWordsOf(text);
		expect(unknown).toContain(word);
		expect(quote.route).toBe('review');
	});
});
