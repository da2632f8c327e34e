// Case- and accent-folding that keeps string length, so a keyword found in the folded text can be
// quoted verbatim from the original at the same offsets ("Geschäftsführer" ↔ "geschaftsfuhrer",
// "Caudalímetro" ↔ "caudalimetro"). Evidence must quote the input exactly; this is what allows it.

// Folded code unit for U+0000–U+024F (ASCII, Latin-1, Latin Extended-A/B); others are kept.
const FOLD_TABLE = new Uint16Array(0x250);
for (let code = 0; code < FOLD_TABLE.length; code++) {
	const ch = String.fromCharCode(code);
	const lower = ch.toLowerCase();
	const base = lower.length === 1 ? lower.normalize('NFD')[0] : ch;
	FOLD_TABLE[code] = base.length === 1 && base.charCodeAt(0) < 0x250 ? base.charCodeAt(0) : code;
}

const HAS_ACCENT = /[\u00c0-\u024f]/;
const ACCENTED = /[\u00c0-\u024f]/g;
const foldChar = (ch: string): string => String.fromCharCode(FOLD_TABLE[ch.charCodeAt(0)]);

/** Lower-cases and strips Latin diacritics; the result has exactly the length of the input. */
export function fold(text: string): string {
	const lower = text.toLowerCase();
	// toLowerCase keeps the length except for a handful of characters (e.g. "İ"); fall back for those.
	if (lower.length !== text.length) return foldSlow(text);
	return HAS_ACCENT.test(lower) ? lower.replace(ACCENTED, foldChar) : lower;
}

function foldSlow(text: string): string {
	let out = '';
	for (let i = 0; i < text.length; i++) {
		const code = text.charCodeAt(i);
		out += code < 0x250 ? String.fromCharCode(FOLD_TABLE[code]) : text[i];
	}
	return out;
}

/** Regex source for a literal, escaped. */
export function escapeRegex(text: string): string {
	return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
