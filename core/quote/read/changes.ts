// Extractor: words that change the item asked for (issue 15, ADR 0044). "2 ACS580 7.5 kW without the control
// panel", "Without panel, we need 2 …", "…, no control panel", "10 Golf enclosures in stainless", "Ex-zone",
// "explosionsgeschützte Ausführung": the catalog item is not what the buyer asked for, however well the
// other words match it. The words are those of read/vocabulary.ts `modifiers`; "no <thing>" after a comma
// or at the start of a clause is one too ("no" inside a clause is Portuguese "in the": "no local").
import { normalizeText } from '../tokenize';
import { MODIFIER_WORDS } from './vocabulary';

const NO_THING =
	/(?:^|[,;(:–-]\s*)no\s+(?![\d.])(?!(?:later|longer|more|need|rush|hurry)\b)\p{L}{3,}/u;

/** The words of `text` that change an item ("without", "stainless", "no …"), folded, each once. */
export function itemChanges(text: string): string[] {
	const norm = normalizeText(text).replace(/ł/g, 'l');
	const found = new Set<string>();
	for (const w of norm.split(/[^\p{L}\p{N}]+/u)) if (MODIFIER_WORDS.has(w)) found.add(w);
	const no = NO_THING.exec(norm);
	if (no) found.add(no[0].replace(/^[^a-z]+/, '').trim());
	return [...found];
}
