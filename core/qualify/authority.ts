// Decides the buying authority of the contact from the job title: decision_maker (signs: C-level,
// owner, MD/GM, VP, director, head of department, plant/site manager), influencer (shapes the
// decision: managers, leads, supervisors, buyers, consultants, foremen), user (uses the product:
// engineers, technicians, operators, specialists, assistants) or unknown. Titles come in the
// buyer's language, so the rules cover EN/DE/ES/FR/IT/PT (plus a few Nordic and Chinese titles).
import type { AuthorityEvidence, AuthorityLevel } from './schema';
import { fold } from './fold';

const TITLE_CAP = 200;

// Word boundaries for folded Latin text (digits count as word characters).
const W0 = '(?<![a-z0-9\\u00df-\\u024f])';
const W1 = '(?![a-z0-9\\u00df-\\u024f])';
const word = (alternatives: string) => new RegExp(`${W0}(?:${alternatives})${W1}`, 'u');

/** Ordered rules on the folded title; the first match decides. */
const RULES: Array<[AuthorityLevel, RegExp]> = [
	// Assistants to someone, interns, students: they relay, they do not decide.
	['influencer', word('assistant (?:[a-z]+ )?(?:manager|director|vp|vice president|head)')],
	[
		'user',
		word(
			'assistant|assistent|assistentin|asistente|assistante|assistente|intern|praktikant|praktikantin|becari[oa]|stagiaire|' +
				'stagista|estagiari[oa]|student|studentin|estudiante|etudiante?|studente(?:ssa)?|trainee|azubi|auszubildende[r]?|' +
				'apprentice|werkstudent(?:in)?|secretary|sekretar(?:in)?|secretari[oa]|receptionist',
		),
	],
	// Deputies and "owners" of a product or process shape decisions rather than take them.
	[
		'influencer',
		word(
			'deputy|stellv\\.?|stellvertretende[rn]?|adjunt[oa]|sub-?director(?:a)?|subgerente|sous-directeur|vicedirettore|vice-?gerente|' +
				'product owner|process owner|system owner|asset owner',
		),
	],
	[
		'decision_maker',
		new RegExp(
			`${W0}(?:ceo|cfo|coo|cto|cio|cpo|cso|cmo|cdo|chief [a-z]+(?: [a-z&]+)? officer|chief executive|president[ea]?|owner|co-?owner|` +
				'founder|co-?founder|managing partner|proprietor|managing director|general manager|gm|md|vp|svp|evp|avp|' +
				'vice[- ]president(?:e|a)?|vicepresident[ea]?|director(?:a)?|directeur|directrice|direttore|direttrice|diretor(?:a)?|' +
				'direktor(?:in)?|head of|plant manager|site manager|factory manager|mill manager|works manager|board member|' +
				'chairman|chairwoman|geschaftsfuhrer(?:in)?|geschaeftsfuehrer(?:in)?|inhaber(?:in)?|eigentumer(?:in)?|vorstand|' +
				'vorstandsvorsitzende[r]?|vorsitzende[r]?|prokurist(?:in)?|werks?leiter(?:in)?|betriebsleiter(?:in)?|' +
				'bereichsleiter(?:in)?|abteilungsleiter(?:in)?|hauptabteilungsleiter(?:in)?|niederlassungsleiter(?:in)?|' +
				'standortleiter(?:in)?|[a-z]{3,}sleiter(?:in)?|leiter(?:in)?|leitung|geschaftsleitung|geschaeftsleitung|unternehmensleitung|werksleitung|betriebsleitung|gesellschafter(?:in)?|gerente general|gerente de planta|' +
				'jef[ea] de planta|propietari[oa]|duen[oa]|fundador(?:a)?|consejero delegado|administrador(?:a)?(?! de)|' +
				'pdg|dg|gerant(?:e)?|fondat(?:eur|rice)|proprietaire|chef d.entreprise|patron(?:ne)?|responsable d.usine|' +
				'titolare|amministratore (?:delegato|unico)|fondatore|fondatrice|proprietario|gerente geral|dono|dona|' +
				`socio(?:-director)?|socia|daglig leder|vd|verkstallande direktor|administrerende direktor|toimitusjohtaja)${W1}` +
				'|总经理|董事长|总裁|总监|厂长|老板|首席',
			'u',
		),
	],
	[
		'influencer',
		new RegExp(
			'manager|managerin|leiter|meister|einkaufer|einkaeufer|berater|planer|disponent|beschaffung|' +
				`${W0}(?:mgr|lead|leader|supervisor|superintendent[e]?|foreman|forewoman|responsable|responsabile|gerente|` +
				'jef[ea]|encargad[oa]|coordinador(?:a)?|coordinator|coordinatore|coordinatrice|coordenador(?:a)?|buyer|purchaser|' +
				'procurement|purchasing|sourcing|einkauf|comprador(?:a)?|compras|acheteu(?:r|se)|achats|acquisti|consultant|' +
				`consultor(?:a)?|consulente|chef|capo|pm|estimator|specifier|planner|chief engineer|head|capataz|encarregad[oa]|gestor(?:a)?|responsavel)${W1}` +
				'|经理|主管|采购|主任',
			'u',
		),
	],
	[
		'user',
		new RegExp(
			'ingenieur|techniker|bediener|spezialist|elektriker|mechaniker|mechatroniker|programmierer|entwickler|instandhalter|' +
				'mitarbeiter|sachbearbeiter|fachkraft|arbeiter|brauer|chemiker|' +
				`${W0}(?:engineer|eng\\.|ingeniero|ingeniera|ingegnere|engenheir[oa]|technician|tecnic[oa]|technicien(?:ne)?|operator|` +
				'operador(?:a)?|operateur|operatrice|operatore|specialist|especialista|specialiste|specialista|electrician|electricista|' +
				'electricien(?:ne)?|elettricista|eletricista|mechanic|mecanico|mecanicien|meccanico|programmer|programador(?:a)?|' +
				'developer|desarrollador(?:a)?|analyst|analista|worker|brewer|brewmaster|chemist|scientist|staff|employee|empleado|' +
				`administrativ[oa]|clerk|inspector|maintenance|mantenimiento|quality|calidad|qualite|qualita)${W1}` +
				'|工程师|技术员|操作员|技师',
			'u',
		),
	],
];

/** Authority level read from a job title, quoting the words that decided it. */
export function extractAuthority(title: string | undefined | null): AuthorityEvidence {
	const original = typeof title === 'string' ? title.trim().slice(0, TITLE_CAP) : '';
	if (original.length === 0) return { level: 'unknown', title: null, evidence: '' };
	const folded = fold(original);
	for (const [level, pattern] of RULES) {
		const match = pattern.exec(folded);
		if (match) {
			return {
				level,
				title: original,
				evidence: original.slice(match.index, match.index + match[0].length),
			};
		}
	}
	return { level: 'unknown', title: original, evidence: '' };
}
