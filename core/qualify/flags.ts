// Decides the quality flags of a lead, always by rules and never by a model: invalid or free-mail
// address, junk (empty, test, gibberish, spam, throw-away mailbox), suspected prompt injection
// (instructions to a model or to the scoring system, role markers, hidden HTML, invisible
// characters, exfiltration links), duplicate and truncated input. Each finding quotes the input.
// Untrusted form text is data: anything that tries to steer the pipeline is flagged, never obeyed.
import type { Flag, LeadInput, QualifyConfig } from './schema';
import { isEmailAddress } from '../contact/address';
import {
	DISPOSABLE_EMAIL_DOMAINS,
	FREE_EMAIL_DOMAINS,
	FREE_EMAIL_PROVIDERS,
} from './defaultProfile';

export interface FlagFinding {
	flag: Flag;
	/** Verbatim span of the input (at most 200 characters). */
	evidence: string;
	detail: string;
}

const EVIDENCE_CAP = 200;

// ---------------------------------------------------------------------------------------------
// E-mail
// ---------------------------------------------------------------------------------------------

const FREE_DOMAINS = new Set(FREE_EMAIL_DOMAINS);
const FREE_PROVIDERS = new Set(FREE_EMAIL_PROVIDERS);
const DISPOSABLE_DOMAINS = new Set(DISPOSABLE_EMAIL_DOMAINS);

interface CompiledLists {
	free: Set<string>;
	disposable: Set<string>;
}
const listCache = new WeakMap<QualifyConfig, CompiledLists>();

function listsFor(config: QualifyConfig): CompiledLists {
	const cached = listCache.get(config);
	if (cached) return cached;
	const lower = (domains: string[]) =>
		domains.map((domain) => domain.trim().toLowerCase().replace(/^@/, ''));
	const compiled = {
		free: new Set([...FREE_DOMAINS, ...lower(config.freeEmailDomains)]),
		disposable: new Set([...DISPOSABLE_DOMAINS, ...lower(config.disposableEmailDomains)]),
	};
	listCache.set(config, compiled);
	return compiled;
}

/** Syntactic validity of an address: the one e-mail rule (core/contact/address.ts, IDN domains allowed). */
export function isValidEmail(email: string): boolean {
	return isEmailAddress(email);
}

function emailFindings(email: string, config: QualifyConfig, out: FlagFinding[]): void {
	const trimmed = email.trim();
	if (!trimmed) return;
	const evidence = trimmed.slice(0, EVIDENCE_CAP);
	if (!isValidEmail(trimmed)) {
		out.push({ flag: 'invalid_email', evidence, detail: 'e-mail address is not valid' });
		return;
	}
	const domain = trimmed.slice(trimmed.lastIndexOf('@') + 1).toLowerCase();
	const lists = listsFor(config);
	if (lists.disposable.has(domain)) {
		out.push({ flag: 'junk', evidence, detail: 'throw-away mailbox domain' });
		return;
	}
	const provider = domain.split('.')[0];
	if (lists.free.has(domain) || FREE_PROVIDERS.has(provider)) {
		out.push({ flag: 'free_email', evidence, detail: 'free-mail address, not a company domain' });
	}
	const local = trimmed.slice(0, trimmed.lastIndexOf('@')).toLowerCase();
	if (
		/^(?:test|testing|asdf|qwerty|foo|xxx|noreply|no-reply)\d*$/.test(local) &&
		/^(?:test|example|asdf|foo|mailinator)\./.test(domain)
	) {
		out.push({ flag: 'junk', evidence, detail: 'test address' });
	}
}

// ---------------------------------------------------------------------------------------------
// Junk
// ---------------------------------------------------------------------------------------------

const PLACEHOLDER_VALUES = new Set([
	'test',
	'testing',
	'test test',
	'tester',
	'asdf',
	'asdf asdf',
	'qwerty',
	'xxx',
	'aaa',
	'abc',
	'foo',
	'bar',
	'foobar',
	'n/a',
	'na',
	'none',
	'null',
	'undefined',
	'lorem ipsum',
	'123',
	'1234',
	'12345',
	'.',
	'-',
	'?',
]);
// Anchored, so each is one linear pass even over a long run of punctuation.
const HAS_THREE_MEANINGFUL = /^(?:[^\p{L}\p{N}]*[\p{L}\p{N}]){3}/u;
const HAS_TWELVE_MEANINGFUL = /^(?:[^\p{L}\p{N}]*[\p{L}\p{N}]){12}/u;
const HAS_FORTY_LETTERS = /^(?:[^\p{L}]*\p{L}){40}/u;
const KEYBOARD_RUN =
	/(?:qwert|werty|asdfg|sdfgh|dfghj|fghjk|ghjkl|zxcvb|xcvbn|cvbnm|yxcvb|qwertz)/i;
const REPEATED_CHAR = /([A-Za-z\u00c0-\u024f])\1{5,}/;
const SPAM_TERMS = new RegExp(
	'(?<![A-Za-z\\u00c0-\\u024f\\u0400-\\u04ff])(?:' +
		[
			'seo',
			'backlinks?',
			'first page of google',
			'page one of google',
			'guest posts?',
			'link building',
			'rank(?:ing)? (?:your|on) (?:site|website|google)',
			'web ?design services',
			'lead generation services',
			'free audit',
			'viagra',
			'cialis',
			'casino',
			'online pharmacy',
			'without prescription',
			'bitcoin',
			'crypto(?:currency)?',
			'forex',
			'make money',
			'earn money',
			'work from home',
			'gana(?:r)? dinero',
			'dinero desde casa',
			'investment opportunity',
			'click here',
			'haz clic',
			'klicken sie hier',
			'cliquez ici',
			'unsubscribe',
			'reply stop',
			'loan offer',
			'payday',
			'продвижение',
			'раскрутка',
			'гарантия результата',
			'казино',
			'google',
			'business proposal',
			'next of kin',
			'inheritance',
			'beneficiary',
			'lottery',
			'you have won',
			'private e-?mail',
			'hello dear',
			'dear friend',
			'western union',
			'wire transfer fee',
		].join('|') +
		')(?![A-Za-z\\u00c0-\\u024f\\u0400-\\u04ff])|заработ|яндекс',
	'gi',
);
const URL = /\bhttps?:\/\/[^\s<>"')\]]+|\bwww\.[^\s<>"')\]]+|\bbit\.ly\/\S+/gi;

// Not spam, but not a lead either: job applications and test submissions of the pipeline itself.
const NOT_A_LEAD: Array<[string, RegExp]> = [
	[
		'job application, not a purchase enquiry',
		/(?<![A-Za-z\u00c0-\u024f])(?:are you hiring|looking for (?:a job|employment|an internship)|job application|apply for (?:a|the) (?:job|position)|my (?:cv|resume|résumé)|curriculum vitae|initiativbewerbung|bewerbung als|mein lebenslauf|busco (?:trabajo|empleo)|mi (?:currículum|curriculum|cv)|candidature spontanée|mon cv|cerco lavoro|il mio curriculum|procuro emprego|meu currículo)(?![A-Za-z\u00c0-\u024f])/i,
	],
	[
		'test submission',
		/(?<![A-Za-z\u00c0-\u024f])(?:test lead|test submission|test entry|smoke test|this is (?:a|just a) test|testing (?:the|our) (?:form|workflow|integration|webhook)|testanfrage|dies ist ein test|esto es una prueba|ceci est un test)(?![A-Za-z\u00c0-\u024f])/i,
	],
];

function junkFindings(fields: ScanFields, out: FlagFinding[]): void {
	const { message, company, contactName, title, email, phone } = fields;
	if (!HAS_THREE_MEANINGFUL.test(message) && !company && !title && !email && !phone) {
		out.push({
			flag: 'junk',
			evidence: message.slice(0, EVIDENCE_CAP),
			detail: 'no usable content',
		});
		return;
	}
	// "hi" from a bare address: nothing to qualify and nobody to place.
	if (!HAS_TWELVE_MEANINGFUL.test(message) && !company.trim() && !title.trim()) {
		out.push({
			flag: 'junk',
			evidence: message.trim().slice(0, EVIDENCE_CAP),
			detail: 'no enquiry, company or role given',
		});
		return;
	}
	for (const [name, value] of [
		['message', message],
		['company', company],
		['contactName', contactName],
	] as const) {
		const normalized = value.trim().toLowerCase();
		if (
			normalized &&
			PLACEHOLDER_VALUES.has(normalized) &&
			(name !== 'message' || !HAS_TWELVE_MEANINGFUL.test(message))
		) {
			out.push({
				flag: 'junk',
				evidence: value.trim().slice(0, EVIDENCE_CAP),
				detail: `placeholder ${name}`,
			});
			return;
		}
	}
	for (const value of [message, company, contactName]) {
		// Mashing only decides short inputs; a long text with "qwertz" in it is a real message.
		if (value.length > 400 || HAS_FORTY_LETTERS.test(value)) continue;
		const gibberish = KEYBOARD_RUN.exec(value) ?? REPEATED_CHAR.exec(value);
		if (gibberish) {
			out.push({ flag: 'junk', evidence: gibberish[0], detail: 'keyboard mashing / gibberish' });
			return;
		}
	}
	for (const [detail, pattern] of NOT_A_LEAD) {
		const match = pattern.exec(message);
		if (match) {
			out.push({ flag: 'junk', evidence: match[0], detail });
			return;
		}
	}
	const spamHits = new Map<string, string>();
	SPAM_TERMS.lastIndex = 0;
	for (
		let m = SPAM_TERMS.exec(message);
		m !== null && spamHits.size < 5;
		m = SPAM_TERMS.exec(message)
	) {
		spamHits.set(m[0].toLowerCase(), m[0]);
	}
	const urls = message.match(URL) ?? [];
	const score = spamHits.size + (urls.length >= 2 ? 1 : 0);
	if (score >= 2) {
		const evidence = [...spamHits.values()][0] ?? urls[0] ?? '';
		out.push({
			flag: 'junk',
			evidence: evidence.slice(0, EVIDENCE_CAP),
			detail: `spam markers (${[...spamHits.values(), ...urls.slice(0, 2)].join(', ').slice(0, 160)})`,
		});
	}
}

// ---------------------------------------------------------------------------------------------
// Prompt injection
// ---------------------------------------------------------------------------------------------

interface InjectionRule {
	label: string;
	pattern: RegExp;
	/**
	 * In the free-text message the match must also contain one of these words, so that "don't
	 * forget the installation instructions" is not flagged; short fields (title, company, name)
	 * never legitimately talk about rules and need no qualifier.
	 */
	messageQualifier?: RegExp;
}

const OVERRIDE_QUALIFIER =
	/(?:previous|prior|above|earlier|preceding|original|all|any|your|system|these|those|anterior|previ|précédent|precedent|vorherig|bisherig|obig|alle|todas|todos|toutes|tutte|tus|tues|tue|suas|seus|deine|ihre|vos|sus|sistema|système)/iu;

const INJECTION_RULES: InjectionRule[] = [
	{
		label: 'instruction override',
		pattern:
			/\b(?:ignore|disregard|forget|override|bypass)\b[^.\n]{0,40}?\b(?:instructions?|rules?|prompts?|guidelines|directions|rubric|polic(?:y|ies)|constraints|system message|scoring criteria)\b/i,
		messageQualifier: OVERRIDE_QUALIFIER,
	},
	{
		label: 'instruction override (de)',
		pattern:
			/(?:ignorier|vergiss|vergessen sie|missacht|übergeh)[^.\n]{0,50}?(?:anweisung|instruktion|regeln|vorgaben|prompt|richtlinien)/i,
		messageQualifier: OVERRIDE_QUALIFIER,
	},
	{
		label: 'instruction override (es/pt/it/fr)',
		pattern:
			/(?<![A-Za-z\u00c0-\u024f])(?:ignora|ignore[zr]?|olvida|olvide|omite|descarta|esqueça|esqueca|desconsidere|dimentica|oublie[zr]?)[^.\n]{0,50}?(?:instrucci|instruç|instruc|istruzion|reglas|regras|regole|règles|consignes|indicaciones|prompt)/i,
		messageQualifier: OVERRIDE_QUALIFIER,
	},
	{
		label: 'instruction override (zh/ja/ru)',
		pattern:
			/(?:忽略|無視|无视|忘记|忘記)[^。\n]{0,12}(?:指示|指令|说明|說明|规则|規則|提示)|(?:指示|命令|ルール)[^。\n]{0,10}(?:無視|忘れ)|(?:игнориру\p{L}*|забудь\p{L}*)[^.\n]{0,40}(?:инструкц\p{L}*|правил\p{L}*)/iu,
	},
	{
		label: 'role reassignment',
		pattern:
			/\b(?:you are now|you're now|from now on,? you|act as (?:an?|the) (?:ai|assistant|model|admin|system)|pretend (?:to be|you are)|new instructions|developer mode|jailbreak|system prompt|prompt injection|du bist (?:jetzt|ab jetzt|nun)|ab sofort bist du|neue anweisungen?|a partir de ahora(?:,)? eres|eres un asistente|nuevas instrucciones|tu es (?:maintenant|désormais)|nouvelles instructions|d'ora in poi sei|sei ora un|nuove istruzioni|a partir de agora você|você agora é|novas instruções)\b/i,
	},
	{
		label: 'message to the AI',
		pattern:
			/\b(?:note|message|instructions?|hint)s? (?:to|for) (?:the |any |this |all )?(?:ai|a\.i\.|assistants?|models?|llms?|bots?|gpt|chatgpt|claude|language models?|scoring system|lead scor\w*|automated systems?|automation|agents?)\b|\b(?:ai|assistant|model|llm|bot|gpt|claude|agent) (?:reading|processing|reviewing|parsing) this\b|\b(?:to|for|attention) (?:the |any |all )?(?:ai|a\.i\.|assistants?|models?|llms?|bots?|automated systems?|agents?)\b[^:\n]{0,40}:/i,
	},
	{
		label: 'request to bypass review',
		pattern:
			/\b(?:skip|bypass|without|no need for|avoid)\s+(?:the\s+|any\s+)?(?:human|manual|sales|internal)?\s*(?:review|verification|approval|checks?)\b|\bpre-?approved by (?:your|the)\b|\bohne (?:manuelle )?(?:prüfung|freigabe)\b|\bsin (?:revisión|aprobación) (?:humana|manual)\b/i,
	},
	{
		label: 'score manipulation',
		pattern:
			/\b(?:score|rate|grade|classify|mark|route|rank|qualify|treat)\s+(?:this|the|my|our)?\s*(?:lead|request|inquiry|enquiry|submission|contact|prospect|me|us|it)\b[^.\n]{0,30}?\b(?:100|max(?:imum)?|highest|grade a|a grade|hot|top priority|qualified)\b|\bscore\s*(?:of|=|:|to)?\s*100\b|\broute\s*[=:]\s*["']?qualified|"(?:score|route|grade)"\s*:|(?:bewerte\w*|einstuf\w*)[^.\n]{0,40}?(?:100|maximal|höchst)|\b100 punkte|máxima puntuación|puntuación máxima|asigna[^.\n]{0,30}?(?:puntuación|puntos)|pontuação máxima|punteggio massimo|note maximale/i,
	},
	{
		label: 'exfiltration request',
		pattern:
			/\b(?:e-?mail|send|forward|mail|upload|post|append|leak|envía|envia|manda|sende|schick\w*|envoie\w*|invia)\b[^.\n]{0,50}?\b(?:all customers?|customer (?:list|e-?mails|data|records)|credentials|api[- ]?keys?|passwords?|kundenliste|kundendaten|lista de clientes|datos de clientes|internal data|confidential data)\b/i,
	},
	{
		label: 'chat role marker',
		pattern:
			/(?:^|\n)\s*(?:assistant|human|ai|system)\s*:\s*(?=[^\n]{0,80}\b(?:you|ignore|instructions?|understood|previous|rules)\b)/i,
	},
	{
		label: 'model control token',
		pattern:
			/<\|?(?:im_start|im_end|system|endoftext|eot_id|start_header_id)\|?>|\[\/?INST\]|<<\/?SYS>>|<\/?(?:system|assistant|user|lead_submission|instructions?|prompt)>|###\s*(?:instruction|system)|\bBEGIN SYSTEM\b/i,
	},
	{
		label: 'hidden HTML',
		pattern:
			/<[a-z][^>]{0,200}?(?:display\s*:\s*none|visibility\s*:\s*hidden|font-size\s*:\s*0(?:px)?\s*[;"']|opacity\s*:\s*0(?:\.0+)?\s*[;"']|color\s*:\s*(?:white|#fff(?:fff)?\b|transparent))[^>]{0,200}>|<!--[^>]{0,2000}?(?:ignore|instruction|system|assistant|\bai\b|score|qualif|prompt|you are)[\s\S]{0,2000}?-->|<\s*(?:script|iframe|object|embed)\b/i,
	},
	{
		label: 'markdown exfiltration link',
		pattern: /!\[[^\]]{0,100}\]\(\s*(?:https?:)?\/\/[^)\s]{0,300}[?&=][^)\s]{0,300}\)/i,
	},
];

// "send the price list to x@elsewhere": a recipient taken from the text instead of the CRM contact.
const FOREIGN_RECIPIENT =
	/\b(?:e-?mail|send|forward|mail|envía|envia|manda|sende|schick\w*|envoie\w*|invia)\b[^.\n]{0,60}?\b(?:to|an|a|à|para)\s+(?<address>[\w.+-]+@[\w-]+(?:\.[\w-]+)+)/i;

// Invisible characters: Unicode "tag" characters (ASCII smuggling), bidi overrides, zero-width runs.
const TAG_CHARS = /[\u{E0000}-\u{E007F}]+/u;
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/u;
const ZERO_WIDTH = /[\u200B-\u200D\u2060\uFEFF]/gu;

function decodeTagCharacters(run: string): string {
	let out = '';
	for (const ch of run) {
		const code = ch.codePointAt(0) ?? 0;
		if (code >= 0xe0020 && code <= 0xe007e) out += String.fromCharCode(code - 0xe0000);
	}
	return out;
}

/** A text scanned as one unit: the message, or the short fields joined by newlines. */
interface ScanUnit {
	text: string;
	isMessage: boolean;
	/** Start offset of each field within `text`, in order. */
	starts: Array<[number, string]>;
}

function fieldAt(unit: ScanUnit, index: number): string {
	let name = unit.starts[0]?.[1] ?? 'message';
	for (const [start, field] of unit.starts) if (start <= index) name = field;
	return name;
}

function scanUnits(fields: ScanFields): ScanUnit[] {
	// Short fields are scanned together (rules never span a newline), which halves the regex calls.
	const short: ScanUnit = { text: '', isMessage: false, starts: [] };
	for (const [name, value] of fields.all) {
		if (name === 'message' || !value) continue;
		short.starts.push([short.text.length, name]);
		short.text += `${value}\n`;
	}
	const units: ScanUnit[] = [];
	if (short.text) units.push(short);
	if (fields.message)
		units.push({ text: fields.message, isMessage: true, starts: [[0, 'message']] });
	return units;
}

function injectionFindings(fields: ScanFields, out: FlagFinding[]): void {
	const leadDomain = fields.email.includes('@')
		? fields.email
				.slice(fields.email.lastIndexOf('@') + 1)
				.trim()
				.toLowerCase()
		: null;
	for (const unit of scanUnits(fields)) {
		const value = unit.text;
		const tags = TAG_CHARS.exec(value);
		if (tags) {
			const hidden = decodeTagCharacters(tags[0]);
			out.push({
				flag: 'injection_suspected',
				evidence: tags[0].slice(0, EVIDENCE_CAP),
				detail: `invisible Unicode tag characters in ${fieldAt(unit, tags.index)}${hidden ? ` spelling "${hidden.slice(0, 80)}"` : ''}`,
			});
			return;
		}
		const bidi = BIDI_CONTROLS.exec(value);
		if (bidi) {
			out.push({
				flag: 'injection_suspected',
				evidence: bidi[0],
				detail: `bidirectional override character in ${fieldAt(unit, bidi.index)}`,
			});
			return;
		}
		const zeroWidth = value.match(ZERO_WIDTH);
		if (zeroWidth && zeroWidth.length >= 3) {
			out.push({
				flag: 'injection_suspected',
				evidence: zeroWidth.join(''),
				detail: `${zeroWidth.length} zero-width characters in ${unit.isMessage ? 'message' : 'the contact fields'}`,
			});
			return;
		}
		// Zero-width characters inside a phrase ("I\u200Bgnore … instruc\u200Btions") must not hide it.
		const scanned = zeroWidth ? value.replace(ZERO_WIDTH, '') : value;
		for (const rule of INJECTION_RULES) {
			const match = rule.pattern.exec(scanned);
			if (!match) continue;
			if (unit.isMessage && rule.messageQualifier && !rule.messageQualifier.test(match[0]))
				continue;
			const hidden = zeroWidth ? ' (split by zero-width characters)' : '';
			out.push({
				flag: 'injection_suspected',
				evidence: match[0].trim().slice(0, EVIDENCE_CAP),
				detail: `${rule.label} in ${fieldAt(unit, match.index)}${hidden}`,
			});
			return;
		}
		const recipient = FOREIGN_RECIPIENT.exec(value);
		if (recipient?.groups?.address) {
			const domainOf = (address: string) =>
				address.slice(address.lastIndexOf('@') + 1).toLowerCase();
			if (!leadDomain || domainOf(recipient.groups.address) !== leadDomain) {
				out.push({
					flag: 'injection_suspected',
					evidence: recipient[0].trim().slice(0, EVIDENCE_CAP),
					detail: `asks to send data to an address other than the contact's own, in ${fieldAt(unit, recipient.index)}`,
				});
				return;
			}
		}
	}
}

// ---------------------------------------------------------------------------------------------
// Entry point
// ---------------------------------------------------------------------------------------------

/** The text fields of a lead as scanned (each already capped by the caller). */
export interface ScanFields {
	message: string;
	company: string;
	contactName: string;
	title: string;
	email: string;
	phone: string;
	/** Every scanned field with its name, for injection checks. */
	all: ReadonlyArray<readonly [string, string]>;
}

export interface FlagOptions {
	duplicateOf?: string | null;
	/** Set when any field was longer than the scan cap. */
	truncated?: { field: string; length: number; cap: number } | null;
}

/** All rule-based findings for a lead; the flags of the result are their distinct `flag`s. */
export function detectFlags(
	lead: LeadInput,
	fields: ScanFields,
	config: QualifyConfig,
	options: FlagOptions = {},
): FlagFinding[] {
	const findings: FlagFinding[] = [];
	if (typeof lead.email === 'string') emailFindings(lead.email.slice(0, 400), config, findings);
	junkFindings(fields, findings);
	injectionFindings(fields, findings);
	if (options.duplicateOf) {
		findings.push({
			flag: 'duplicate',
			evidence: options.duplicateOf.slice(0, EVIDENCE_CAP),
			detail: 'same lead already exists',
		});
	}
	if (options.truncated) {
		const { field, length, cap } = options.truncated;
		findings.push({
			flag: 'truncated',
			evidence: '',
			detail: `${field} has ${length} characters; only the first ${cap} were scanned, so the lead is not auto-qualified`,
		});
	}
	return findings;
}
