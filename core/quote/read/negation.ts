// Extractor: what the buyer says not to quote. A service after a negation ("1 wallbox of 11 kW without
// installation", "sin instalación", "ohne Installation", "sans installation", "senza installazione", "sem
// instalação", "zonder installatie", "bez instalacji") is not asked for: blanked (same length), so it is
// neither a line nor a word of the item before. A short aside in parentheses that negates ("(no rotor)",
// "(ohne Rotor)", "(sin rotor)") is blanked too, so its product word asks for nothing; the item it
// describes goes to a person, who sees the aside named (the catalog may sell it both ways).
import { foldSameLength } from '../multipliers';
import { blank } from './text';
import { SERVICE_WORDS } from './vocabulary';

export interface NegatedAside {
	start: number;
	end: number;
	why: string;
}

// the words for "without" / "no" in the eight languages (folded)
const NEGATION =
	'without|w/o|no|not|ohne|kein|keine|keinen|sin|sans|senza|sem|zonder|geen|bez|nessun|nessuna';
const ARTICLE = "(?:the|a|an|die|der|den|das|la|le|el|l'|il|lo|o|a|de|het|een)\\s+";
const NEGATED_SERVICE = new RegExp(
	`(?<![\\p{L}])(?:${NEGATION})\\s+(?:${ARTICLE})?(?:${SERVICE_WORDS})[\\p{L}]*`,
	'giu',
);
// "(no rotor)", "(without lid)", "(ohne Deckel)": up to three words after the negation, nothing else inside
const NEGATED_ASIDE = new RegExp(
	`\\((?:${NEGATION})\\s+[\\p{L}-]+(?:\\s+[\\p{L}-]+){0,2}\\s*\\)`,
	'giu',
);

/** The text with negated services and negating asides blanked, and the asides for the reviewer. */
export function blankNegated(text: string): { text: string; asides: NegatedAside[] } {
	const folded = foldSameLength(text);
	let out = text;
	const asides: NegatedAside[] = [];
	for (const m of folded.matchAll(NEGATED_SERVICE)) {
		const start = m.index ?? 0;
		out = blank(out, start, start + m[0].length);
	}
	for (const m of folded.matchAll(NEGATED_ASIDE)) {
		const start = m.index ?? 0;
		const end = start + m[0].length;
		out = blank(out, start, end);
		asides.push({
			start,
			end,
			why: `"${text.slice(start, end)}" says what not to include; read as not asked for`,
		});
	}
	return { text: out, asides };
}
