// Reads the roles a lead's sender states for themself in free text: a first-person statement ("I am the
// CEO", "Ich bin Geschäftsführer", "Soy el gerente general", "Je suis directeur technique", "Sono il
// responsabile acquisti", "Sou o diretor industrial", "As plant manager, I …") or the title line of a
// signature after a closing formula ("Best regards, / Jana Roth / Head of Maintenance"). A title someone
// else holds ("our CEO asked me", "forwarded by the plant manager", "Der Werksleiter hat mich gebeten") is
// not the sender's authority, so it is not read. The job title itself comes from `extractAuthority`; this
// module only decides which spans of text are the sender speaking about their own role. Used to check a
// model's authority claim when the lead has no job title (issue 14, H2). Input is folded text.
import type { AuthorityLevel } from './schema';
import { extractAuthority } from './authority';

export interface SelfStatedRole {
	level: AuthorityLevel;
	/** Offsets of the statement in the text it was read from (marker and role phrase). */
	start: number;
	end: number;
}

// Markers after which the sender names their own role (folded: lower case, no accents). Articles and a
// few adverbs are part of the marker, so the role starts right after it.
const ARTICLE =
	"(?:(?:the|a|an|currently|also|now|der|die|ein|eine|hier|als|el|la|un|una|le|l'|il|lo|o|um|uma|actualmente|attualmente|actuellement)\\s+|l'){0,4}";
const SELF_MARKERS = new RegExp(
	'(?<![\\p{L}\\p{N}])(?:' +
		[
			"i am|i'm|i work as|my (?:role|title|position|job title|job) is|my (?:role|title|position|job title):",
			'ich bin|ich arbeite als|meine (?:position|funktion|rolle) ist',
			'(?:yo )?soy|trabajo como|me desempeno como|mi (?:cargo|puesto) es',
			'je suis|je travaille comme|je travaille en tant que|mon poste est',
			'(?:io )?sono|lavoro come|il mio ruolo e',
			'(?:eu )?sou|trabalho como|meu cargo e',
		].join('|') +
		`)\\s+${ARTICLE}`,
	'gu',
);

// "As plant manager, I …": the role counts only when the sender speaks in the first person right after it
// (a pronoun; in Spanish, Italian and Portuguese, which drop it, a first-person verb after the comma).
const AS_MARKERS = new RegExp(
	`(?<![\\p{L}\\p{N}])(?:(?<pro>como|in qualita di|in quanto|en calidad de|na qualidade de|enquanto)|as|als|en tant que)\\s+${ARTICLE}`,
	'gu',
);
const PRONOUN = /(?<![\p{L}\p{N}])(?:i|ich|je|j'|yo|io|eu)(?![\p{L}\p{N}])/u;
const PRONOUN_AFTER = /^\s*,?\s*(?:i|ich|je|j'|yo|io|eu)(?![\p{L}\p{N}])/u;
const FIRST_PERSON_VERB_AFTER = /^\s*,\s*(?:me\s+|mi\s+)?\p{L}+(?:o|oy|ou)(?![\p{L}\p{N}])/u;
// What may follow the title in an "as" phrase: nothing, or where/of what ("of the plant", "d'usine").
const TITLE_CONTINUATION =
	/^\s*(?:$|(?:of|at|in|for|de|del|di|da|do|der|des|du|bei|im|von|chez|en|em|d')(?![\p{L}\p{N}])|d')/u;

// Where a role phrase ends: punctuation or a conjunction that starts another clause.
const CLAUSE_END =
	/[.;:!?\n,()]|\s(?:and|und|y|et|e|but|aber|pero|mais|ma|mas|who|which|that|que|che|dass|weil|because|porque|parce|perche)\s/u;

// Before the title, a possessive, a relation or a negation makes it someone else's title or none ("I am
// writing for our CEO", "I am working with the CEO", "I am not the CEO", "I am the former MD").
const SOMEONE_ELSE = new RegExp(
	'(?<![\\p{L}\\p{N}])(?:our|my|his|her|their|your|unser\\p{L}*|mein\\p{L}*|sein\\p{L}*|ihr\\p{L}*|nuestr\\p{L}*|mis?|sus?|' +
		'notre|nos|mon|ma|mes|son|sa|ses|leurs?|votre|vos|nostr\\p{L}*|mio|mia|miei|mie|suo|suoi|sue|loro|nosso|nossa|meu|minha|seu|dele|dela|' +
		'behalf|auftrag|parte|compte|conto|for|fur|pour|per|para|por|to|zu|with|mit|avec|con|com|by|von|under|unter|' +
		'not|no|nicht|kein\\p{L}*|pas|non|nao|never|nie|former|ex|retired|ehemalig\\p{L}*|frueher\\p{L}*|ancien\\p{L}*|antiguo|antigu[oa]|ex-)(?![\\p{L}\\p{N}])',
	'u',
);
// "no soy", "non sono", "não sou", "je ne suis pas": negated before the marker.
const NEGATED_MARKER = /(?<![\p{L}\p{N}])(?:no|non|nao|ne)\s*$/u;

// Closing formulas after which a signature block follows (folded).
const CLOSING = new RegExp(
	'(?<![\\p{L}\\p{N}])(?:best regards|kind regards|warm regards|regards|best wishes|best|cheers|many thanks|thanks|thank you|' +
		'sincerely|yours sincerely|yours faithfully|yours|mit freundlichen gru(?:ß|ss)en|freundliche gru(?:ß|ss)e|viele gru(?:ß|ss)e|' +
		'beste gru(?:ß|ss)e|liebe gru(?:ß|ss)e|gru(?:ß|ss)|mfg|saludos cordiales|saludos|un saludo|atentamente|cordialmente|' +
		'bien cordialement|cordialement|salutations|bien a vous|cordiali saluti|distinti saluti|saluti|atenciosamente|' +
		'cumprimentos|abracos)(?![\\p{L}\\p{N}])[ \\t]*[,.!]?[ \\t]*(?:\\n|$)|(?:^|\\n)--[ \\t]*\\n',
	'gu',
);
const SIGNATURE_SPAN = 240;
const SIGNATURE_SEGMENT = /[^\n,|;()/]+/gu;

const ROLE_PHRASE_MAX = 80;
/** Words allowed before the title inside a role phrase ("senior", "technical"). */
const MAX_WORDS_BEFORE_TITLE = 2;

const wordsIn = (text: string): number => (text.match(/[\p{L}\p{N}]+/gu) ?? []).length;

/** The level a role phrase states, or null when it does not state one of the sender's own. */
function readRolePhrase(phrase: string): AuthorityLevel | null {
	if (phrase.trim().length === 0) return null;
	const read = extractAuthority(phrase);
	if (read.level === 'unknown') return null;
	const at = phrase.indexOf(read.evidence);
	if (at < 0) return null;
	const prefix = phrase.slice(0, at);
	if (wordsIn(prefix) > MAX_WORDS_BEFORE_TITLE || SOMEONE_ELSE.test(prefix)) return null;
	// "the CEO's assistant", "des Geschäftsführers Assistent" are about someone else.
	if (/^['’]s(?![\p{L}\p{N}])/u.test(phrase.slice(at + read.evidence.length))) return null;
	return read.level;
}

function rolePhraseAfter(text: string, from: number): string {
	const rest = text.slice(from, from + ROLE_PHRASE_MAX);
	const end = CLAUSE_END.exec(rest);
	return end ? rest.slice(0, end.index) : rest;
}

function firstPersonStatements(text: string, out: SelfStatedRole[]): void {
	SELF_MARKERS.lastIndex = 0;
	for (let m = SELF_MARKERS.exec(text); m !== null; m = SELF_MARKERS.exec(text)) {
		const from = m.index + m[0].length;
		if (NEGATED_MARKER.test(text.slice(Math.max(0, m.index - 6), m.index))) continue;
		const phrase = rolePhraseAfter(text, from);
		const level = readRolePhrase(phrase);
		if (level) out.push({ level, start: m.index, end: from + phrase.length });
	}
	AS_MARKERS.lastIndex = 0;
	for (let m = AS_MARKERS.exec(text); m !== null; m = AS_MARKERS.exec(text)) {
		const from = m.index + m[0].length;
		const phrase = rolePhraseAfter(text, from);
		const pronoun = PRONOUN.exec(phrase);
		const role = pronoun ? phrase.slice(0, pronoun.index) : phrase;
		const after = text.slice(from + phrase.length, from + phrase.length + 30);
		const firstPerson =
			pronoun !== null ||
			PRONOUN_AFTER.test(after) ||
			(m.groups?.pro !== undefined && FIRST_PERSON_VERB_AFTER.test(after));
		if (!firstPerson) continue;
		const level = readRolePhrase(role);
		if (!level) continue;
		// "As the CEO said, I …" is someone else's title: after the title only its place may follow, or
		// one verb before the pronoun ("Als Werksleiter suche ich").
		const read = extractAuthority(role);
		const rest = role.slice(role.indexOf(read.evidence) + read.evidence.length);
		if (!TITLE_CONTINUATION.test(rest) && !(pronoun !== null && wordsIn(rest) <= 1)) continue;
		out.push({ level, start: m.index, end: from + role.length });
	}
}

/**
 * Where signature blocks start and end in `folded` text: after each closing formula ("Best regards,",
 * "Mit freundlichen Grüßen", "Saludos", "Cordialement", "Cordiali saluti", "Atenciosamente", "--"). Also
 * used by core/personalData.ts to find the name a signature carries.
 */
export function signatureZones(folded: string): Array<{ start: number; end: number }> {
	const zones: Array<{ start: number; end: number }> = [];
	CLOSING.lastIndex = 0;
	for (let m = CLOSING.exec(folded); m !== null; m = CLOSING.exec(folded)) {
		const start = m.index + m[0].length;
		zones.push({ start, end: Math.min(folded.length, start + SIGNATURE_SPAN) });
	}
	return zones;
}

function signatureTitles(text: string, out: SelfStatedRole[]): void {
	for (const { start: zoneStart, end } of signatureZones(text)) {
		const zone = text.slice(zoneStart, end);
		SIGNATURE_SEGMENT.lastIndex = 0;
		for (let s = SIGNATURE_SEGMENT.exec(zone); s !== null; s = SIGNATURE_SEGMENT.exec(zone)) {
			const segment = s[0];
			// A signature's title line is short; a sentence after the closing is not a title.
			if (
				segment.trim().length === 0 ||
				segment.trim().length > 60 ||
				/^\s*(?:cc|bcc|to|an|fwd?|von|from)\s*:/u.test(segment)
			)
				continue;
			const level = readRolePhrase(segment);
			if (level)
				out.push({ level, start: zoneStart + s.index, end: zoneStart + s.index + segment.length });
		}
	}
}

/** Every role the sender states for themself in `folded` (already case- and accent-folded). */
export function readSelfStatedRoles(folded: string): SelfStatedRole[] {
	const out: SelfStatedRole[] = [];
	firstPersonStatements(folded, out);
	signatureTitles(folded, out);
	return out;
}
