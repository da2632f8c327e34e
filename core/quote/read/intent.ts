// Decision: what the sender of a message asks for (issue 15 point 5, ADR 0052). The one place that says
// whether a message asks for a quote. Each sentence of the buyer's newest message is read for its kind:
// - an ask for a price, an offer, a quotation or availability of items ("please quote", "Angebot über",
//   "what would 50 … cost", "proszę o wycenę"): a strong ask, whatever else the sentence says;
// - a need ("we need", "necesitamos", "il nous faut"), a bare price word or items counted with "x" ("3 x
//   1756-IF8"; "we have 3 in use" is none): a weak ask, which a sentence of another kind outweighs ("… or
//   would we need the IB16D instead?" is a question, "SO-88417: 8 x ACS580 … ETA?" a status); a need in a
//   sentence that reports a fault ("the drive failed, we need a new one") is read, for a person to confirm;
// - information (a technical question), the status of an order or a delivery, a fix (a complaint, a
//   fault, a return, a cancellation), billing (an invoice, a payment, a credit note), a meeting, thanks
//   or a confirmation of an order received, a job application, an offer made to us by a supplier, an
//   automatic message (out of office, a newsletter): asks for no quote; so does a question that names one of
//   our orders by its number and asks nothing, or a question by its form alone (ADR 0055).
// The message asks for a quote when a sentence asks for one or a line starts with a count ("8 x …").
// When it also asks for a status, a fix or billing, those sentences (when they ask nothing)
// are no requirement and a person answers them: the quote goes to review naming that kind. When no
// sentence asks and one is of another kind, the message asks for no quote. When none says either, the
// message is read as a request (the reader decides from what it names); when it then asks a question, a
// person confirms it is one (an ambiguous message gets a quote for review, never an automatic one).
import { normalizeText } from '../tokenize';
import { countOfThose } from './backReference';
import { isBusinessTerms } from './business';
import { FAULT_PHRASES } from './vocabulary';

export type MessageKind =
	| 'negation'
	| 'status'
	| 'fix'
	| 'billing'
	| 'meeting'
	| 'thanks'
	| 'application'
	| 'supplier'
	| 'automatic'
	| 'information';

const B = '(?<![\\p{L}])';
const E = '(?![\\p{L}])';
const words = (source: string): RegExp => new RegExp(`${B}(?:${source})${E}`, 'iu');

// Cues that the sender asks for a price or an offer (strong: an ask whatever else the sentence says).
const STRONG_ASK = words(
	[
		'quote|quoting|quotation for|request (?:a )?quotation|provide (?:a )?quotation|quotation please|rfq|pricing for|price for|prices? (?:for|of|on)|price please|best price|please price|pls price|(?:can|could|would|will) you (?:please |kindly )?(?:price|cost)|can you (?:send|supply|provide) (?:a )?price|offer for|what would .{1,60} cost|how much (?:is|are|would|for)|(?:do you have|do you stock) .{1,60} in stock',
		'angebot|anbieten|anfrage|preis(?:e)? (?:fur|von|der|des|pro)|was kostet|was kosten',
		'cotiza\\w*|cotacao|presupuesto|precio (?:de|para|por|del|unitario)|pasar precio|pasan precio|cuanto cuesta\\w*',
		'devis|chiffrer|chiffrez|chiffrage|offre (?:pour|de prix)|prix (?:pour|de|du|des|unitaire)|faire une offre|combien coute\\w*',
		'preventivo|offerta (?:per|di)|quotazione|prezzo (?:di|per|del|dei|delle|unitario)|quotare|quotate|quanto costa\\w*',
		'orcamento|preco (?:de|para|do|dos|unitario)|quanto custa\\w*|proposta comercial',
		'offerte|prijsopgave|prijs (?:voor|van)|een prijs|wat kost\\w*',
		'wycen\\w*|oferta (?:na|cenowa)|cena za|ile kosztuj\\w*|czy (?:maja|macie) (?:panstwo )?na stanie|tienen en stock|haben sie .{1,40}(?:auf lager|vorratig)',
	].join('|'),
);
// a request relayed for a customer ("pedido del cliente", "Kundenanfrage", "customer's enquiry")
const RELAYED =
	/(?:pide|pedido|request|demande|anfrage|richiesta|aanvraag|solicitud|zapytanie)\s+(?:\p{L}+\s+){0,2}(?:customer|client|cliente|kunden?|klant|klienta)|(?:customer|client|kunden)'?s?\s*(?:request|demande|anfrage|enquiry|inquiry)/iu;
// a word of asking under a negation ("wir wollen nichts Falsches bestellen", "we don't need parts", "on n'a pas
// besoin de …"): no ask; a word of asking elsewhere in the sentence still is one
const ASK_VERBS =
	'need|needs|needed|require|order|buy|bestellen|kaufen|brauchen|benotigen|besoin|commander|acheter|pedir|comprar|necesitamos|necesito|serve|servono|ordinare|comprare|encomendar|precisamos|preciso|kopen|nodig|zamawiac|zamowic|kupowac|potrzebujemy';
// "no" only right before the verb ("no necesitamos", "no need", "no more needed"): Portuguese "no" is "in the" ("no armazém
// precisamos de 5"); Italian "ne" is "of them" ("ce ne servono 4") and no negation
const NEGATED_ASK = new RegExp(
	`${B}(?:no\\s+(?:(?:more|longer|further|mas)\\s+)?|(?:not|don'?t|do not|non|nothing|nichts|nicht|kein\\p{L}*|pas|rien|jamais|nada|ningun\\p{L}*|niente|nulla|nessun\\p{L}*|nao|nenhum\\p{L}*|niets|niet|geen|nic|nie)${E}\\s+(?:\\p{L}+\\s+){0,2})(?:${ASK_VERBS})${E}`,
	'giu',
);
const withoutNegatedAsks = (folded: string): string => folded.replace(NEGATED_ASK, ' ');
// a need of the items named before, by a pronoun and no count ("we need them by Friday", "las necesitamos el
// jueves", "notre comptable en a besoin avant le 20", "wir brauchen sie dringend"): it says when, it asks for
// nothing new (a count that points back, "ce ne servono 4", "il nous en faut 4", still asks: backReference.ts)
const NEED_OF_THOSE = new RegExp(
	[
		'need (?:them|it|those|these)',
		'(?:brauchen|benotigen) (?:wir )?(?:sie|es)',
		'(?:en|les|la|le) (?:a|avons|ont|aurons|aurions|aurait) besoin|il nous (?:les|la|le) (?:faut|faudrait)',
		'(?:las|los|la|lo) necesit\\p{L}*',
		'(?:li|le|la|lo) (?:servono|serve)|ne (?:abbiamo|ha|hanno) bisogno',
		'precis\\p{L}* (?:delas|deles|dela|dele)',
		'(?:hebben|heb|heeft) (?:we |wij |ik )?(?:ze|het) (?:\\p{L}+ ){0,3}nodig',
		'potrzebuj\\p{L}* (?:ich|go|jej)',
	]
		.map((p) => `${B}(?:${p})${E}`)
		.join('|'),
	'giu',
);
const withoutNeedsOfThose = (folded: string): string =>
	countOfThose(folded) === null ? folded.replace(NEED_OF_THOSE, ' ') : folded;

// Cues of a need or a bare price word: an ask when no other kind is in the sentence.
const COUNTED = /(?<![\p{L}])\d+\s*x\s+\S/u;
// a need for items ("we need a new one", "wir brauchen", "il nous faut")
const NEED = words(
	'need|needs|needed|require|brauchen|brauche|benotigen|necesitamos|necesito|il nous faut|besoin|ci serve|ci servono|precisamos|potrzebujemy|nodig',
);
const WEAK_ASK = words(
	"need|needs|needed|require|required|looking for|we'?d like|would like|order spare|preis|preise|brauchen|brauchten|brauche|benotigen|benotige|bestellen|precio|necesitamos|necesito|prix|il nous (?:en )?faut|il nous (?:en )?faudrait|besoin|offre|offerta|prezzo|ci serve|ci servono|precisamos|preco|prijs|prijzen|graag|kosten|potrzebujemy|zamowic|cotizad",
);

// a question about one of our orders by its number ("where things stand with PO 7781?", "el pedido 8890 …
// sigue sin llegar, ¿qué pasa?", "kiedy … z zamówienia 6612?"): asked without a word of asking, a status;
// not when it orders the same again ("the same 6 drives as on order 5521 again?": a request, read)
const REORDER =
	'again|same|wieder|nochmal|erneut|de nuevo|otra vez|mism[oa]s?|encore|meme|memes|di nuovo|stess[oaie]|novamente|de novo|mesm[oa]s?|opnieuw|nogmaals|dezelfde|hetzelfde|ponownie|jeszcze raz|tak(?:ie|i|a)? sam\\p{L}*';
const ORDER_QUESTION = new RegExp(
	`^(?!.*${B}(?:${REORDER})${E})(?=.*${B}(?:order|po|bestellung|auftrag|pedido|commande|cde|cmde|ordine|encomenda|bestelling|zamowieni\\p{L}*)(?:\\s+(?:no|nr|n|number|nummer|numero|n°))?[\\s.:#°-]*(?:[a-z]{1,4}-?)?\\d{3,}${E}[^?\\n]{0,160}\\?)`,
	'iu',
);

// one of our orders by its number and what it holds in brackets ("comanda noastră PO 4500-778213 (3 buc. ACS580
// …)", "la commande n° CMD-77821 (bornes WAGO …)"): the items are the order's, named to say which one; a
// status when the sentence asks nothing, not even weakly ("we need 4 more like PO 4711 (ACS580)" asks)
const ORDER_CONTENTS = new RegExp(
	`^(?!.*${B}(?:${REORDER})${E})(?=.*${B}(?:order|po|bestellung|auftrag|pedido|commande|cde|cmde|ordine|encomenda|bestelling|zamowieni\\p{L}*)(?:\\s+(?:no|nr|n|number|nummer|numero|n°))?[\\s.:#°-]*(?:[a-z]{1,4}-?)?\\d{3,}(?:[/-]\\d+)*\\s*\\()`,
	'iu',
);

// an order that was due before now, said in the past ("devait partir lundi", "was supposed to ship", "hätte
// gestern kommen sollen"): a status (a deadline of a new request is said in the future: "should arrive by …")
const DUE_BEFORE = [
	'was supposed to (?:ship|leave|arrive|be (?:delivered|shipped|sent))|should have (?:shipped|arrived|left|been (?:delivered|shipped|sent))',
	'hatte? (?:\\p{L}+ ){0,4}(?:kommen|ankommen|rausgehen|geliefert werden|versendet werden|verschickt werden) sollen|sollte (?:eigentlich|doch) (?:\\p{L}+ ){0,3}(?:kommen|ankommen|rausgehen|geliefert|versendet|verschickt)',
	'devai(?:t|ent) (?:\\p{L}+ ){0,2}(?:partir|arriver|etre (?:livre|expedie|envoye)\\w*)',
	'debia(?:n)? (?:\\p{L}+ ){0,2}(?:salir|llegar|enviarse|entregarse)|tenia(?:n)? que (?:haber )?(?:salido|llegado|salir|llegar)',
	'doveva(?:no)? (?:\\p{L}+ ){0,2}(?:partire|arrivare|essere (?:spedit|consegnat)\\w*)',
	'(?:devia|deveria)(?:m)? (?:\\p{L}+ ){0,2}(?:ter )?(?:sair|chegar|saido|chegado|ser (?:enviad|entregu)\\w*)|era para (?:ter )?(?:sair|chegar|saido|chegado)',
	'(?:had|zou|zouden) (?:\\p{L}+ ){0,4}(?:moeten|zullen) (?:komen|aankomen|vertrekken|geleverd worden|verzonden worden)',
	'mial(?:o|a|y)? (?:\\p{L}+ ){0,2}(?:wyjsc|dotrzec|przyjsc|byc (?:wyslan|dostarczon)\\w*)',
].join('|');
// nothing of an order received yet ("on a tjs rien reçu", "noch nichts bekommen", "nog niets ontvangen")
const NOTHING_RECEIVED = [
	"still nothing|nothing (?:has )?(?:arrived|come|been delivered) yet|(?:have|has)(?:n'?t| not) received anything",
	'noch (?:immer )?nichts (?:erhalten|bekommen|angekommen|geliefert)',
	'(?:toujours|tjs|tjrs|encore|toujours pas) rien (?:recu|eu|arrive)|rien recu',
	'(?:todavia|aun|seguimos sin) (?:no )?(?:hemos )?recibi\\w* nada|sin recibir nada',
	'(?:ancora )?non (?:abbiamo )?ricevuto (?:ancora )?(?:niente|nulla)',
	'(?:ainda )?nao recebemos nada',
	'nog (?:steeds )?niets (?:ontvangen|binnen|geleverd)',
	'(?:wciaz|nadal|jeszcze) nic nie (?:dotarlo|przyszlo|otrzymalismy|dostalismy)',
].join('|');
// the number of a parcel ("vous avez un n° de suivi ?", "Sendungsnummer", "codice di tracciamento")
const TRACKING_NUMBER = [
	'tracking (?:number|code|link)|(?:n°|no|numero) de suivi|sendungsnummer|trackingnummer|codice di tracciamento|numero di spedizione',
	'(?:numero|codigo) de (?:seguimiento|rastreo|rastreio)|track ?(?:en|&) ?trace ?code|volgnummer|numer (?:sledzenia|przesylki)',
].join('|');

// everything received ("recibido todo", "alles erhalten", "tout reçu", "wszystko otrzymaliśmy")
const ALL_RECEIVED = [
	'(?:received|got) (?:it all|everything|all (?:the )?(?:items|parts|goods))|everything (?:has )?(?:arrived|received)',
	'(?:alles|alle teile|die ware) (?:gut |vollstandig )?(?:erhalten|bekommen|angekommen)|(?:haben|habe) (?:\\p{L}+ ){0,2}alles (?:erhalten|bekommen)',
	'(?:tout|bien) (?:recu|arrive)|(?:avons|ai) (?:bien )?(?:tout )?recu (?:tout|la (?:commande|livraison))',
	'(?:recibido|recibimos|llego) todo|todo (?:recibido|llego|ha llegado)',
	'(?:ricevuto|arrivato) tutto|tutto (?:ricevuto|arrivato)',
	'(?:recebemos|recebido|chegou) tudo|tudo (?:recebido|chegou)',
	'alles (?:(?:is|in) )?(?:goed )?(?:ontvangen|binnen|aangekomen)',
	'(?:otrzymalismy|dostalismy) wszystko|wszystko (?:otrzymalismy|dostalismy|przyszlo)',
].join('|');
// the days of the week of the eight reader languages (folded)
const WEEKDAYS =
	'monday|tuesday|wednesday|thursday|friday|saturday|montag|dienstag|mittwoch|donnerstag|freitag|samstag|lundi|mardi|mercredi|jeudi|vendredi|samedi|lunes|martes|miercoles|jueves|viernes|sabado|lunedi|martedi|mercoledi|giovedi|venerdi|segunda-feira|terca(?:-feira)?|quarta-feira|quinta-feira|sexta(?:-feira)?|maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|poniedzialek|wtorek|srode|czwartek|piatek|sobote';
// an item arrived on a day gone by ("arrived on Tuesday", "ist am Dienstag angekommen", "llegó el martes")
const ARRIVED_ON_A_DAY = [
	`(?:arrived|was delivered|est arrivee?s?|a ete livree?s?|llego|llegaron|fue entregad[oa]|e arrivat[oa]|sono arrivat[ie]|e stat[oa] consegnat[oa]|chegou|chegaram|foi entregue|dotarl[oa]?|przyszl[oa]?) (?:on |last |le |el |il |na |no |w |we )?(?:${WEEKDAYS})`,
	`${B}(?:am|op|afgelopen|letzten|vorigen|vorige|is|zijn|ist|sind) (?:${WEEKDAYS}) (?:\\p{L}+ ){0,2}(?:angekommen|geliefert|eingetroffen|aangekomen|geleverd|binnengekomen)`,
].join('|');
// thanks for how an order was handled ("many thanks for organising everything", "gracias por la rapidez")
// thanks for the quote or offer we sent ("Thanks for the quote.", "Gracias por la oferta 2026-118 …"): a reply to
// our offer, no ask of its own; another sentence that asks ("… please add 4 more") still asks
const THANKS_FOR_OUR_QUOTE = new RegExp(
	[
		'thanks? (?:you )?for (?:the|your) (?:quote|quotation|offer|proposal)',
		'danke (?:fur|fuer) (?:das|ihr) angebot',
		"merci (?:pour|de) (?:le|votre) (?:devis|offre)|merci pour l'offre",
		'gracias por (?:la|su|el|vuestra|vuestro) (?:oferta|presupuesto|cotizacion)',
		"grazie (?:per|del|dell'|della) ?(?:il |l'|la |vostra |vostro )?(?:offerta|preventivo)",
		'obrigad[oa] (?:pela|pelo) (?:proposta|orcamento|cotacao)',
		'bedankt voor (?:de|uw|jullie) offerte',
		'dziekuj(?:e|emy) za (?:oferte|wycene)',
	]
		.map((p) => `${B}(?:${p})${E}`)
		.join('|'),
	'iu',
);
const QUOTE_THANKED = 'it thanks for our quote or offer and asks nothing new';
const withoutThanksForOurQuote = (folded: string): string =>
	folded.replace(new RegExp(THANKS_FOR_OUR_QUOTE.source, 'giu'), ' ');
const THANKS_FOR_THE_SERVICE = [
	'thanks? (?:you )?for (?:organi[sz]ing|arranging|sorting out|the (?:fast|quick|speedy) (?:service|turnaround|handling))',
	'danke (?:fur|fuer) die (?:schnelle|rasche|reibungslose) (?:lieferung|abwicklung|bearbeitung|organisation)',
	'merci (?:pour|de) (?:la|votre) (?:rapidite|reactivite)',
	'gracias por (?:la|su|tu) (?:rapidez|gestion)',
	'grazie (?:per|della) (?:la )?(?:rapidita|velocita|gestione)',
	'obrigad[oa] pela (?:rapidez|agilidade)',
	'bedankt voor de (?:snelle|vlotte) (?:levering|afhandeling|service)',
	'dziekuj(?:e|emy) za (?:szybk\\w+|sprawn\\w+) (?:dostawe|realizacje|obsluge)',
].join('|');

// a document sent back, not goods ("merci de nous retourner l'accusé de réception", "please return the signed
// confirmation"): no return of goods
const TO_A_DOCUMENT =
	"(?! (?:[\\p{L}']+ ){0,3}(?:signed |signee? )?(?:l')?(?:acknowledg\\p{L}*|confirmation|accuse|(?:auftrags)?bestatigung|acuse|conferma|confirmacao|confirmacion|bevestiging|potwierdzeni\\p{L}*|formulaire|form|formular\\p{L}*))";

// goods sent back to us (ADR 0085): "we are sending back 6 x …", "wir senden 3 x … zurück", "nous vous renvoyons",
// "les devolvemos", "vi rimandiamo indietro", "we sturen … terug", "odsyłamy": a return, whatever it names
const SENT_BACK = [
	'sending back|sent back|send back',
	'zuruck(?:schicken|senden|geben|gesendet|geschickt)|(?:senden|schicken|geben) (?:\\S+ ){0,8}zuruck',
	`renvoy\\p{L}*${TO_A_DOCUMENT}|devolv\\p{L}*${TO_A_DOCUMENT}|restitui\\p{L}*|rimand\\p{L}* (?:\\p{L}+ )?indietro`,
	'terug(?:sturen|gestuurd|zenden)|(?:sturen|zenden) (?:\\S+ ){0,8}terug|odsyl\\p{L}*|odesl\\p{L}*|zwroc(?:imy|ilismy)|zwracamy',
].join('|');
// goods harmed in transit or use (ADR 0085): "damaged", "beschädigt", "abîmés", "dañados", "danneggiati",
// "beschadigd", "danificados", "uszkodzone"; and what leaks ("fuient", "pierden", "com fuga")
const DAMAGED =
	'beschadigt|abime\\p{L}*|endommage\\p{L}*|danad[oa]s?|danneggiat[oiae]|beschadigd|danificad[oa]s?|uszkodzon\\p{L}*|fuient|pierden|(?:com|con|tiene|tienen) fugas?';
// an order received, said in the past (ADR 0085): "we have received the 4 x …", "die 5 x … haben wir erhalten",
// "sont arrivés", "hemos recibido", "abbiamo ricevuto", "zijn aangekomen", "recebemos", "otrzymaliśmy": a
// confirmation of goods received, when the sentence asks for nothing ("we received your catalogue, we need 5 …"
// still asks)
const RECEIVED = new RegExp(
	`${B}(?:${[
		"(?:we|i) (?:have |'ve )?received|received (?:the|your|our)|(?:has|have) arrived|arrived (?:today|yesterday|safely|well)",
		'(?:haben|habe) (?:\\S+ ){0,6}erhalten|(?:sind|ist) (?:\\p{L}+ ){0,3}(?:angekommen|eingetroffen)',
		'(?:avons|ai|a) (?:bien )?recu|(?:sont|est) (?:bien )?arrive\\p{L}*',
		'(?:hemos|he) recibido|recibimos|(?:llegaron|han llegado|ha llegado) (?:hoy|ayer|bien)',
		'(?:abbiamo|ho) ricevuto|(?:sono|e) arrivat[oiae] (?:oggi|ieri|bene)',
		'(?:hebben|heb) (?:\\S+ ){0,6}ontvangen|(?:zijn|is) (?:\\p{L}+ ){0,3}(?:aangekomen|binnengekomen)',
		'recebemos|(?:chegaram|chegou) (?:hoje|ontem|bem)',
		'otrzymal(?:ismy|em|am)|dostal(?:ismy|em|am)|dotarl[oay]? (?:dzisiaj|dzis|wczoraj)',
	].join('|')})${E}`,
	'iu',
);
// a question of what a product is rated for or how it differs (ADR 0085), by its concepts in eight languages:
// - how two items differ ("how does A differ from B?", "worin unterscheidet sich …", "¿en qué se diferencia …",
//   "waarin verschilt …", "czym różni się …");
// - whether one works with another ("will A work together with B?", "passt A zu B?", "past A bij B?", "czy A
//   współpracuje z B?");
// - a limit or a rating ("what is the maximum temperature for A?", "can A run at 10 bar?", "kann A mit 10 bar
//   betrieben werden?", "czy A może pracować przy 10 bar?");
// each only in a sentence that asks a question ("?"), so a request that names a temperature is no question
const DIFFERS =
	'differs?|differences?|unterschiede?n?|unterscheide[nt]|differenz|distingue|distinguent|diferencia[ns]?|diferencas?|difere|diferem|differisc[oe]|differenz[ae]|verschil|verschillen|verschilt|roznic[aey]|rozni sie';
const WORKS_WITH =
	'works? (?:together )?with|passt|past|wspolpracuj\\p{L}*|funciona (?:con|com)|va (?:con|bien con)|marcha con';
const EXTREME =
	'maximum|max|maximale?n?|maximal|maxima|massim[ao]|maxim[ao]|maksymaln\\p{L}*|minimum|minimale?|minima|minim[ao]|minimaln\\p{L}*';
const RATED_QUANTITY =
	'temperatures?|temperatur|temperatura|temperatuur|pressure|druck|pression|presion|pressione|pressao|druk|cisnieni\\p{L}*|voltage|spannung|tension|tensione|tensao|spanning|napieci\\p{L}*|load|charge|carga|carico|belasting|obciazeni\\p{L}*';
// "maximum temperature", "maximale Temperatur", "température maximale", "temperatura massima"
const LIMIT = `(?:${EXTREME}) (?:\\p{L}+ ){0,2}(?:${RATED_QUANTITY})|(?:${RATED_QUANTITY}) (?:${EXTREME})`;
const OPERATES =
	'(?:run|operate|work|be used|betrieben werden|laufen|arbeiten|fonctionner|travailler|trabajar|funcionar|lavorare|funzionare|trabalhar|werken|draaien|pracowac|dzialac) (?:\\p{L}+ ){0,2}(?:at|with|mit|bei|a|à|con|com|op|met|przy|pod) (?:\\p{L}+ )?\\d+(?:[.,]\\d+)?\\s*(?:bar|psi|mpa|kpa|°c|c|v|vdc|vac|hz)';
const PRODUCT_QUESTION = new RegExp(
	`${B}(?:${DIFFERS}|${WORKS_WITH}|${LIMIT}|${OPERATES})${E}[^?\\n]{0,160}\\?`,
	'iu',
);
// a technical document of a product asked for (ADR 0085): "la fiche technique du …", "la hoja de datos",
// "la scheda tecnica", "het datablad", "kartę katalogową"; beside the datasheet/manual words of 'information'
const PRODUCT_DOCUMENT = words(
	'fiche technique|fiches techniques|ficha tecnica|fichas tecnicas|hoja de datos|hoja tecnica|scheda tecnica|schede tecniche|datablad|technisch blad|karty? (?:katalogow\\p{L}*|techniczn\\p{L}*)|karte (?:katalogowa|techniczna)|technical data sheet|technische daten',
);

// a question or a document of a product read as a kind only in a sentence that neither asks (a price, a need) nor
// counts items ("5 x …"): "we need 5 cylinders, what is their maximum pressure?" stays a request (ADR 0085)
const unlessItAsks = (re: RegExp): Pick<RegExp, 'test'> => ({
	test: (folded: string) =>
		re.test(folded) &&
		!strongAsk(folded) &&
		!NEED.test(withoutNegatedAsks(folded)) &&
		!COUNTED.test(folded),
});

const KIND_CUES: ReadonlyArray<[MessageKind, Pick<RegExp, 'test'>, string]> = [
	[
		'negation',
		new RegExp(
			[
				"no order (?:at this stage|yet)|not ordering|don'?t need (?:any )?parts|just need the info|only a question|solo es una consulta|nur eine frage|juste une question|solo una domanda",
				// "pas besoin d'offre": the sender says no offer is wanted (ADR 0055)
				"no need for (?:a )?(?:quote|quotation|offer)|(?:we )?do(?:n'?t| not) need (?:a )?(?:quote|quotation|price)|kein angebot (?:notig|erforderlich|benotigt)|brauchen (?:noch )?kein angebot|pas besoin d'(?:une )?offre|pas besoin (?:de|d'un) devis|no (?:necesito|necesitamos|hace falta) (?:un )?presupuesto|non (?:serve|ci serve|occorre) (?:un )?(?:preventivo|offerta)|nao (?:precisamos|preciso|e preciso) de (?:um )?orcamento|geen offerte nodig|nie potrzebuj(?:e|emy) (?:oferty|wyceny)",
				// "pytam tylko informacyjnie": the sender asks only to know
				"(?:i'?m|i am) (?:just|only) asking (?:for information|out of interest)|frage nur (?:zur information|informativ)|je demande (?:juste|simplement) (?:pour|a titre d')information|pregunto (?:solo )?(?:por|a titulo de) informacion|chiedo (?:solo )?per informazione|pergunto (?:so|apenas) (?:por|para) informacao|vraag (?:het )?(?:alleen|puur) ter informatie|pytam (?:tylko )?informacyjnie",
			].join('|'),
			'iu',
		),
		'the sender says it is not an order',
	],
	[
		'status',
		words(
			`where(?: is|'s) (?:our|my|the) (?:order|delivery|shipment)|was due|wo bleibt|wo ist (?:unsere|meine) (?:bestellung|lieferung)|donde esta (?:nuestro|mi) pedido|ou en est (?:notre|ma) commande|a che punto e (?:il nostro|l'?) ?ordine|dov'?e (?:il nostro|l'?) ?ordine|onde esta (?:a nossa|o nosso|nossa|nosso) (?:encomenda|pedido)|waar blijft|gdzie jest (?:nasze|moje) zamowienie|update on|status of|tracking|delivery of our order|when will .* (?:ship|arrive)|partira|plazo de entrega|lieferstatus|wann kommt|collect order|eta|checking in on|chasing|any news on|any update on|al (?:verzonden|verstuurd|onderweg|geleverd)|already shipped|has .{1,40} shipped|been dispatched|ja foi expedid[ao]|foi enviad[ao]|numero de rastreio|rastreio|numero de seguimiento|le suivi|en rupture|en attente|nog niet (?:binnen|ontvangen|geleverd)|wanneer .{1,60}(?:geleverd|verzonden|verstuurd)|versandt|verschickt|ha sido enviado|ya salio|e stato spedito|gia spedit\\w*|kiedy .{1,40}(?:wysl\\w*|dotrze|dostawa)|status zamowienia|status van (?:onze |de |mijn )?(?:bestelling|order|levering)|stand (?:der|unserer|meiner) (?:bestellung|lieferung)|estado (?:del|de (?:mi|nuestro)) pedido|estado (?:da|de nossa) encomenda|estado do (?:nosso )?pedido|statut de (?:la|notre|ma) commande|stato (?:dell'? ?|del (?:nostro )?)ordine|stan (?:naszego |mojego )?zamowienia|track (?:&|and|en|und) trace|sendungsverfolgung|suivi (?:du|de) colis|numer (?:przesylki|listu przewozowego)|(?:todavia|aun) no (?:ha llegado|nos ha llegado|llego)|noch nicht (?:angekommen|eingetroffen|geliefert)|(?:pas encore|toujours pas) (?:arrive|recu|livre)\\w*|non (?:e|ci e) ancora arrivat\\w*|ainda nao (?:chegou|chegaram|recebemos)|nog niet aangekomen|jeszcze nie (?:dotarl\\w*|doszl\\w*)|(?:has|have)(?:n'?t| not) arrived yet|still (?:not|hasn'?t|haven'?t) arrived|${DUE_BEFORE}|${NOTHING_RECEIVED}|${TRACKING_NUMBER}`,
		),
		'it asks about an order or a delivery',
	],
	['status', ORDER_QUESTION, 'it asks about an order or a delivery'],
	[
		'status',
		{ test: (folded: string) => ORDER_CONTENTS.test(folded) && !sentenceAsks(folded) },
		'it asks about an order or a delivery',
	],
	[
		'fix',
		new RegExp(
			`${B}(?:wrong (?:colou?r|item|size|type|part|model)s?|falsche?n? (?:farbe|artikel|grosse|typ)|falsch geliefert|mauvaise? (?:couleur|reference|taille)|equivocad[oa]s?|sbagliat[oi]|errad[oa]s?|verkeerde|niewlasciw\\w*|(?:strange|odd|weird|loud|grinding) noise|rumore strano|bruit (?:etrange|bizarre)|ruido (?:extrano|raro|estranho)|seltsames gerausch|vreemd geluid|dziwny (?:dzwiek|halas)|is (?:that|this|it) normal|e normale|ist das normal|est-ce normal|es normal|e normal|is dat normaal|czy to normalne|keeps (?:losing|failing|resetting|crashing|dropping)|what should we check|cancel|stornieren|annuler|cancelar|annullare|arrived damaged|damaged|crushed|cracked|broken|defective|defekt|faulty|return${TO_A_DOCUMENT}|send (?:them|it) back|leak\\w*(?! (?:detection|survey|audit|test\\w*|search))|swap (?:them|it)|exchange (?:them|it)|umtausch\\w*|undicht|(?<!(?:detection|recherche) de )fuit\\w*|perdono|lekt|lekken|cieknie|credit note|gutschrift|reklamation|only received|nur erhalten|reso|renvoyer${TO_A_DOCUMENT}|retourner${TO_A_DOCUMENT}|devolver${TO_A_DOCUMENT}|devolucion|devolucao|retourneren${TO_A_DOCUMENT}|zwrocic${TO_A_DOCUMENT}|zwrot|reklamacj\\w*|brakujac\\w*|austausch|(?:received|ricevuto|recu|recibido|recebemos|erhalten|ontvangen|dostalismy|got) .{0,60}(?:instead of|invece de|au lieu de|en lugar de|en vez de|em vez de|statt|in plaats van|zamiast)|zamiast .{0,60}(?:dostalismy|otrzymalismy)|${SENT_BACK}|${DAMAGED}|${FAULT_PHRASES.join('|')})${E}`,
			'iu',
		),
		'it is about an order already delivered: a complaint, a fault, a return or a cancellation',
	],
	[
		'billing',
		words(
			'delivery note|lieferschein|bon de livraison|albaran|documento di trasporto|guia de remessa|pakbon|resend|invoice|rechnung|factura|facture|fattura|factuur|fatura|faktur\\w*|credit note|rectificativa|nota de credito|iban|bank details|coordonnees bancaires|overdue|we paid|wir haben .{1,40} bezahlt|hemos pagado|nous avons paye|abbiamo pagato|wij hebben .{1,40} betaald|zaplacilismy',
		),
		'it is about an invoice or a payment',
	],
	[
		'meeting',
		words(
			'meeting|a call|podemos vernos|vernos el|quedamos|uns treffen|treffen wir|se voir|se rencontrer|incontrarci|ci vediamo|encontrar-nos|afspreken|spotkac sie|(?:\\d+|thirty|half an hour)[- ]minute call|on teams|via teams|teams is fine|zoom|appointment|termin vereinbaren|einen termin|besprechung|rendez-vous|reunion|riunione|appuntamento|reuniao|afspraak|spotkanie|would you be free|are you available (?:on|for)',
		),
		'it asks for a meeting or a call',
	],
	[
		'thanks',
		words(
			`(?:all |everything )?arrived (?:this|today|yesterday|in good)|in good order|alles ist angekommen|vielen dank fur die .{0,30}lieferung|confirmo la recepcion|todo correcto|bien recu|tutto arrivato|chegou tudo|alles (?:is )?(?:goed )?ontvangen|wszystko dotarlo|thanks for (?:the|your) (?:quick )?delivery|${ALL_RECEIVED}|${ARRIVED_ON_A_DAY}|${THANKS_FOR_THE_SERVICE}`,
		),
		'it thanks for or confirms an order received',
	],
	['thanks', THANKS_FOR_OUR_QUOTE, QUOTE_THANKED],
	[
		'thanks',
		{ test: (folded: string) => RECEIVED.test(folded) && !sentenceAsks(folded) },
		'it thanks for or confirms an order received',
	],
	[
		'application',
		words(
			'applying for|apply for the|cv attached|my cv|mon cv|lebenslauf|bewerbung|candidature|candidatura|curriculum|sollicit\\w*|hiring team|job (?:offer|opening|advert)',
		),
		'it is a job application',
	],
	[
		'supplier',
		words(
			'we are (?:a|an) (?:\\w+ ){0,2}(?:manufacturer|supplier|distributor|producer)|we manufacture|your supplier|catalogu?e attached|wir produzieren|ihr lieferant|nous fabriquons|votre fournisseur|fabricamos|su proveedor|produciamo|vostro fornitore|seu fornecedor|wij produceren|uw leverancier|produkujemy|waszym dostawca|we offer|offering|our price list|nuestra lista de precios|notre catalogue|unsere preisliste|il nostro listino|vi proponiamo|bieten wir|wir bieten|als hersteller|moq|senden wir ihnen muster|free samples|wij zijn (?:een )?(?:\\p{L}+ ){0,2}(?:fabrikant|leverancier|distributeur|producent|groothandel)|wir sind (?:ein(?:e)? )?(?:\\p{L}+ ){0,2}(?:hersteller|lieferant|distributor|handler|grosshandler)|nous sommes (?:un )?(?:\\p{L}+ ){0,2}(?:fabricant|fournisseur|distributeur)|somos (?:un |una |um |uma )?(?:\\p{L}+ ){0,2}(?:fabricantes?|proveedor|distribuidora?|fornecedor)|siamo (?:un )?(?:\\p{L}+ ){0,2}(?:produttori|produttore|fornitore|distributore)|jestesmy (?:\\p{L}+ ){0,2}(?:producentem|dostawca|dystrybutorem)|bieden (?:u|wij|we|jullie)|vi offriamo|nous vous proposons|le ofrecemos|oferecemos|oferujemy|if you are interested|should you be interested|bei interesse|ob sie interesse|si vous etes interesse\\w*|si (?:le|les) interesa|se (?:siete|foste) interessat\\w*|se (?:tiver|tiverem) interesse|(?:of|als) u (?:interesse|geinteresseerd)|w razie zainteresowania|czy (?:sa|beda) panstwo zainteresowani',
		),
		'it offers us something to buy (a supplier), it asks for no quote',
	],
	[
		'automatic',
		words(
			'out of (?:the )?office|out-of-office|automatic reply|auto-?reply|automatisch antwoord|abwesenheitsnotiz|bin (?:bis|vom) .{1,40} abwesend|absent du bureau|fuera de la oficina|fuori ufficio|ausente do escritorio|abwesend|afwezig|nieobecn\\w*|unsubscribe|abmelden|se desinscrire|newsletter|in this issue|webinar|register now',
		),
		'it is an automatic message (out of office, a newsletter)',
	],
	[
		'information',
		new RegExp(
			`${B}(?:is|are|does|do|can|will) (?:the|it|this|they|your|these|those)${E}[^?\\n]{0,160}\\?|${B}(?:suitable|rated|geeignet|zugelassen|ist (?:der|die|das)|sind (?:die|diese)|kann man|est-ce que|peut-on|adecuad[oa]s?|se puede|adatt[oi]|si puo|adequad[oa]s?|geschikt|kan (?:de|het)|odpowiedni\\w*)${E}[^?\\n]{0,160}\\?|${B}(?:datasheet|data sheet|datenblatt|manual|troubleshoot|fault|firmware|difference between|support \\w+\\?|is there|does it|can it|kann|konnen sie mir sagen|ob(?= \\p{L})|warranty|garantie|garantia|garanzia|gwarancj\\w*|se il|si el|whether|vorrei sapere|open on|compatible|compatibles|kompatibel|compatibil\\w*|compativel|compativeis|compatibel|kompatybiln\\w*|sirve para|pode trabalhar|puede trabajar|fonctionne avec|funziona con|werkt .{1,30} met|dziala z|welche (?:firmware|version)|quelle version|how do (?:we|i)|come procediamo|comment proceder|como procedemos|technical (?:question|query|enquiry|inquiry)|question technique|technische (?:frage|ruckfrage)|(?:pregunta|consulta) tecnica|(?:domanda|richiesta|quesito) tecnic[ao]|(?:pergunta|consulta|duvida) tecnica|technische vraag|(?:pytanie|zapytanie) techniczne)${E}` +
				// a question by the verb before its subject ("accepte-t-elle", "faut-il"), by "¿" and a verb of
				// what an item is or takes ("¿El rotor … es autoclavable?", "¿Y admite …?"), or whether an item
				// needs or suffices ("czy … wymaga osobnego RCD …?", "reicht ein … ?") (ADR 0055)
				`|${B}\\p{L}{2,}-(?:t-)?(?:il|elle|ils|elles|on)${E}[^?\\n]{0,160}\\?` +
				`|¿\\s*(?:(?:el|la|los|las|este|esta|estos|estas)${E}[^?\\n]{0,120}${B}|y )?(?:es|son|admiten?|aceptan?|soportan?|sirven?|funcionan?|incluyen?|requieren?|llevan?)${E}[^?\\n]{0,160}\\?` +
				// whether another choice is better or a use has a problem ("seria melhor mudar para HLP 32?", "any
				// problem mixing the two?", "wäre es besser …?")
				`|${B}(?:would it be|is it|wäre es|ware es|waere es|serait-il|seria|sarebbe|zou het|czy (?:nie )?byloby|czy)${E} (?:\\p{L}+ )?(?:better|besser|mieux|mejor|meglio|melhor|beter|lepiej)${E}[^?\\n]{0,160}\\?` +
				`|${B}(?:any|a|ein|un|une|algun|alguna|algum|alguma|qualche|enig|jakis|jakikolwiek) (?:problem|problems|probleme?|problema|problemas|problemi|probleem|problemen)${E}[^?\\n]{0,160}\\?` +
				`|${B}(?:wymaga\\w*|wystarcz\\w*|obsluguj\\w*|requiere\\w*|bastaria|requiert|suffit|suffira|benotigt (?:der|die|das|man)|braucht (?:der|die|das|man)|reicht|richiede|basterebbe|requer|vereist|volstaat)${E}[^?\\n]{0,160}\\?`,
			'iu',
		),
		'it asks a question, not for a quote',
	],
	['information', unlessItAsks(PRODUCT_QUESTION), 'it asks a question, not for a quote'],
	[
		'information',
		unlessItAsks(PRODUCT_DOCUMENT),
		'it asks for a document of a product, not for a quote',
	],
];

// the kinds whose sentences a person answers when the message also asks for a quote
const ANSWERED_BY_A_PERSON: ReadonlySet<MessageKind> = new Set(['status', 'fix', 'billing']);
// a line that starts with a count ("8 x …", "- 3 pcs …")
const COUNT_LINE = /(?:^|\n)\s*(?:[-*•]\s*)?\d+\s*(?:x|pcs|off|stk|st\.?|uds)?\s+\S/iu;

export interface MessageIntent {
	asks: boolean;
	/** Why the message asks for no quote (`asks` false). */
	why: string | null;
	/** The message asks for a quote and for something a person answers (a status, a fix, …): why. */
	also: string | null;
	/** Sentences of those other kinds that ask nothing: no requirement. */
	other: string[];
	/**
	 * No sentence asks for a price, an offer or items, no line starts with a count, none is of another
	 * kind, and the message asks a question: it is read as a request, and a person confirms it is one.
	 */
	unsure: boolean;
}

function sentencesOf(text: string): string[] {
	return text.split(/(?<=[.!?])\s+|\n/).filter((s) => s.trim() !== '');
}

function kindOf(folded: string): [MessageKind, string] | null {
	for (const [kind, re, why] of KIND_CUES) if (re.test(folded)) return [kind, why];
	return null;
}

const strongAsk = (folded: string): boolean => STRONG_ASK.test(folded) || RELAYED.test(folded);

/** Whether a folded sentence asks for a price, an offer or items; a word of asking under a negation does not. */
export function sentenceAsks(folded: string): boolean {
	return strongAsk(folded) || WEAK_ASK.test(withoutNegatedAsks(folded));
}

/** Whether folded text has any word that asks for a price, an offer or items, strong or weak. */
export function asksAnything(folded: string): boolean {
	return strongAsk(folded) || WEAK_ASK.test(folded);
}

/** What the message asks for; `text` is the buyer's newest message, without its signature. */
export function messageIntent(text: string): MessageIntent {
	const folded = normalizeText(text);
	const negation = KIND_CUES[0];
	if (negation[1].test(folded))
		return { asks: false, why: negation[2], also: null, other: [], unsure: false };
	let asks = COUNT_LINE.test(text);
	let first: [MessageKind, string] | null = null;
	// a sentence of no kind with a number or a question ("… can you do 10 instead of 6?"): a change of our quote
	let changesOurQuote = false;
	// a need of them is of the items of an order placed only beside a sentence about one (a status, a fix, billing)
	const aboutAnOrder = sentencesOf(text).some((sentence) => {
		const kind = isBusinessTerms(sentence) ? null : kindOf(normalizeText(sentence));
		return kind !== null && ANSWERED_BY_A_PERSON.has(kind[0]);
	});
	let also: string | null = null;
	const other: string[] = [];
	for (const sentence of sentencesOf(text)) {
		const s = normalizeText(sentence);
		// "Rechnung bitte an die Zentrale", "Invoice to: …": terms of the request, no kind of message
		const kind = isBusinessTerms(sentence) ? null : kindOf(s);
		const weak = WEAK_ASK.test(
			aboutAnOrder ? withoutNeedsOfThose(withoutNegatedAsks(s)) : withoutNegatedAsks(s),
		);
		if (strongAsk(withoutThanksForOurQuote(s)) || (kind === null && (weak || COUNTED.test(s)))) {
			asks = true;
			continue;
		}
		if (kind === null) {
			changesOurQuote ||= /[\d?]/.test(s);
			continue;
		}
		// "Thanks for your quote for 4 MBN116, please add 2 T60": after the clause that names our quote
		if (kind[1] === QUOTE_THANKED)
			changesOurQuote ||= /[\d?]/.test(s.split(/[,;:]/).slice(1).join(' '));
		// "the drive is faulty, we need a new one": a need beside a fault is read, for a person to confirm
		if (kind[0] === 'fix' && NEED.test(withoutNegatedAsks(s))) {
			asks = true;
			also ??= kind[1];
			continue;
		}
		first ??= kind;
		if (ANSWERED_BY_A_PERSON.has(kind[0])) {
			also ??= kind[1];
			other.push(sentence.trim());
		}
	}
	if (asks) return { asks, why: null, also, other, unsure: false };
	if (first && !(first[1] === QUOTE_THANKED && changesOurQuote))
		return { asks: false, why: first[1], also: null, other: [], unsure: false };
	return { asks: true, why: null, also: null, other: [], unsure: /\?/.test(text) };
}
