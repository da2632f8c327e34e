// The multilingual trade glossary (core/quote/glossary.ts, ADR 0078): its structure (one concept per form, no
// stop word, every target a canonical the table leaves as it is) and requests written for this file, in the
// buyers' languages, against the two catalogs exported without keywords (fluid power, safety gear).
import { describe, expect, it } from 'vitest';
import { GLOSSARY } from '../../../core/quote/glossary';
import { canonicalize } from '../../../core/quote/synonyms';
import {
	STOPWORDS,
	SYNONYMS,
	prepareWords,
	textTerms,
	normalizeText,
} from '../../../core/quote/tokenize';
import { quoteOn, sortedLines } from './labelled.mts';

const key = (phrase: string) => prepareWords(phrase).join(' ');

// function words the table already knew before the glossary (they join phrases such as "valvula de bola")
const JOINERS = new Set(['de', 'di', 'a', 'da', 'en', 'na', 'ao', 'em', 'per', 'd']);

describe('glossary structure', () => {
	it('holds several hundred concepts', () => {
		expect(GLOSSARY.length).toBeGreaterThanOrEqual(250);
		expect(GLOSSARY.reduce((n, [, forms]) => n + forms.length, 0)).toBeGreaterThan(3000);
	});

	it('maps no form to two concepts, and no form to its own concept word', () => {
		const owner = new Map<string, string>();
		const twice: string[] = [];
		for (const [concept, forms] of GLOSSARY) {
			for (const form of forms) {
				const k = key(form);
				const other = owner.get(k);
				if (other !== undefined && other !== key(concept))
					twice.push(`${form}: ${other} / ${concept}`);
				if (k === key(concept)) twice.push(`${form} is ${concept}`);
				owner.set(k, key(concept));
			}
		}
		expect(twice).toEqual([]);
	});

	it('has no stop word in a form (only the joiners the table already knew)', () => {
		const bad = GLOSSARY.flatMap(([, forms]) =>
			forms.filter((f) => prepareWords(f).some((w) => STOPWORDS.has(w) && !JOINERS.has(w))),
		);
		expect(bad).toEqual([]);
	});

	it('has no one-letter word in a form but the joiners (a "t", a "v" or an "o" would be a unit or a word)', () => {
		const bad = GLOSSARY.flatMap(([, forms]) =>
			forms.filter((f) => prepareWords(f).some((w) => w.length === 1 && !JOINERS.has(w))),
		);
		expect(bad).toEqual([]);
	});

	it('targets only canonicals the table leaves as they are (so a catalog writing the English word produces them)', () => {
		const rewritten = GLOSSARY.map(([concept]) => concept).filter(
			(c) => canonicalize(prepareWords(c), SYNONYMS).tokens.join(' ') !== key(c),
		);
		expect(rewritten).toEqual([]);
	});

	it('never means another concept than the table row it meets (the older row wins, so none may differ)', () => {
		const differ = GLOSSARY.flatMap(([concept, forms]) =>
			forms
				.filter((f) => SYNONYMS.phrases.get(key(f))?.join(' ') !== key(concept))
				.map((f) => `${f}: ${SYNONYMS.phrases.get(key(f))?.join(' ')} / ${concept}`),
		);
		expect(differ).toEqual([]);
	});

	it('leaves out words of another sense in the buyers own languages', () => {
		// "Lager" is stock, "AG" a company, "VA" volt-amperes, "four" a number, "échelle" a scale's range,
		// "lot" a tender's lot, "pila" a battery: none of them reads as a product
		for (const word of [
			'lager',
			'ag',
			'va',
			'four',
			'echelle',
			'lot',
			'pila',
			'overall',
			'vat',
			'scale',
		]) {
			expect(SYNONYMS.phrases.has(key(word)), word).toBe(false);
		}
	});

	it('makes no word of a glossary phrase a known word on its own', () => {
		// "úpravná jednotka" is an FRL; "jednotka" alone is any unit, "papír" any paper
		for (const word of ['jednotka', 'papir', 'pompe', 'ruban', 'vyplach']) {
			if (SYNONYMS.phrases.has(word)) continue;
			expect(SYNONYMS.lexicon.has(word), word).toBe(false);
		}
	});
});

describe('glossary words as terms', () => {
	const terms = (text: string) => textTerms(normalizeText(text));
	it.each([
		['Kugelhähne', ['ball', 'valve']],
		['vérins', ['cylinder']],
		['Kältetrockner', ['refrigerant', 'dryer']],
		['secadores frigoríficos', ['refrigerant', 'dryer']],
		['scaricatore di condensa', ['condensate', 'drain']],
		['Schutzhelm', ['helmet']],
		['casques', ['helmet']],
		['Gehörschutz', ['ear', 'defender']],
		['Warnweste', ['vis', 'vest']],
		['Sicherheitsschuhe', ['safety', 'shoe']],
		['Feuerlöscher', ['extinguisher']],
		['extintores', ['extinguisher']],
		['gaśnice', ['extinguisher']],
		['hasicí přístroj', ['extinguisher']],
		['Zahnradpumpe', ['gear', 'pump']],
		['łożyska', ['bearing']],
		['Schraubendreher', ['screwdriver']],
		['rękawice', ['glove']],
	])('%s reads as %j', (text, expected) => {
		expect(terms(text)).toEqual(expected);
	});
});

describe('requests in the buyers languages on the fluid catalog (written for this file)', () => {
	it.each([
		['Bitte 4 Stück Kugelhähne Messing 1/2" anbieten.', ['FL-41015 x4']],
		['Nous avons besoin de 2 vérins ISO 15552 diamètre 50 course 200.', ['DSBC-50-200-PPVA-N3 x2']],
		['Necesitamos 1 secador frigorífico de 150 m³/h.', ['PRD-0150 x1']],
		['Ci servono 2 scaricatori di condensa elettronici 24 Vcc.', ['ED3002-24 x2']],
		['Graag 10 geluiddempers G1/2.', ['U-G12 x10']],
		['Preciso de 3 manómetros 0-16 bar 63 mm.', ['FL-5063016 x3']],
		['2 Zahnradpumpen 8 cm³/U rechtsdrehend', ['AZPF-1X-008RRR20MB x2']],
	])('%s', (text, lines) => {
		expect(sortedLines(quoteOn('fluid', text))).toEqual(lines);
	});
});

describe('requests in the buyers languages on the safety catalog (written for this file)', () => {
	it.each([
		['Necesitamos 2 extintores de CO2 de 5 kg.', ['FE-CO2-5 x2']],
		['2 Feuerlöscher CO2 5 kg', ['FE-CO2-5 x2']],
		['12 Warnwesten gelb Größe XL', ['C470YERXL x12']],
		['Potrzebujemy 6 kamizelek odblaskowych rozmiar L.', ['C470YERL x6']],
		['Bitte 5 Kapselgehörschutz SNR 35 dB', ['H540A-411-SV x5']],
		['Sicherheitsschuhe S3 Größe 43, 4 Paar', ['6848.43 x4']],
		['Ci servono 2 cassette di pronto soccorso DIN 13157.', ['FA-13157 x2']],
		['Preciso de 4 lava-olhos 500 ml.', ['EW-500 x4']],
		// was 1112946 (the M/L harness), which was wrong: the item names write their letter size without
		// the word "size" ("harness 2-point, XL"), read since ADR 0084, so "Größe XL" is the XL harness
		['3 Auffanggurte 2-Punkt Größe XL', ['1112947 x3']],
	])('%s', (text, lines) => {
		expect(sortedLines(quoteOn('safety', text))).toEqual(lines);
	});

	it('a helmet asked with a chin strap is not sent out alone as one without', () => {
		const q = quoteOn('safety', 'Merci de chiffrer 10 casques blancs avec jugulaire.');
		expect(q.lines.map((l) => l.sku)).not.toEqual([]);
		expect(q.route).toBe('review');
	});
});
