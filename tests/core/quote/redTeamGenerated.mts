// A generated red team of the automatic route (ADR 0083), on the two catalogs nobody tuned for (safety gear and
// fluid power). Items of different families are described the way a buyer would (maker + family, or the product
// word + one attribute; never the catalog's name) and combined in the shapes requests take, in en, de, fr, es, it
// and nl. The property of every generated request: its quote holds every item with the right count and nothing
// else, or it goes to review (or gives no quote). Seeded and deterministic: the same requests on every run.
import { mulberry32 } from '../../../bench/seededRandom.mts';
import { quoteOn } from './labelled.mts';

type Catalog = 'safety' | 'fluid';

/** An item as a buyer names it: the SKU, its family (no two items of one family in a request) and short forms. */
interface Described {
	sku: string;
	family: string;
	says: string[];
	/** The item in the buyer's own language, where a buyer would name it so. */
	local?: Partial<Record<Lang, string>>;
}

const SAFETY: Described[] = [
	{
		sku: '9192225',
		family: 'glasses',
		says: ['uvex i-3 glasses, clear', 'clear uvex i-3 safety specs'],
		local: {
			de: 'Schutzbrillen uvex i-3 klar',
			fr: 'lunettes uvex i-3 incolores',
			es: 'gafas uvex i-3 transparentes',
			it: 'occhiali uvex i-3 trasparenti',
			nl: 'veiligheidsbrillen uvex i-3 helder',
		},
	},
	{ sku: 'GG501SGAF', family: 'goggles', says: ['3M GoggleGear 500 goggles', 'GoggleGear 500'] },
	{
		sku: '9772200',
		family: 'helmet',
		says: ['uvex pheos helmets in yellow', 'yellow pheos hard hats'],
		local: {
			de: 'Schutzhelme uvex pheos gelb',
			fr: 'casques uvex pheos jaunes',
			es: 'cascos uvex pheos amarillos',
			it: 'elmetti uvex pheos gialli',
			nl: 'helmen uvex pheos geel',
		},
	},
	{
		sku: 'GV938',
		family: 'helmet',
		says: ['MSA V-Gard 500 helmets', 'V-Gard 500 vented hard hats'],
	},
	{
		sku: 'H540A-411-SV',
		family: 'hearing',
		says: ['Peltor Optime III ear muffs', 'Optime III earmuffs'],
		local: {
			de: 'Kapselgehörschutz Peltor Optime III',
			fr: 'casques antibruit Peltor Optime III',
			es: 'orejeras Peltor Optime III',
			it: 'cuffie Peltor Optime III',
			nl: 'oorkappen Peltor Optime III',
		},
	},
	{
		sku: '1010421',
		family: 'hearing',
		says: ['Leightning L3 ear muffs', 'Howard Leight L3 muffs'],
	},
	{ sku: '9332+', family: 'mask', says: ['3M Aura 9332+ FFP3 masks', 'Aura 9332+ boxes'] },
	{ sku: '2405', family: 'mask', says: ['Moldex 2405 FFP2 masks', 'Moldex 2405 boxes'] },
	{
		sku: '6200M',
		family: 'halfmask',
		says: ['3M 6200 half masks size M', '6200 half-face masks, medium'],
	},
	{ sku: '6099', family: 'filter', says: ['3M 6099 filter pairs', '6099 combination filters'] },
	{
		sku: '1247',
		family: 'lanyard',
		says: ['twin leg lanyards 1.8 m', 'double lanyards with scaffold hooks'],
	},
	{ sku: 'AN150', family: 'anchor', says: ['anchor slings 1.5 m', '1.5 m webbing anchor slings'] },
	{ sku: '10158061', family: 'srl', says: ['MSA V-TEC retractable lifelines', 'V-TEC SRL 2.4 m'] },
	{
		sku: 'C470YERL',
		family: 'vest',
		says: ['Portwest C470 vests size L', 'yellow hi-vis vests C470, L'],
	},
	{
		sku: '6848.43',
		family: 'shoe',
		says: ['uvex 1 S3 safety shoes size 43', 'pairs of uvex 1 shoes in 43'],
		local: {
			de: 'Sicherheitsschuhe uvex 1 S3 Gr. 43',
			fr: 'chaussures de sécurité uvex 1 S3 pointure 43',
			es: 'zapatos de seguridad uvex 1 S3 talla 43',
			it: 'scarpe antinfortunistiche uvex 1 S3 taglia 43',
			nl: 'veiligheidsschoenen uvex 1 S3 maat 43',
		},
	},
	{
		sku: 'FA-13169',
		family: 'firstaid',
		says: ['first-aid cabinets DIN 13169', 'large DIN 13169 first aid kits'],
	},
	{
		sku: 'EW-1000',
		family: 'eyewash',
		says: ['eye wash bottles 1000 ml', '1 litre eye-wash bottles'],
	},
	{
		sku: 'SK-CHE-120',
		family: 'spill',
		says: ['chemical spill kits 120 L', '120 litre chemical spill bins'],
	},
	{
		sku: '8326320',
		family: 'gas',
		says: ['Dräger X-am 2500 detectors', 'X-am 2500 4-gas monitors'],
	},
	{ sku: '10165436', family: 'gas', says: ['MSA Altair 4XR detectors', 'Altair 4XR gas monitors'] },
	{
		sku: 'FB-1818',
		family: 'fire',
		says: ['fire blankets 1.8 x 1.8 m', 'large fire blankets 1.8 m'],
		local: {
			de: 'Löschdecken 1,8 x 1,8 m',
			fr: 'couvertures anti-feu 1,8 x 1,8 m',
			es: 'mantas ignífugas 1,8 x 1,8 m',
			it: 'coperte antifiamma 1,8 x 1,8 m',
			nl: 'blusdekens 1,8 x 1,8 m',
		},
	},
	{
		sku: 'FE-CO2-5',
		family: 'fire',
		says: ['CO2 extinguishers 5 kg', '5 kg CO2 fire extinguishers'],
		local: {
			de: 'CO2-Feuerlöscher 5 kg',
			fr: 'extincteurs CO2 5 kg',
			es: 'extintores CO2 5 kg',
			it: 'estintori CO2 5 kg',
			nl: 'CO2-blussers 5 kg',
		},
	},
	{
		sku: 'BT-YB-500',
		family: 'tape',
		says: ['yellow/black barrier tape rolls', 'rolls of yellow-black barrier tape'],
	},
	{
		sku: 'HYF-11-541-9',
		family: 'glove',
		says: ['HyFlex 11-541 gloves size 9', 'Ansell 11-541 cut D gloves, 9'],
	},
	{
		sku: 'TNT-92-600-L',
		family: 'glove',
		says: ['TouchNTuff 92-600 boxes size L', 'boxes of 92-600 nitrile gloves L'],
	},
];

const FLUID: Described[] = [
	{
		sku: 'DSBC-50-200-PPVA-N3',
		family: 'cylinder',
		says: ['Festo DSBC cylinders 50 x 200', 'ISO 15552 cylinders bore 50 stroke 200'],
		local: {
			de: 'Normzylinder Festo DSBC 50 x 200',
			fr: 'vérins Festo DSBC 50 x 200',
			es: 'cilindros Festo DSBC 50 x 200',
			it: 'cilindri Festo DSBC 50 x 200',
			nl: 'cilinders Festo DSBC 50 x 200',
		},
	},
	{
		sku: 'CDQ2B32-50DZ',
		family: 'cylinder',
		says: ['SMC CQ2 compact cylinders 32 x 50', 'CQ2 compact cylinders bore 32 stroke 50'],
	},
	{
		sku: 'SY5220-5DZ-01',
		family: 'valve',
		says: ['SY5220 double solenoid valves', 'SMC SY5220 valves 24VDC'],
	},
	{
		sku: 'VUVG-L14-B52-T-G18-1P3',
		family: 'valve',
		says: ['Festo VUVG 5/2 bistable valves', 'VUVG bistable solenoid valves'],
	},
	{
		sku: 'SS5Y5-20-06',
		family: 'manifold',
		says: ['SY5000 manifold bases, 6 stations', '6-station SY5000 manifolds'],
	},
	{
		sku: 'B74G-4GK-AP3-RMN',
		family: 'frl',
		says: ['Excelon filter regulators G1/2', 'Norgren Excelon filter-regs 1/2"'],
	},
	{ sku: 'L72M-2GP-EQN', family: 'lube', says: ['micro-fog lubricators G1/4', 'G1/4 lubricators'] },
	{
		sku: '31090813',
		family: 'fitting',
		says: ['push-in elbows G1/4 for 8 mm tube', 'packs of 8 mm push-in elbows G1/4'],
	},
	{
		sku: 'PUN-H-8X6-BL-25',
		family: 'tube',
		says: ['rolls of PU tube 8x6, 25 m', 'blue polyurethane tube 8x6 25 m rolls'],
	},
	{
		sku: 'FL-41025',
		family: 'ballvalve',
		says: ['brass ball valves 1"', '1 inch brass ball valves'],
		local: {
			de: 'Messing-Kugelhähne 1 Zoll',
			fr: 'vannes à boisseau laiton 1"',
			es: 'válvulas de bola de latón 1"',
			it: 'valvole a sfera in ottone 1"',
			nl: 'messing kogelkranen 1"',
		},
	},
	{
		sku: 'FL-5063250',
		family: 'gauge',
		says: ['pressure gauges 63 mm 0-250 bar', 'glycerine gauges 0-250 bar, 63 mm'],
		local: {
			de: 'Manometer 63 mm 0-250 bar',
			fr: 'manomètres 63 mm 0-250 bar',
			es: 'manómetros 63 mm 0-250 bar',
			it: 'manometri 63 mm 0-250 bar',
			nl: 'manometers 63 mm 0-250 bar',
		},
	},
	{
		sku: 'SDE1-D10-G2-W18-L-PU-M8',
		family: 'sensor',
		says: ['Festo SDE1 pressure sensors', 'SDE1 sensors 0-10 bar'],
	},
	{
		sku: 'U-G14',
		family: 'silencer',
		says: ['bronze silencers G1/4', 'G1/4 sintered silencers'],
		local: {
			de: 'Schalldämpfer Bronze G1/4',
			fr: 'silencieux bronze G1/4',
			es: 'silenciadores de bronce G1/4',
			it: 'silenziatori in bronzo G1/4',
			nl: 'geluiddempers brons G1/4',
		},
	},
	{
		sku: 'AZPF-1X-016RRR20MB',
		family: 'pump',
		says: ['AZPF gear pumps 16 cm³/rev', 'AZPF 16 cc gear pumps'],
	},
	{
		sku: 'PRD-0150',
		family: 'dryer',
		says: ['refrigerant dryers 150 m³/h', '150 m³/h refrigeration dryers'],
	},
	{
		sku: 'ZLD-01',
		family: 'drain',
		says: ['zero-loss condensate drains', 'level-sensing zero loss drains'],
	},
	{
		sku: 'FL-60046-20',
		family: 'oil',
		says: ['cans of HLP 46 oil, 20 L', 'HLP 46 hydraulic oil 20 litre cans'],
		local: {
			de: 'Hydrauliköl HLP 46, Kanister 20 L',
			fr: 'huile hydraulique HLP 46 bidon 20 L',
			es: 'aceite hidráulico HLP 46 bidón 20 L',
			it: 'olio idraulico HLP 46 tanica 20 L',
			nl: 'hydraulische olie HLP 46 can 20 L',
		},
	},
	{
		sku: 'KD4-1/4-I',
		family: 'coupling',
		says: ['quick coupling sockets G1/4', 'G1/4 female quick couplers DN7.2'],
	},
	{ sku: 'FL-10890', family: 'spare', says: ['DSBC 50 seal kits', 'service kits for DSBC D50'] },
];

/** Items none of the catalogs sells, as a buyer would ask for them. */
const LACKING = [
	'welding helmets',
	'torque wrenches 40-200 Nm',
	'laser distance meters',
	'cable ties 300 mm',
	'rotary screw compressor 7.5 kW',
];

/** A variant of an item the catalog sells in other variants only: near the catalog's words, not one of its items. */
const VARIANT_LACKING: Record<Catalog, string[]> = {
	safety: [
		'uvex pheos helmets in orange',
		'Portwest C470 vests size S',
		'uvex 1 S3 safety shoes size 49',
		'HyFlex 11-541 gloves size 12',
		'CO2 extinguishers 10 kg',
		'fire blankets 2 x 2 m',
		'eye wash bottles 250 ml',
		'anchor slings 3 m',
		'3M 6200 half masks size S',
		'chemical spill kits 240 L',
	],
	fluid: [
		'Festo DSBC cylinders 40 x 100',
		'brass ball valves 3/8"',
		'pressure gauges 160 mm 0-16 bar',
		'SY5000 manifold bases, 12 stations',
		'AZPF gear pumps 32 cm³/rev',
		'refrigerant dryers 500 m³/h',
		'bronze silencers G3/4',
		'HLP 68 hydraulic oil 20 litre cans',
		'SMC CQ2 compact cylinders 63 x 100',
		'push-in elbows G1/2 for 16 mm tube',
	],
};

type Lang = 'en' | 'de' | 'fr' | 'es' | 'it' | 'nl';
const LANGS: Lang[] = ['en', 'de', 'fr', 'es', 'it', 'nl'];

const WORDS: Record<
	Lang,
	{
		hello: string;
		need: string;
		and: string;
		plus: string;
		withW: string;
		incl: string;
		matching: string;
		thanks: string;
		ps: string;
		also: string;
		qty: string;
		item: string;
	}
> = {
	en: {
		hello: 'Hello,',
		need: 'we need',
		and: 'and',
		plus: 'plus',
		withW: 'with',
		incl: 'incl.',
		matching: 'and matching',
		thanks: 'Thanks, Jo',
		ps: 'P.S. please add',
		also: 'We will also need',
		qty: 'Qty',
		item: 'Item',
	},
	de: {
		hello: 'Guten Tag,',
		need: 'wir benötigen',
		and: 'und',
		plus: 'sowie',
		withW: 'mit',
		incl: 'inkl.',
		matching: 'und passende',
		thanks: 'Danke, Jo',
		ps: 'PS: bitte noch',
		also: 'Außerdem brauchen wir',
		qty: 'Menge',
		item: 'Artikel',
	},
	fr: {
		hello: 'Bonjour,',
		need: 'nous avons besoin de',
		and: 'et',
		plus: 'ainsi que',
		withW: 'avec',
		incl: 'y compris',
		matching: 'et les',
		thanks: 'Merci, Jo',
		ps: 'PS : ajoutez svp',
		also: 'Il nous faut aussi',
		qty: 'Qté',
		item: 'Article',
	},
	es: {
		hello: 'Hola,',
		need: 'necesitamos',
		and: 'y',
		plus: 'más',
		withW: 'con',
		incl: 'incl.',
		matching: 'y los correspondientes',
		thanks: 'Gracias, Jo',
		ps: 'P.D. añadan por favor',
		also: 'También necesitamos',
		qty: 'Cant.',
		item: 'Artículo',
	},
	it: {
		hello: 'Buongiorno,',
		need: 'ci servono',
		and: 'e',
		plus: 'più',
		withW: 'con',
		incl: 'incl.',
		matching: 'e relativi',
		thanks: 'Grazie, Jo',
		ps: 'P.S. aggiungete',
		also: 'Ci servono anche',
		qty: 'Q.tà',
		item: 'Articolo',
	},
	nl: {
		hello: 'Goedendag,',
		need: 'wij hebben nodig:',
		and: 'en',
		plus: 'plus',
		withW: 'met',
		incl: 'incl.',
		matching: 'en bijpassende',
		thanks: 'Bedankt, Jo',
		ps: 'PS: graag ook',
		also: 'Verder hebben we nodig',
		qty: 'Aantal',
		item: 'Artikel',
	},
};

// one count for every item, as each language writes it
const EACH: Record<Lang, (n: number) => string> = {
	en: (n) => `${n} x each:`,
	de: (n) => `je ${n} Stück:`,
	fr: (n) => `${n} de chaque :`,
	es: (n) => `${n} de cada uno:`,
	it: (n) => `${n} di ciascuno:`,
	nl: (n) => `elk ${n} stuks:`,
};
const ONE: Record<Lang, string> = {
	en: 'one of the',
	de: 'ein Stück',
	fr: 'un seul',
	es: 'una unidad de',
	it: 'un pezzo di',
	nl: 'één stuk',
};

const PCS: Record<Lang, string> = {
	en: 'pcs',
	de: 'Stk.',
	fr: 'pcs',
	es: 'uds.',
	it: 'pz.',
	nl: 'st.',
};
const AS_WELL_AS: Record<Lang, string> = {
	en: 'as well as',
	de: 'ebenso',
	fr: 'de même que',
	es: 'así como',
	it: 'nonché',
	nl: 'alsmede',
};
// the counts 2 to 6 in words
const NUMBER_WORDS: Record<Lang, string[]> = {
	en: ['two', 'three', 'four', 'five', 'six'],
	de: ['zwei', 'drei', 'vier', 'fünf', 'sechs'],
	fr: ['deux', 'trois', 'quatre', 'cinq', 'six'],
	es: ['dos', 'tres', 'cuatro', 'cinco', 'seis'],
	it: ['due', 'tre', 'quattro', 'cinque', 'sei'],
	nl: ['twee', 'drie', 'vier', 'vijf', 'zes'],
};

// "Could you also quote 4 …?"
const QUESTION: Record<Lang, (n: number, say: string) => string> = {
	en: (n, say) => `Could you also quote ${n} ${say}?`,
	de: (n, say) => `Können Sie auch ${n} ${say} anbieten?`,
	fr: (n, say) => `Pouvez-vous aussi chiffrer ${n} ${say} ?`,
	es: (n, say) => `¿Pueden cotizar también ${n} ${say}?`,
	it: (n, say) => `Potete quotare anche ${n} ${say}?`,
	nl: (n, say) => `Kunt u ook ${n} ${say} aanbieden?`,
};

/** A product word alone, of which the catalog sells several items: no one of them is what was asked for. */
const GENERIC: Record<Catalog, string[]> = {
	safety: [
		'safety helmets',
		'ear muffs',
		'FFP2 masks',
		'gas detectors',
		'fire extinguishers',
		'safety glasses',
		'fall arrest harnesses',
		'first aid kits',
	],
	fluid: [
		'pneumatic cylinders',
		'solenoid valves',
		'ball valves',
		'pressure gauges',
		'gear pumps',
		'filter regulators',
		'push-in fittings',
		'hydraulic hose',
	],
};

export const SHAPES = [
	'list',
	'sentence',
	'with',
	'incl',
	'plus',
	'matching',
	'countAfter',
	'table',
	'ps',
	'paragraph',
	'lacking',
	'variantLacking',
	'lackingInSentence',
	'each',
	'noCount',
	'slash',
	'parens',
	'bullets',
	'countWords',
	'asWellAs',
	'question',
	'parenthetical',
	'lackingAmong',
	'generic',
] as const;
export type Shape = (typeof SHAPES)[number];

export interface Generated {
	id: string;
	catalog: Catalog;
	lang: Lang;
	shape: Shape;
	text: string;
	/** The lines a right quote holds; lacking: an item no catalog sells is asked for too, so no auto quote is right. */
	expected: { sku: string; qty: number }[];
	lacking: boolean;
}

function pickItems(r: () => number, pool: Described[], n: number): Described[] {
	const out: Described[] = [];
	for (let tries = 0; out.length < n && tries < 100; tries++) {
		const d = pool[Math.floor(r() * pool.length)]!;
		if (!out.some((o) => o.family === d.family)) out.push(d);
	}
	return out;
}

function compose(
	shape: Shape,
	lang: Lang,
	parts: { say: string; qty: number }[],
	lackingSay?: string,
): string {
	const w = WORDS[lang];
	const c = (p: { say: string; qty: number }) => `${p.qty} x ${p.say}`;
	const [a, b, rest] = [parts[0]!, parts[1]!, parts.slice(2)];
	const tail = rest.map((p) => `, ${p.qty} ${p.say}`).join('');
	switch (shape) {
		case 'list':
			return `${w.hello}\n${parts.map(c).join(', ')}\n${w.thanks}`;
		case 'sentence': {
			const words = parts.map((p) => `${p.qty} ${p.say}`);
			const last = words.pop()!;
			return `${w.hello} ${w.need} ${words.join(', ')} ${w.plus} ${last}.\n${w.thanks}`;
		}
		case 'with':
			return `${w.hello} ${w.need} ${a.qty} ${a.say} ${w.withW} ${b.qty} ${b.say}${tail}.\n${w.thanks}`;
		case 'incl':
			return `${w.hello} ${w.need} ${a.qty} ${a.say} ${w.incl} ${b.qty} ${b.say}${tail}.\n${w.thanks}`;
		case 'plus':
			return `${parts.map((p) => `${p.qty} ${p.say}`).join(' + ')}\n${w.thanks}`;
		case 'matching':
			return `${w.hello} ${w.need} ${a.qty} ${a.say} ${w.matching} ${b.qty} ${b.say}${tail}.\n${w.thanks}`;
		case 'countAfter':
			return `${w.hello}\n${parts.map((p) => `${p.say}: ${p.qty}`).join('\n')}\n${w.thanks}`;
		case 'table':
			return `${w.hello}\n${w.item} | ${w.qty}\n${parts.map((p) => `${p.say} | ${p.qty}`).join('\n')}\n${w.thanks}`;
		case 'ps': {
			const last = parts[parts.length - 1]!;
			return `${w.hello}\n${parts.slice(0, -1).map(c).join('\n')}\n${w.thanks}\n\n${w.ps} ${last.qty} ${last.say}.`;
		}
		case 'paragraph': {
			const last = parts[parts.length - 1]!;
			return `${w.hello}\n${w.need} ${parts
				.slice(0, -1)
				.map((p) => `${p.qty} ${p.say}`)
				.join(`, `)}.\n\n${w.also} ${last.qty} ${last.say}.\n\n${w.thanks}`;
		}
		case 'lacking':
		case 'variantLacking':
		case 'generic':
			return `${w.hello}\n${[...parts.map(c), `${parts.length + 1} x ${lackingSay!}`].join('\n')}\n${w.thanks}`;
		case 'lackingInSentence':
			return `${w.hello} ${w.need} ${parts.map((p) => `${p.qty} ${p.say}`).join(', ')} ${w.and} ${parts.length + 2} ${lackingSay!}.\n${w.thanks}`;
		case 'each':
			// one count for every item: "5 x each of A and B"
			return `${w.hello} ${w.need} ${EACH[lang](a.qty)} ${parts.map((p) => p.say).join(` ${w.and} `)}.\n${w.thanks}`;
		case 'slash':
			return `${w.hello}\n${parts.map((p) => `${p.qty} ${p.say}`).join(' / ')}\n${w.thanks}`;
		case 'parens':
			return `${w.hello} ${w.need}: ${parts.map((p) => `${p.say} (${p.qty})`).join(', ')}.\n${w.thanks}`;
		case 'bullets':
			return `${w.hello}\n${parts.map((p, k) => `${k + 1}) ${p.say} – ${p.qty} ${PCS[lang]}`).join('\n')}\n${w.thanks}`;
		case 'countWords':
			return `${w.hello} ${w.need} ${parts.map((p) => `${NUMBER_WORDS[lang][p.qty - 2] ?? p.qty} ${p.say}`).join(` ${w.and} `)}.\n${w.thanks}`;
		case 'asWellAs':
			return `${w.hello} ${w.need} ${a.qty} ${a.say}, ${AS_WELL_AS[lang]} ${b.qty} ${b.say}${tail}.\n${w.thanks}`;
		case 'question':
			// the last item asked in a question of its own
			return `${w.hello} ${w.need} ${parts
				.slice(0, -1)
				.map((p) => `${p.qty} ${p.say}`)
				.join(
					', ',
				)}. ${QUESTION[lang](parts[parts.length - 1]!.qty, parts[parts.length - 1]!.say)}\n${w.thanks}`;
		case 'parenthetical':
			return `${w.hello} ${w.need} ${a.qty} ${a.say} (${w.plus} ${b.qty} ${b.say})${tail}.\n${w.thanks}`;
		case 'lackingAmong':
			return `${w.hello} ${w.need} ${a.qty} ${a.say}, ${parts.length + 3} ${lackingSay!} ${w.and} ${b.qty} ${b.say}${tail}.\n${w.thanks}`;
		case 'noCount':
			// the last item without a count: one of it
			return `${w.hello} ${w.need} ${parts
				.slice(0, -1)
				.map((p) => `${p.qty} ${p.say}`)
				.join(', ')} ${w.and} ${ONE[lang]} ${parts[parts.length - 1]!.say}.\n${w.thanks}`;
	}
}

/** `n` requests from `seed`: pairs and triples of items of different families, every shape and language. */
export function generateRequests(n = 330, seed = 83): Generated[] {
	const r = mulberry32(seed); // the same requests on every run
	const out: Generated[] = [];
	for (let i = 0; i < n; i++) {
		const catalog: Catalog = i % 2 === 0 ? 'safety' : 'fluid';
		const shape = SHAPES[i % SHAPES.length]!;
		const lang = LANGS[Math.floor(i / SHAPES.length) % LANGS.length]!;
		const items = pickItems(r, catalog === 'safety' ? SAFETY : FLUID, r() < 0.5 ? 2 : 3);
		const parts = items.map((d) => {
			const say = d.says[Math.floor(r() * d.says.length)]!;
			// one in three named in the buyer's own language where the item has such a name
			const local = r() < 0.35 ? d.local?.[lang] : undefined;
			return { say: local ?? say, qty: 2 + Math.floor(r() * 23) };
		});
		const variants = VARIANT_LACKING[catalog];
		const lackingSay =
			shape === 'lacking' || shape === 'lackingInSentence' || shape === 'lackingAmong'
				? LACKING[Math.floor(r() * LACKING.length)]!
				: shape === 'variantLacking'
					? variants[Math.floor(r() * variants.length)]!
					: shape === 'generic'
						? GENERIC[catalog][Math.floor(r() * GENERIC[catalog].length)]!
						: undefined;
		if (shape === 'each') for (const p of parts) p.qty = parts[0]!.qty;
		if (shape === 'noCount') parts[parts.length - 1]!.qty = 1;
		if (shape === 'countWords') for (const p of parts) p.qty = 2 + (p.qty % 5);
		out.push({
			id: `G${String(i).padStart(3, '0')}-${catalog}-${lang}-${shape}`,
			catalog,
			lang,
			shape,
			text: compose(shape, lang, parts, lackingSay),
			expected: items.map((d, k) => ({ sku: d.sku, qty: parts[k]!.qty })),
			lacking: lackingSay !== undefined,
		});
	}
	return out;
}

export interface Finding {
	request: Generated;
	lines: string[];
	why: string[];
}

/** The property: an automatic quote holds every item with its count and nothing else (and no lacking item is asked). */
export function breaksProperty(g: Generated): Finding | undefined {
	const q = quoteOn(g.catalog, g.text);
	if (q.status !== 'quoted' || q.route !== 'auto') return undefined;
	const got = new Map(q.lines.map((l) => [l.sku, l.qty]));
	const why: string[] = [];
	for (const e of g.expected) {
		if (!got.has(e.sku)) why.push(`missing ${e.sku}`);
		else if (got.get(e.sku) !== e.qty) why.push(`qty ${e.sku} ${got.get(e.sku)}≠${e.qty}`);
	}
	for (const l of q.lines) if (!g.expected.some((e) => e.sku === l.sku)) why.push(`extra ${l.sku}`);
	if (g.lacking) why.push('an item the catalog lacks was asked for');
	return why.length > 0
		? { request: g, lines: q.lines.map((l) => `${l.sku} x${l.qty}`), why }
		: undefined;
}
