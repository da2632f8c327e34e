import { describe, expect, it } from 'vitest';

import { DEFAULT_TAXONOMY } from '../../../core/qualify/defaultProfile';
import { fold } from '../../../core/qualify/fold';
import { compileTaxonomy, extractNeed } from '../../../core/qualify/need';

const cases: Array<[string, string[]]> = [
	['Looking at ControlLogix or CompactLogix plus a new PanelView.', ['control_systems', 'scada_hmi_software']],
	['We need to retrofit 6 presses with new servo drives and safety PLCs.', ['services', 'drives_motion', 'safety', 'control_systems']],
	['Hallo, wir suchen ca. 140 Frequenzumrichter dezentral und eine Sicherheitssteuerung.', ['drives_motion', 'control_systems', 'safety']],
	['Die Verdampferstation soll neu instrumentiert werden (Druck, Füllstand, Durchfluss).', ['sensors_instrumentation']],
	['Necesitamos 24 caudalímetros electromagnéticos con salida 4-20 mA y HART.', ['sensors_instrumentation', 'networking']],
	['Nous souhaitons remplacer les variateurs de vitesse de notre station de pompage.', ['drives_motion']],
	['Ci servono 8 inverter e un pannello operatore.', ['drives_motion', 'scada_hmi_software']],
	['Precisamos modernizar o sistema supervisório e trocar os transmissores de pressão.', ['services', 'scada_hmi_software', 'sensors_instrumentation']],
	['我们需要采购西门子PLC，以及配套的触摸屏。', ['control_systems', 'scada_hmi_software']],
	['Hi, just wanted to say thanks for the lunch.', []],
	['', []],
];

describe('extractNeed with the default taxonomy', () => {
	it.each(cases)('%s', (text, categories) => {
		const result = extractNeed(text, DEFAULT_TAXONOMY);
		if (categories.length === 0) {
			expect(result).toBeNull();
			return;
		}
		expect(result?.categories).toEqual(categories);
		for (const entry of result?.evidence ?? []) {
			expect(categories).toContain(entry.category);
			expect(text).toContain(entry.quote);
		}
	});

	it('quotes the words as written, whatever their case or accents', () => {
		const result = extractNeed('CAUDALÍMETROS y Sondas de temperatura', DEFAULT_TAXONOMY);
		expect(result?.evidence.map((entry) => entry.quote)).toEqual(['CAUDALÍMETROS', 'Sondas', 'temperatura']);
	});

	it('does not match keywords inside unrelated words', () => {
		// "mes" (Spanish month), "drive" inside "overdrive", "plc" inside "replicate"
		expect(extractNeed('Podemos replicate la overdrivex en 1 mes.', DEFAULT_TAXONOMY)).toBeNull();
	});
});

describe('extractNeed with a custom taxonomy', () => {
	const taxonomy = {
		pumps: ['pump', 'bomba', '*pumpe*'],
		valves: ['valve', 'válvula', 'ventil*'],
	};

	it.each([
		['We need 4 pumps and a few valves.', ['pumps', 'valves']],
		['Zwei Kreiselpumpen und Ventile bitte.', ['pumps', 'valves']],
		['Bombas y VALVULAS para la planta.', ['pumps', 'valves']],
		['Only sensors this time.', []],
	])('%s', (text, categories) => {
		const result = extractNeed(text, taxonomy);
		expect(result?.categories ?? []).toEqual(categories);
	});

	it('compiles a taxonomy once per object and accepts the compiled form', () => {
		const compiled = compileTaxonomy(taxonomy);
		expect(compileTaxonomy(taxonomy)).toBe(compiled);
		expect(extractNeed('pump', compiled)?.categories).toEqual(['pumps']);
	});

	it('stays linear on a megabyte of letters with wildcard keywords', () => {
		const text = 'a'.repeat(1_000_000);
		expect(extractNeed(text, { compounds: ['*pumpe*'] }, fold(text))).toBeNull();
	});
});
