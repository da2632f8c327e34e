// Extractor: the small talk of a letter's opening — "Hope you're well", "Ich hoffe, es geht Ihnen gut",
// "Espero que estés bien", "J'espère que vous allez bien", "Spero stiate bene", "Espero que esteja bem",
// "Ik hoop dat alles goed gaat", "Mam nadzieję, że wszystko w porządku" — asks for nothing, and its words
// ("well" is also the well of a 96-well plate, "Mean Well" a maker) are no product words. Blanked, same
// offsets, before the products are read.
const SMALL_TALK = new RegExp(
	[
		// English
		"(?:i\\s+)?hope\\s+(?:you(?:'re|\\s+are)|you\\s+all\\s+are|all\\s+is|everything\\s+is|this\\s+(?:email|e-mail|message|mail)\\s+finds\\s+you)\\s+(?:(?:doing|keeping)\\s+)?well",
		// German
		'(?:ich\\s+)?hoffe,?\\s+(?:es\\s+geht\\s+(?:ihnen|dir|euch)\\s+gut|(?:sie|du)\\s+(?:sind|bist)\\s+wohlauf|alles\\s+ist\\s+gut)',
		// Spanish
		'espero\\s+que\\s+(?:est[eé]s?|est[eé]is|est[eé]n)\\s+(?:muy\\s+)?bien',
		// French
		"j'esp[eè]re\\s+que\\s+(?:vous\\s+allez|tu\\s+vas|tout\\s+va)\\s+bien",
		// Italian
		'spero\\s+(?:che\\s+)?(?:tu\\s+stia|stiate|stia|vada\\s+tutto)\\s+bene',
		// Portuguese
		'espero\\s+que\\s+(?:esteja|estejas|estejam|esteja\\s+tudo)\\s+bem',
		// Dutch
		'(?:ik\\s+)?hoop\\s+dat\\s+(?:alles\\s+goed\\s+(?:gaat|is)|(?:u|je|jullie)\\s+(?:het\\s+)?goed\\s+(?:gaat|maakt|maken))',
		// Polish
		'mam\\s+nadziej[eę],?\\s+[zż]e\\s+(?:wszystko\\s+(?:jest\\s+)?w\\s+porz[aą]dku|(?:u\\s+)?(?:pana|pani|pa[nń]stwa)\\s+wszystko\\s+(?:jest\\s+)?w\\s+porz[aą]dku)',
	].join('|'),
	'giu',
);

/** The text with the small talk of its opening blanked (same length). */
export function blankSmallTalk(text: string): string {
	SMALL_TALK.lastIndex = 0;
	return text.replace(SMALL_TALK, (m) => ' '.repeat(m.length));
}
