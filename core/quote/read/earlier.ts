// Extractor: a request that repeats an earlier order ("same as last time, plus 2 boxes of …", "wie letztes
// Mal", "comme la dernière fois") asks for what that order held, which the text does not say (issue 15,
// ADR 0044). The phrase is reported; the quote goes to a person. Where it only says how to deliver or
// invoice ("As last time, please deliver to …"), read/business.ts has set the sentence apart first.
import { normalizeText } from '../tokenize';

const EARLIER =
	/(?<![\p{L}])(?:(?:same|like|as)(?: as)? (?:last time|before|the last order|our last order|previous(?:ly| order)?)|the usual(?! address)|wie (?:letztes mal|beim letzten mal|zuletzt|gehabt|immer)|(?:comme|meme chose que) (?:la derniere fois|d'habitude)|(?:como|igual que|lo mismo que) (?:la ultima vez|siempre|el ultimo pedido)|come (?:l'ultima volta|sempre|il solito)|(?:como|igual a|o mesmo que) (?:da ultima vez|na ultima vez|sempre)|zoals (?:vorige keer|de vorige keer|altijd|gebruikelijk)|(?:tak )?jak (?:ostatnio|poprzednio|zwykle))(?![\p{L}])/u;

/** The parts of `text` (already without its business sentences) that refer to an earlier order. */
export function earlierOrderPhrases(text: string): string[] {
	const out: string[] = [];
	for (const line of text.split(/\n|(?<=[.!?])\s+/)) {
		const m = EARLIER.exec(normalizeText(line));
		if (m) out.push(line.trim());
	}
	return out;
}
