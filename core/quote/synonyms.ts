// Which words mean the same product concept. Buyers write "controller", "SPS", "Steuerung" or "CPU" for
// what the catalog calls a PLC, "operator panel" for an HMI, "Frequenzumrichter" for a VFD; catalog
// texts mix the same vocabularies. Both the catalog and the request pass through `canonicalize`, which
// replaces each known phrase (longest first, after stemming) by its canonical English tokens, so a
// synonym matches exactly like the canonical word (no expansion that would dilute BM25 scores). Head
// concepts are the product-type words a requirement is built around; the request splitter uses them to
// tell "PLC, HMI and VFD" (three requirements) from "VFD, 55 kW, 400 V" (one).

/** Surface phrase (any case, any language, with or without diacritics) → canonical English tokens. */
const PHRASES: ReadonlyArray<readonly [string, string]> = [
	// controllers
	['programmable logic controller', 'plc'],
	['programmable controller', 'plc'],
	['logic controller', 'plc'],
	['controller', 'plc'],
	['controllers', 'plc'],
	['cpu', 'plc'],
	['sps', 'plc'],
	['steuerung', 'plc'],
	['automate', 'plc'],
	['automate programmable', 'plc'],
	['automata', 'plc'],
	['automata programable', 'plc'],
	['controlador', 'plc'],
	['controlador logico', 'plc'],
	['controllore', 'plc'],
	['clp', 'plc'],
	['controlador logico programavel', 'plc'],
	['automate programmable industriel', 'plc'],
	['speicherprogrammierbare steuerung', 'plc'],
	// operator panels
	['operator panel', 'hmi'],
	['operator interface', 'hmi'],
	['operator terminal', 'hmi'],
	['touch panel', 'hmi'],
	['touchpanel', 'hmi'],
	['touchscreen', 'hmi'],
	['touch screen', 'hmi'],
	['bedienpanel', 'hmi'],
	['bediengerat', 'hmi'],
	['bedienterminal', 'hmi'],
	['pantalla tactil', 'hmi'],
	['panel de operador', 'hmi'],
	['ecran tactile', 'hmi'],
	['terminal operateur', 'hmi'],
	['pannello operatore', 'hmi'],
	['ihm', 'hmi'],
	['interface homme machine', 'hmi'],
	['interfaz hombre maquina', 'hmi'],
	['interface homem maquina', 'hmi'],
	['bedienpanele', 'hmi'],
	['painel de operacao', 'hmi'],
	['pupitre operateur', 'hmi'],
	// drives
	['variable frequency drive', 'vfd'],
	['variable speed drive', 'vfd'],
	['frequency drive', 'vfd'],
	['frequency converter', 'vfd'],
	['frequency inverter', 'vfd'],
	['ac drive', 'vfd'],
	['drive', 'vfd'],
	['inverter', 'vfd'],
	['vsd', 'vfd'],
	['frequenzumrichter', 'vfd'],
	['umrichter', 'vfd'],
	['variador', 'vfd'],
	['variador de frecuencia', 'vfd'],
	['variador de velocidad', 'vfd'],
	['convertidor de frecuencia', 'vfd'],
	['variateur', 'vfd'],
	['variateur de vitesse', 'vfd'],
	['variateur de frequence', 'vfd'],
	['inverter di frequenza', 'vfd'],
	['inversor', 'vfd'],
	['inversor de frecuencia', 'vfd'],
	['inversor de frequencia', 'vfd'],
	['conversor de frequencia', 'vfd'],
	['frequenzumformer', 'vfd'],
	['antrieb', 'vfd'],
	['azionamento', 'vfd'],
	['convertitore di frequenza', 'vfd'],
	// I/O modules
	['card', 'module'],
	['karte', 'module'],
	['karten', 'module'],
	['baugruppe', 'module'],
	['baugruppen', 'module'],
	['modul', 'module'],
	['tarjeta', 'module'],
	['modulo', 'module'],
	['carte', 'module'],
	['scheda', 'module'],
	['signal module', 'module'],
	['signal board', 'module'],
	['io', 'io'],
	['dq', 'digital output'],
	['ao', 'analog output'],
	['aq', 'analog output'],
	['eingang', 'input'],
	['eingange', 'input'],
	['eingangs', 'input'],
	['eingabe', 'input'],
	['entrada', 'input'],
	['entree', 'input'],
	['ingresso', 'input'],
	['ingressi', 'input'],
	['ausgang', 'output'],
	['ausgange', 'output'],
	['ausgangs', 'output'],
	['ausgabe', 'output'],
	['salida', 'output'],
	['sortie', 'output'],
	['uscita', 'output'],
	['uscite', 'output'],
	['digitale', 'digital'],
	['digitales', 'digital'],
	['numerique', 'digital'],
	['digitali', 'digital'],
	['analogue', 'analog'],
	['analoge', 'analog'],
	['analogico', 'analog'],
	['analogica', 'analog'],
	['analogique', 'analog'],
	['analogici', 'analog'],
	['channel', 'point'],
	['kanal', 'point'],
	['kanale', 'point'],
	['canal', 'point'],
	['voie', 'point'],
	['punkt', 'point'],
	['punkte', 'point'],
	['punto', 'point'],
	// pressure
	['druckmessumformer', 'pressure transmitter'],
	['drucktransmitter', 'pressure transmitter'],
	['druckaufnehmer', 'pressure transmitter'],
	['drucktransmitter', 'pressure transmitter'],
	['messumformer', 'transmitter'],
	['transmisor', 'transmitter'],
	['transmetteur', 'transmitter'],
	['trasmettitore', 'transmitter'],
	['transductor', 'transmitter'],
	['transmissor', 'transmitter'],
	['presion', 'pressure'],
	['pression', 'pressure'],
	['druck', 'pressure'],
	['pressione', 'pressure'],
	['pressao', 'pressure'],
	['differenzdruck', 'differential pressure'],
	['diferencial', 'differential'],
	['differentiel', 'differential'],
	['differenziale', 'differential'],
	['relativdruck', 'gauge pressure'],
	['manometrica', 'gauge'],
	['relative', 'gauge'],
	['relativa', 'gauge'],
	['absolutdruck', 'absolute pressure'],
	['absoluta', 'absolute'],
	['absolue', 'absolute'],
	// flow
	['flowmeter', 'flowmeter'],
	['flow meter', 'flowmeter'],
	['durchflussmesser', 'flowmeter'],
	['durchflussmessgerat', 'flowmeter'],
	['durchflussmessung', 'flowmeter'],
	['caudalimetro', 'flowmeter'],
	['medidor de caudal', 'flowmeter'],
	['debitmetre', 'flowmeter'],
	['misuratore di portata', 'flowmeter'],
	['medidor de vazao', 'flowmeter'],
	['medidor de flujo', 'flowmeter'],
	['caudalimetro electromagnetico', 'magnetic flowmeter'],
	['flussometro', 'flowmeter'],
	['portata', 'flow'],
	['vazao', 'flow'],
	['magnetisch induktiver durchflussmesser', 'magnetic flowmeter'],
	['eletromagnetico', 'magnetic'],
	['magmeter', 'magnetic flowmeter'],
	['vortex meter', 'vortex flowmeter'],
	['coriolis meter', 'coriolis flowmeter'],
	['mass flow meter', 'mass flowmeter'],
	['mag meter', 'magnetic flowmeter'],
	['electromagnetic', 'magnetic'],
	['electromagnetico', 'magnetic'],
	['electromagnetique', 'magnetic'],
	['elettromagnetico', 'magnetic'],
	['magnetisch induktiv', 'magnetic'],
	['magnetisch', 'magnetic'],
	['induktiv', 'magnetic'],
	['magnetico', 'magnetic'],
	['magnetique', 'magnetic'],
	['vortice', 'vortex'],
	['flow transmitter', 'flowmeter'],
	['caudal', 'flow'],
	['durchfluss', 'flow'],
	['debit', 'flow'],
	['wirbelzahler', 'vortex flowmeter'],
	// power supplies
	['power supply', 'power supply'],
	['power supply unit', 'power supply'],
	['psu', 'power supply'],
	['netzteil', 'power supply'],
	['netzgerat', 'power supply'],
	['stromversorgung', 'power supply'],
	['fuente de alimentacion', 'power supply'],
	['fonte de alimentacao', 'power supply'],
	['alimentation', 'power supply'],
	['bloc d alimentation', 'power supply'],
	['alimentatore', 'power supply'],
	// memory
	['memory card', 'memory card'],
	['speicherkarte', 'memory card'],
	['tarjeta de memoria', 'memory card'],
	['carte memoire', 'memory card'],
	['scheda di memoria', 'memory card'],
	['smc', 'memory card'],
	['speicher', 'memory'],
	['memoria', 'memory'],
	['memoire', 'memory'],
	// cables and network
	['kabel', 'cable'],
	['leitung', 'cable'],
	['cavo', 'cable'],
	['cord', 'cable'],
	['patchkabel', 'patch cable'],
	['patch cord', 'patch cable'],
	['latiguillo', 'patch cable'],
	['cordon', 'patch cable'],
	['conmutador', 'switch'],
	['commutateur', 'switch'],
	['netzwerk', 'network'],
	['reseau', 'network'],
	['unmanaged', 'unmanaged'],
	['nicht gemanagt', 'unmanaged'],
	['no gestionado', 'unmanaged'],
	['non manage', 'unmanaged'],
	['gemanagt', 'managed'],
	['gestionado', 'managed'],
	// services
	['programing', 'programming'],
	['programmierung', 'programming'],
	['programmieren', 'programming'],
	['programacion', 'programming'],
	['programmation', 'programming'],
	['programmazione', 'programming'],
	['software development', 'programming'],
	['coding', 'programming'],
	['inbetriebnahme', 'commissioning'],
	['puesta en marcha', 'commissioning'],
	['puesta en servicio', 'commissioning'],
	['comissionamento', 'commissioning'],
	['colocacao em funcionamento', 'commissioning'],
	['avviamento', 'commissioning'],
	['mise en service', 'commissioning'],
	['messa in servizio', 'commissioning'],
	['start up', 'commissioning'],
	['startup', 'commissioning'],
	['schulung', 'training'],
	['formacion', 'training'],
	['capacitacion', 'training'],
	['formation', 'training'],
	['formazione', 'training'],
	['course', 'training'],
	['vor ort', 'onsite'],
	['on site', 'onsite'],
	['en sitio', 'onsite'],
	['sur site', 'onsite'],
	['in situ', 'onsite'],
	['fernwartung', 'remote support'],
	['soporte remoto', 'remote support'],
	['assistance a distance', 'remote support'],
	// people and wiring words buyers use in their own language
	['operateur', 'operator'],
	['operador', 'operator'],
	['bediener', 'operator'],
	['operatore', 'operator'],
	['steuerleitung', 'control cable'],
	['steuer', 'control'],
	['control', 'control'],
	['mantenimiento', 'maintenance'],
	['wartung', 'maintenance'],
	['instandhaltung', 'maintenance'],
	// size words of enquiries ("un PLC pequeño"): the catalog calls small controllers compact
	['small', 'compact'],
	['klein', 'compact'],
	['kleine', 'compact'],
	['kleinsteuerung', 'compact plc'],
	['pequeno', 'compact'],
	['pequena', 'compact'],
	['petit', 'compact'],
	['petite', 'compact'],
	['piccolo', 'compact'],
	// misc hardware
	['terminal block', 'terminal block'],
	['hutschiene', 'din rail'],
	['tragschiene', 'din rail'],
	['carril din', 'din rail'],
	['rail din', 'din rail'],
	['reihenklemme', 'terminal block'],
	['klemme', 'terminal block'],
	['bornier', 'terminal block'],
	['borne', 'terminal block'],
	['relais', 'relay'],
	['rele', 'relay'],
	['schaltschrank', 'enclosure'],
	['gehause', 'enclosure'],
	['armario', 'enclosure'],
	['coffret', 'enclosure'],
	['armoire', 'enclosure'],
	['cabinet', 'enclosure'],
];

/** Product-type words a requirement is built around. */
export const HEAD_CONCEPTS: ReadonlySet<string> = new Set([
	'plc',
	'hmi',
	'vfd',
	'module',
	'transmitter',
	'flowmeter',
	'supply',
	'cable',
	'card',
	'switch',
	'programming',
	'commissioning',
	'training',
	'engineering',
	'support',
	'relay',
	'enclosure',
	'block',
	'sensor',
	'rail',
	'breaker',
	'ups',
	'router',
	'license',
	'licence',
	'software',
	'connector',
]);

export interface SynonymTable {
	/** Phrase (stemmed tokens joined by one space) → canonical tokens. */
	phrases: ReadonlyMap<string, readonly string[]>;
	longest: number;
	/** First words of the phrases of two or more words (only these need a longer look-ahead). */
	starts: ReadonlySet<string>;
	/** Every single word the table knows, for decompounding and typo correction. */
	lexicon: ReadonlySet<string>;
}

/**
 * Builds the lookup once from surface phrases; `prepare` is the tokenizer's own normalise+stem, passed in
 * so both sides of a match go through exactly the same steps.
 */
export function buildSynonymTable(prepare: (phrase: string) => string[]): SynonymTable {
	const phrases = new Map<string, readonly string[]>();
	const lexicon = new Set<string>();
	const starts = new Set<string>();
	let longest = 1;
	for (const [surface, canonical] of PHRASES) {
		const key = prepare(surface);
		const value = prepare(canonical);
		if (key.length === 0 || value.length === 0) continue;
		phrases.set(key.join(' '), value);
		longest = Math.max(longest, key.length);
		if (key.length > 1) starts.add(key[0]);
		for (const t of key) lexicon.add(t);
		for (const t of value) lexicon.add(t);
	}
	for (const head of HEAD_CONCEPTS) lexicon.add(head);
	return { phrases, longest, starts, lexicon };
}

/**
 * Replaces known phrases by their canonical tokens, longest match first; `protected` marks the output
 * tokens that came from the table (so stop-word removal leaves them alone).
 */
export function canonicalize(
	tokens: readonly string[],
	table: SynonymTable,
): { tokens: string[]; fromTable: boolean[] } {
	const out: string[] = [];
	const fromTable: boolean[] = [];
	let i = 0;
	while (i < tokens.length) {
		let matched = false;
		const maxLen = table.starts.has(tokens[i]) ? Math.min(table.longest, tokens.length - i) : 1;
		for (let len = maxLen; len >= 1; len--) {
			const value = table.phrases.get(tokens.slice(i, i + len).join(' '));
			if (value) {
				for (const v of value) {
					out.push(v);
					fromTable.push(true);
				}
				i += len;
				matched = true;
				break;
			}
		}
		if (!matched) {
			out.push(tokens[i]);
			fromTable.push(false);
			i += 1;
		}
	}
	return { tokens: out, fromTable };
}
