// The shared bad-input corpus of the reliability suite (issue 9, part 2): values that reach nodes from
// webhooks, spreadsheets and CRMs — missing and mistyped fields, empty strings, a 1 MB text, unusual
// Unicode (bidi overrides, zero-width, combining marks, emoji, NUL, a lone surrogate, CJK, Arabic),
// HTML and markdown, numbers written as strings, wrong currencies and dates in the past. Each entry
// has a name and a kind, so a node's table can say what it does with each kind in one line.

export type CorpusKind = 'absent' | 'text' | 'number' | 'boolean' | 'object' | 'array';

export interface CorpusEntry {
	name: string;
	kind: CorpusKind;
	value: unknown;
	/** A short, recognisable part of the value as an error would quote it. */
	shown?: string;
}

/** About 1 MB of a realistic message (a pasted spec sheet), not one repeated character. */
export const MEGABYTE_TEXT = (() => {
	const line =
		'Spec sheet line: 24 VDC supply, IP65 housing, PROFINET, ambient -20…+60 °C, see appendix. ';
	return line.repeat(Math.ceil(1_048_576 / line.length)).slice(0, 1_048_576);
})();

export const CORPUS: CorpusEntry[] = [
	{ name: 'missing', kind: 'absent', value: undefined },
	{ name: 'null', kind: 'absent', value: null },
	{ name: 'empty string', kind: 'text', value: '' },
	{ name: 'whitespace only', kind: 'text', value: '  \t\n ' },
	{ name: 'number', kind: 'number', value: 42, shown: '42' },
	{ name: 'negative number', kind: 'number', value: -7, shown: '-7' },
	{ name: 'fraction', kind: 'number', value: 3.25, shown: '3.25' },
	{ name: 'boolean', kind: 'boolean', value: true, shown: 'true' },
	{ name: 'object', kind: 'object', value: { nested: 'value' } },
	{ name: 'array', kind: 'array', value: ['a', 'b'] },
	{ name: 'number as string', kind: 'text', value: '250000', shown: '250000' },
	{ name: 'exponent as string', kind: 'text', value: '1e3', shown: '1e3' },
	{ name: 'decimal comma', kind: 'text', value: '1.250,50', shown: '1.250,50' },
	{ name: '"NaN"', kind: 'text', value: 'NaN', shown: 'NaN' },
	{ name: '1 MB text', kind: 'text', value: MEGABYTE_TEXT },
	{ name: 'bidi override', kind: 'text', value: 'Nordwerk \u202Egnp.exe\u202C GmbH' },
	{ name: 'zero-width characters', kind: 'text', value: 'Nord\u200Bwerk\u200D\uFEFF GmbH' },
	{ name: 'combining marks', kind: 'text', value: 'N\u0301o\u0303rdwe\u030Ark' },
	{ name: 'emoji', kind: 'text', value: '🏭 Fabrik 🚀 👩🏽‍🔧' },
	{ name: 'NUL character', kind: 'text', value: 'Nord\u0000werk' },
	{ name: 'lone surrogate', kind: 'text', value: 'Nord\uD800werk' },
	{ name: 'CJK', kind: 'text', value: '北京自动化设备有限公司 需要 12 台 PLC' },
	{ name: 'Arabic (RTL)', kind: 'text', value: 'شركة الأتمتة الصناعية تحتاج إلى 12 وحدة تحكم' },
	{ name: 'HTML', kind: 'text', value: '<script>alert(1)</script><b onclick="x()">Nordwerk</b>' },
	{
		name: 'markdown',
		kind: 'text',
		value: '**Nordwerk** [click](http://evil.example/?q=1) ![x](http://evil.example/p.png?d=1)',
	},
	{ name: 'SQL-ish', kind: 'text', value: "Robert'); DROP TABLE leads;--" },
	{ name: 'currency word', kind: 'text', value: 'EURO', shown: 'EURO' },
	{ name: 'currency symbol', kind: 'text', value: '€', shown: '€' },
	{ name: 'lower-case currency', kind: 'text', value: 'eur', shown: 'eur' },
	{ name: 'date in the past', kind: 'text', value: '2019-01-01', shown: '2019-01-01' },
	{ name: 'not a date', kind: 'text', value: '31/02/2026', shown: '31/02/2026' },
];

/** Entries of the given kinds. */
export function entries(...kinds: CorpusKind[]): CorpusEntry[] {
	return CORPUS.filter((e) => kinds.includes(e.kind));
}

/** `{ ...base, [field]: value }`, or `base` without `field` when the value is absent (undefined). */
export function withField<T extends Record<string, unknown>>(
	base: T,
	field: string,
	value: unknown,
): Record<string, unknown> {
	const copy: Record<string, unknown> = { ...base };
	if (value === undefined) delete copy[field];
	else copy[field] = value;
	return copy;
}
