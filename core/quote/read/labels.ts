// Extractor: numbers that name, not count (the one reader of them). A place or machine with its number (its words: this list and read/vocabulary.ts `places`) ("line 2 needs …", "hall 2",
// "dock 2", "Linie 3", "machine no. 7", "S/N 20231145"), a street address ("14 Harbour Rd", "ul. Lipowa
// 7", "Hauptstraße 12") and a date written with its month ("3 December", "Dec 3", "1 dic 2026", "am 3.
// Dezember") are blanked (same offsets) before the products are read, so their numbers are neither a
// count, a loose number of a requirement nor a count that no line uses. A number followed by a unit or a
// count word ("unit 10 A", "line 2 x 5 m") is left alone. The position label of a request form's line ("Item 1:",
// "Partida 2:", "Poz. 3:") is blanked with its number.
import { MONTH_INDEX } from '../../qualify/timelinePatterns';
import { foldSameLength } from '../multipliers';
import { COUNT_WORDS, PLACE_WORDS } from './vocabulary';

const PLACES = [
	...PLACE_WORDS,
	...'line|lines|linie|lijn|linea|ligne|linha|linii|hall|halle|hal|hala|bldg|gebaude|edificio|batiment|dock|gate|tor|unit|room|raum|sala|salle|floor|etage|planta|piano|bay|zone|bench|station|machine|maschine|maquina|machine|macchina|site|werk|plant|stage|tank|pump|pumpe|conveyor|cabinet|schrank|armoire|armario|quadro|skid|cell|zelle|kiosk|lab|labor'.split(
		'|',
	),
].join('|');
const UNIT_AFTER = `(?:x|×|kw|w|v|a|ma|mm|cm3|cm³|ccm|cc|cm|m|ml|l|µl|ul|g|kg|mb|gb|bar|hz|%|"|inch|zoll|ports?|points?|channels?|${COUNT_WORDS.join('|')})(?![\\p{L}\\d])`;
// "je Raum 2 Downlights", "sur chaque ligne 3 variateurs": after a per-word the number is a count
const PER =
	'(?:each|every|per|je|pro|chaque|cada|ogni|jede[nrsm]?|elke|iedere|por|par|na|po|for each)';
const LABEL = new RegExp(
	`(?<![\\p{L}\\d])(?<!${PER}\\s+)(?:${PLACES})(?:\\s*(?:no\\.?|nr\\.?|n°|nº|#))?\\s*(\\d{1,4}[a-z]?)(?![\\d.,/-]?\\d)(?!\\s*${UNIT_AFTER})`,
	'giu',
);
const SERIAL =
	/(?<![\p{L}\d])(?:s\/n|sn|serial(?:\s+(?:no\.?|number|nr\.?))?|seriennummer|n° de serie|numero de serie)\s*[:#]?\s*[\p{L}\d][\p{L}\d/-]*\d[\p{L}\d/-]*/giu;
// written with capitals, so the street words are matched case-sensitively on the text as written
const CAP = "\\p{Lu}[\\p{L}'-]*";
const STREET = new RegExp(
	[
		// "14 Harbour Rd", "12 rue de la Paix", "221B Baker Street"
		`(?<![\\p{L}\\d])\\d{1,4}[a-zA-Z]?,?\\s+(?:(?:rue|avenue|av\\.|bd|boulevard|chemin|allée|place|impasse)\\s+(?:[\\p{L}'-]+\\s+){0,3}[\\p{L}'-]+|(?:${CAP}\\s+){1,3}(?:Rd|Road|Street|St|Ave|Avenue|Lane|Ln|Way|Drive|Dr|Close|Court|Ct|Crescent|Terrace|Blvd|Place|Pl)(?![\\p{L}])\\.?)`,
		// "Hauptstraße 12", "Industrieweg 4a", "ul. Lipowa 7", "Via Roma 12", "Calle Mayor 5", "Rua Augusta 10"
		`(?<![\\p{L}\\d])(?:\\p{Lu}[\\p{L}-]*(?:strasse|straße|str\\.|weg|allee|platz|gasse|ring|damm|laan|straat|gracht|plein)|(?:ul\\.|ulica|Via|Viale|Piazza|Corso|Calle|C\\/|Avda\\.?|Avenida|Paseo|Rua|Travessa|Largo)\\s+(?:${CAP}\\s+){0,3}${CAP}),?\\s+\\d{1,4}[a-z]?(?![\\p{L}\\d])`,
	].join('|'),
	'gu',
);
// "call me on +44 161 496 0733", "Tel. 02 40 12 34 56": a phone number in a sentence
const PHONE =
	/(?:\+\d{1,3}[\s./-]?(?:\(0\)\s?)?\d{1,5}(?:[\s./-]?\d{2,5}){1,4}|(?<![\p{L}])(?:tel|tel\.|phone|call me on|call|mob|mobile|mobil|fax|telefon|telefono|telephone|tél|tlf)\.?\s*:?\s*\(?\d[\d\s()./-]{6,}\d)(?![\d])/giu;
// "deadline 3/12", "bis 15.01.", "avant le 3/12": a day and a month
const SHORT_DATE =
	/(?<![\p{L}])(?:deadline|due|by|until|before|bis|vor|avant(?: le)?|antes del?|entro(?: il)?|uiterlijk|do|termin)\s*:?\s*\d{1,2}[./]\d{1,2}\.?(?![\d.,/])/giu;
// "Item 1:", "Pos. 2 –", "Partida 3:", "Poste 4)", "Voce 5:", "Positie 6:", "Posição 7:", "Poz. 8:", and a lot's
// line in a tender ("Article 3.2 –", "Art. 2.1 –"): the
// position of a line of a request form, at the start of the line, is no count of it (a form's count is in its
// own field: "— Cantidad: 2 uds", "— 48 st.")
const POSITION =
	/^[ \t>*•-]*(?:line item|item|ítem|pos\.?|position|posten|partida|posici[oó]n|rengl[oó]n|poste|article|art\.?|rubrique|voce|articolo|positie|regel|artikel|posi[cç][aã]o|artigo|pozycja|poz\.?|lp\.?)\s*(?:no\.?|nr\.?|n°|nº|#)?\s*\d{1,3}(?:\.\d{1,2})?(?:\s*[:.)]|\s+[-–—])(?=\s)/gimu;
// "Product: Norgren V60 …", "Message: Also please add …", "Bemerkung: …": the label of a web form's or an ERP
// export's field, at the start of a line and before a colon, names the field, not what is asked for (the field's
// value is read; a count's own label, "Quantity: 6", is read with the count: accounting.ts countLabels)
const FIELD =
	/^[ \t>*•-]*(?:products?|produkte?|productos?|produits?|prodott[oi]|produtos?|produkty?|messages?|nachricht|mensajes?|messaggio|mensagem|bericht|wiadomosc|wiadomość|comments?|kommentare?|comentarios?|commentaires?|comment[oi]|notes?|notas?|bemerkung(?:en)?|anmerkung(?:en)?|remarks?|opmerking(?:en)?|uwagi|your (?:message|request|enquiry|inquiry)|ihre (?:nachricht|anfrage)|votre (?:message|demande)|su (?:mensaje|consulta))\s*:(?=\s)/gimu;
// month words of core/qualify's timeline reader; "may", "mars", "mar" stand for a month only after a day
const MONTHS = [...MONTH_INDEX.keys()].sort((a, b) => b.length - a.length);
const SAFE_MONTHS = MONTHS.filter((m) => !['may', 'mai', 'mar', 'mars', 'march'].includes(m));
const DATE = new RegExp(
	`(?<![\\p{L}\\d.,])\\d{1,2}(?:st|nd|rd|th|\\.|º|er)?\\s*(?:de\\s+|of\\s+)?(?:${MONTHS.join('|')})(?![\\p{L}])\\.?(?:,?\\s*(?:de\\s+)?(?:19|20)\\d\\d(?!\\d))?|(?<![\\p{L}])(?:${SAFE_MONTHS.join('|')})\\.?\\s+\\d{1,2}(?:st|nd|rd|th)?(?![\\p{L}\\d])(?:,?\\s*(?:19|20)\\d\\d(?!\\d))?`,
	'giu',
);

// "before the 15th", "our deadline is the 21st", "avant le 1er", "antes del 3º": a day or a rank is no count
const ORDINAL = /(?<![\p{L}\d.,])\d{1,2}(?:st|nd|rd|th|º|ª|er|eme)(?![\p{L}\d])/giu;

/** The text with place and machine numbers, street addresses and dates blanked (same length). */
export function blankLabels(text: string): string {
	const folded = foldSameLength(text);
	const spans: Array<[number, number]> = [];
	for (const re of [SERIAL, PHONE, STREET, DATE, SHORT_DATE, ORDINAL, LABEL, POSITION, FIELD]) {
		re.lastIndex = 0;
		for (const m of (re === STREET ? text : folded).matchAll(re))
			spans.push([m.index ?? 0, (m.index ?? 0) + m[0].length]);
	}
	let out = text;
	for (const [s, e] of spans) out = out.slice(0, s) + ' '.repeat(e - s) + out.slice(e);
	return out;
}
