// The one number-word reader (core/numberWords.ts): per-language cardinals, compounds, and the words that
// are numbers in one language and ordinary words in another.
import { describe, expect, it } from 'vitest';
import { CARDINALS, numberWordsToDigits, numberWordValue } from '../../core/numberWords';

describe('numberWords', () => {
	it('has a table for each of the eight buyer languages', () => {
		expect(Object.keys(CARDINALS).sort()).toEqual(['de', 'en', 'es', 'fr', 'it', 'nl', 'pl', 'pt']);
		expect(CARDINALS.pl.cztery).toBe(4);
		expect(CARDINALS.nl.vijf).toBe(5);
	});

	it.each([
		['two 16-point cards', '2 16-point cards'],
		['vierundzwanzig sensoren', '24 sensoren'],
		['veinticuatro sensores', '24 sensores'],
		['vingt-quatre capteurs', '24 capteurs'],
		['ventiquattro sensori', '24 sensori'],
		['trinta e dois sensores', '32 sensores'],
		['twenty-four sensors', '24 sensors'],
		['due switch phoenix', '2 switch phoenix'],
		['once variadores', '11 variadores'],
		['trzy zasilacze', '3 zasilacze'],
		['a dozen relays', '12 relays'],
	])('reads "%s" as "%s"', (text, digits) => {
		expect(numberWordsToDigits(text)).toBe(digits);
	});

	it.each([
		['it was due last week', 'due'],
		['due to the shutdown', 'due'],
		['we only ordered once', 'once'],
		['delivery sept 2026', 'sept'],
	])('leaves an ambiguous word that is not a count: "%s"', (text, word) => {
		expect(numberWordsToDigits(text)).toContain(word);
	});

	it('reads one only when the caller says so', () => {
		expect(numberWordsToDigits('one cpu')).toBe('one cpu');
		expect(numberWordsToDigits('one cpu', ['one'])).toBe('1 cpu');
		expect(numberWordValue('sei', 'pannelli')).toBe(6);
		expect(numberWordValue('sei')).toBeUndefined();
		expect(numberWordValue('tres')).toBe(3);
	});
});
