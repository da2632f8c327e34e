// What the request reader knows of each buyer language, as data (issue 15 point 2, ADR 0031): the words
// for a piece, the containers a count can be made of, the articles that are a count of one, the words
// that ask for something before the count, and the words that join two items. Number words are in
// core/numberWords.ts; product words in synonyms.ts. All words are folded (lower case, no diacritics:
// "boîtes" is "boites", "opakowań" is "opakowan"). To add a language: add its entry here, its number
// words to core/numberWords.ts and its product words to synonyms.ts, then tuning requests in it.
export type ReaderLanguage = 'en' | 'de' | 'es' | 'fr' | 'it' | 'pt' | 'nl' | 'pl';

export interface LanguageVocabulary {
	/** "3 pcs", "4 Stück", "6 unités", "5 stuks", "12 sztuk": a count of pieces. */
	pieces: readonly string[];
	/**
	 * "10 boxes of", "2 Kartons", "5 opakowań": a count of packs, sold as such (the catalog's unit is the
	 * pack: "box of 100"), so the number is the count.
	 */
	containers: readonly string[];
	/** Words for one that are a count when they stand before the product ("een", "um", "jeden"). */
	articles: readonly string[];
	/** Words that ask, before the count ("il nous faudrait 10 …", "potrzebujemy 2 …"). */
	asking: readonly string[];
	/** Words that join two items, each with its own count ("… 2 x A oraz 3 x B"). */
	joiners: readonly string[];
	/** "for" and "per" before a count of places ("voor 6 appartementen", "dla 3 linii", "po 4 … na …"). */
	purpose: readonly string[];
	/**
	 * Words that open a sentence of business terms, not products (read/business.ts): delivery, address,
	 * payment, invoice, tax number, deadline, project or site ("Zahlungsziel 30 Tage", "Obra: ETAR …").
	 */
	business: readonly string[];
	/** Words that ask for a quote or a price ("wir bitten um ein Angebot", "richiediamo offerta"). */
	enquiry: readonly string[];
	/** Words that change the item asked for ("without the panel", "in stainless", "explosion-proof"). */
	modifiers: readonly string[];
	/** A site of the buyer's, named after it ("la planta de Querétaro", "a site in Leeds", "l'atelier"). */
	sites: readonly string[];
	/**
	 * How a product word's declined or plural form ends and how its dictionary form ends, "form>lemma"
	 * ("ow>" reads "falowników" as "falownik", "aten>aat" "automaten" as "automaat"): read/inflection.ts
	 * tries them on a word the synonym table does not know, and keeps a lemma only when the table knows it.
	 */
	inflections: readonly string[];
	/** Abbreviations of a piece written with a full stop that ends no sentence ("2 szt. TP900"). */
	abbreviations: readonly string[];
	/** Words written before the count, like a "No." ("nr. 4 trasmettitori", "n. 2 valvole"). */
	countPrefixes: readonly string[];
	/**
	 * How a verb of asking ends when the reader does not know the verb itself: a conditional, a polite
	 * imperative or a "we" form ("requeriríamos", "cotizadme", "ordineremmo", "commanderions",
	 * "zamówilibyśmy"), folded. Such a word opening a part, then a count, then a word: the count is the
	 * item's (read/count.ts countAfterAskingVerb).
	 */
	askingEndings: readonly string[];
	/** Elided words written onto the next one with an apostrophe ("d'un", "qu'une", "dell'"). */
	elisions: readonly string[];
	/**
	 * Phrases that say what the sentence names is kept, owned or left out ("the TP1200 panels installed last
	 * year are kept", "die bleiben drin", "déjà posé", "ya tenemos", "hebben we al"): it is no item asked for
	 * (read/installed.ts `KEPT`), unless the sentence asks for something too.
	 */
	kept: readonly string[];
	/**
	 * Phrases that say an item is not needed or comes from the buyer's own stock ("switcha SCALANCE nie
	 * potrzebujemy", "gli switch toglieteli, li recuperiamo", "brauchen wir nicht"): the part of a sentence
	 * (up to a comma or a joiner) that says it is no line (read/installed.ts `namesWhatIsNotNeeded`).
	 */
	notNeeded: readonly string[];
	/**
	 * Phrases that state what the goods are used for ("goods are for research use", "für Forschungszwecke"):
	 * a sentence of them with no number is no line (read/installed.ts `blankKept`), though its words may
	 * be a product's name ("Research plus").
	 */
	endUse: readonly string[];
	/**
	 * Phrases that report a fault ("affiche une erreur", "werkt niet", "nie działa"): a message with one and
	 * no words asking for a price is a support question, not a request (core/quote/message.ts).
	 */
	faults: readonly string[];
	/**
	 * Words that open an accessory for each item before ("2 CPUs, each with a memory card", "jeweils mit
	 * einer Speicherkarte"): its count is the item's, like a service joined by "with" (ADR 0053).
	 */
	eachWith: readonly string[];
	/**
	 * Words after a count that point back to the product named before ("three of these", "4 Stück davon",
	 * "4 de ellos"), and words before such a count ("ce ne servono 4", "il nous en faut 4"): read/backReference.ts.
	 */
	pointers: readonly string[];
	pointersBefore: readonly string[];
	/** Places a request names by a number ("ligne 3", "Linie 2", "hal 4"): the number is a name, not a count. */
	places: readonly string[];
	/**
	 * Words for an hour, a day and a metre after a count ("16 godzin", "3 jours", "200 metrów"), the day also
	 * as the adjective of a course's length ("3-tägig", "3-daagse", "3-dniowy").
	 */
	hours: readonly string[];
	days: readonly string[];
	metres: readonly string[];
	/** Words for a kilometre after a count ("0,5 km", "2 Kilometer", "1 chilometro"): a length in metres × 1000. */
	kilometres: readonly string[];
	/**
	 * A conductor's cross-section after its number ("6 mm²", "6 sq.mm", "2,5 qmm", "4 mm kw."): the size of a
	 * wire, never its count. Folded, so "mm²" is "mm2".
	 */
	crossSections: readonly string[];
	/**
	 * People a service is bought for ("4 technicians", "2 Mitarbeiter", "3 técnicos"): before a duration, a
	 * course sold per participant-day or labour sold per hour is the people times the days or hours.
	 */
	people: readonly string[];
	/** "of the" between a count and the product ("2 of the Stratix switches", "2 von den …", "4 de los …"). */
	partitives: readonly string[];
	/**
	 * Words between a count and a group it is counted for ("3 per floor", "4 pro Stiege", "2 par étage",
	 * "2 na piętro"): read/perGroup.ts multiplies it by the count of the groups, or sends it to a person.
	 */
	perGroup: readonly string[];
	/**
	 * "also", "as well" before a count ("vorremmo anche due …", "potrzebujemy także 2 …", "nous voudrions
	 * également 2 …"): the count after it is the item's (read/count.ts).
	 */
	also: readonly string[];
}

const w = (words: string): readonly string[] => words.split(' ');

export const VOCABULARY: Readonly<Record<ReaderLanguage, LanguageVocabulary>> = {
	en: {
		pieces: w('pc pcs piece pieces unit units nos no ea each off set sets'),
		containers: w(
			'box boxes pack packs packet packets case cases bag bags bottle bottles roll rolls carton cartons rack racks pair pairs kit kits canister canisters tub tubs drum drums coil coils reel reels',
		),
		articles: w('a an one'),
		asking: w('need needs want order supply get buy take quote price'),
		joiners: ['and', 'plus', 'as well as', 'along with'],
		purpose: w('for per'),
		business: w(
			'delivery deliver deliveries shipping ship address payment terms invoice invoicing billing vat tax deadline project job site ref',
		),
		enquiry: w(
			'quote quotation price pricing offer request please pls kindly could can would like appreciate send behalf',
		),
		modifiers: w(
			'without except excluding stainless inox explosion explosionproof atex zone hazardous custom modified',
		),
		sites: w('site plant factory facility works warehouse project job workshop office campus'),
		inflections: [],
		abbreviations: w('pc pcs'),
		countPrefixes: [],
		// English verbs of asking have no ending of their own: need, want, require are asking words
		askingEndings: [],
		elisions: [],
		kept: [
			'already have',
			'already got',
			'already own',
			'already installed',
			'already fitted',
			'already in place',
			'already laid',
			'stay in place',
			'stays in place',
			'remain in place',
			'remains in place',
			'are kept',
			'is kept',
			'are staying',
			'we keep',
			'we are keeping',
			'reuse',
			'reusing',
			're-use',
			'leave those out',
			'leave them out',
			'leave it out',
			'not part of this',
			'already possess',
			'no more needed',
			'no longer needed',
			'not needed anymore',
			'no need to include',
			"don't include",
			'do not include',
			'not in this scope',
			'not in the scope',
			'out of scope',
			'not in scope',
		],
		notNeeded: [
			"don't need",
			'do not need',
			'not needed',
			'no longer needed',
			'not required',
			'no need for',
			"won't need",
			'will not need',
			'from our own stock',
			'from our stock',
		],
		endUse: [
			'for research use',
			'for research purposes',
			'research use only',
			'for laboratory use',
			'for teaching purposes',
		],
		faults: ['error message', 'error code', 'not working', 'stopped working', 'keeps tripping'],
		eachWith: ['each with', 'each one with', 'every one with'],
		pointers: ['of them', 'of these', 'of those'],
		pointersBefore: [],
		places: w('line hall floor'),
		hours: w('h hr hrs hour hours'),
		days: w('day days'),
		metres: w('m meter meters metre metres mtr mtrs'),
		kilometres: w('km kilometre kilometres kilometer kilometers'),
		crossSections: ['mm2', 'sqmm', 'sq.mm', 'sq mm', 'sq. mm', 'mm sq'],
		people: w(
			'people persons person participants participant technicians technician engineers engineer electricians electrician operators operator employees staff trainees attendees fitters men colleagues',
		),
		partitives: ['of the', 'of those', 'of these', 'of your'],
		perGroup: w('per each'),
		also: w('also too additionally'),
	},
	de: {
		pieces: w('stk stuck st einheit einheiten'),
		containers: w(
			'packung packungen pack packs karton kartons beutel flasche flaschen rolle rollen kiste kisten schachtel schachteln dose dosen paar satz box boxen kanister gebinde ring ringe trommel trommeln spule spulen',
		),
		articles: w('ein eine einen einem'),
		asking: w('brauchen brauche benotigen benotige bestellen hatten mochten gern gerne anbieten'),
		joiners: w('und sowie plus'),
		purpose: w('fur fuer pro je'),
		business: w(
			'lieferung liefern lieferadresse lieferanschrift liefertermin lieferzeit anlieferung versand adresse anschrift rechnung rechnungsadresse zahlung zahlungsziel zahlungsbedingungen ust ustidnr ustid mwst steuernummer projekt baustelle bauvorhaben',
		),
		enquiry: w('angebot anbieten bitten bitte preis preise anfrage'),
		modifiers: w(
			'ohne ausser edelstahl explosionsgeschutzt explosionsgeschutzte explosionsgeschutzter atex zone sonderausfuhrung',
		),
		sites: w('werk standort fabrik halle baustelle lager projekt niederlassung'),
		inflections: w('en> e> n>'),
		abbreviations: w('stk st'),
		countPrefixes: [],
		// the German modal forms (bräuchten, hätten, würden) are function words (read/functionWords.ts)
		askingEndings: [],
		elisions: [],
		kept: [
			'haben wir schon',
			'haben wir bereits',
			'schon vorhanden',
			'bereits vorhanden',
			'bereits verbaut',
			'schon verbaut',
			'bereits verlegt',
			'schon verlegt',
			'schon installiert',
			'bereits installiert',
			'schon montiert',
			'bereits montiert',
			'bleiben drin',
			'bleibt drin',
			'bleiben bestehen',
			'bleibt bestehen',
			'bleiben erhalten',
			'bleibt erhalten',
			'werden weiterverwendet',
			'wird weiterverwendet',
			'verwenden wir weiter',
			'nicht teil dieser',
			'nicht bestandteil',
			'verfugen bereits',
			'verfugen schon',
			'nicht mehr notig',
			'nicht mehr benotigt',
			'brauchen wir nicht mehr',
			'nicht mit anbieten',
			'nicht im umfang',
			'nicht im lieferumfang',
			'nicht im leistungsumfang',
		],
		notNeeded: [
			'brauchen wir nicht',
			'benotigen wir nicht',
			'brauchen wir keine',
			'brauchen wir kein',
			'aus unserem lager',
			'aus eigenem lager',
			'nehmen wir aus dem lager',
		],
		endUse: [
			'fur forschungszwecke',
			'zu forschungszwecken',
			'fur die forschung',
			'fur den laborgebrauch',
			'fur lehrzwecke',
		],
		faults: ['fehlermeldung', 'fehlercode', 'storung', 'funktioniert nicht', 'lost standig aus'],
		eachWith: ['jeweils mit', 'jede mit', 'jeder mit', 'jedes mit'],
		pointers: ['davon', 'von denen', 'von diesen'],
		pointersBefore: [],
		places: w('linie halle gebaude etage'),
		hours: w('std stunde stunden'),
		days: w('tag tage tagen tagig tagige tagigen tagiger tagiges'),
		metres: w('lfm laufmeter'),
		kilometres: w('kilometer'),
		crossSections: ['mm2', 'qmm'],
		people: w(
			'personen person teilnehmer mitarbeiter mitarbeiterinnen techniker elektriker monteure ingenieure kollegen',
		),
		partitives: ['von den', 'von diesen', 'von euren', 'von ihren'],
		perGroup: w('pro je'),
		also: w('auch ausserdem zusatzlich ebenfalls'),
	},
	es: {
		pieces: w('ud uds unidad unidades pieza piezas'),
		containers: w(
			'caja cajas paquete paquetes bolsa bolsas botella botellas frasco frascos rollo rollos envase envases estuche estuches par pares bidon bidones bobina bobinas paq',
		),
		articles: w('un una uno'),
		asking: w(
			'necesitamos necesito queremos quiero pedimos cotizenos cotizar cotizad cotizame presupuestar',
		),
		joiners: ['y', 'e', 'mas', 'ademas de'],
		purpose: w('para por'),
		business: w(
			'entrega entregar envio direccion pago plazo factura facturar facturacion cif nif iva proyecto obra',
		),
		enquiry: w(
			'cotizacion presupuesto oferta precio solicitamos solicito pido coticen coticenme cotizen',
		),
		modifiers: w('sin excepto inoxidable inox explosion antiexplosivo antideflagrante atex zona'),
		sites: w('planta fabrica obra sede almacen proyecto nave taller'),
		inflections: [],
		abbreviations: w('ud uds paq'),
		countPrefixes: [],
		askingEndings: w('riamos nme dme emos imos amos'),
		elisions: [],
		kept: [
			'ya tenemos',
			'ya instalado',
			'ya instalados',
			'ya instalada',
			'ya instaladas',
			'ya colocado',
			'ya tendido',
			'se mantienen',
			'se quedan como estan',
			'se queda como esta',
			'se mantiene',
			'se conservan',
			'se conserva',
			'reutilizamos',
			'no forman parte',
			'no forma parte',
			'quedan fuera',
			'ya disponemos',
			'disponemos ya',
			'ya no hace falta',
			'ya no necesitamos',
			'no hace falta incluir',
			'no es necesario incluir',
			'no incluir',
			'fuera del alcance',
		],
		notNeeded: [
			'no necesitamos',
			'no hace falta',
			'no nos hace falta',
			'de nuestro almacen',
			'de nuestro stock',
		],
		endUse: [
			'para uso en investigacion',
			'para investigacion',
			'con fines de investigacion',
			'para uso de laboratorio',
			'con fines docentes',
		],
		faults: ['mensaje de error', 'codigo de error', 'averia', 'no funciona'],
		eachWith: ['cada uno con', 'cada una con'],
		pointers: ['de ellos', 'de ellas', 'de estos', 'de estas', 'de esos', 'de esas'],
		pointersBefore: [],
		places: w('linea nave planta'),
		hours: w('hora horas'),
		days: w('dia dias jornada jornadas'),
		metres: w('metro metros'),
		kilometres: w('kilometro kilometros'),
		crossSections: ['mm2'],
		people: w(
			'personas persona participantes tecnicos ingenieros electricistas operarios empleados trabajadores',
		),
		partitives: ['de los', 'de las', 'de esos', 'de esas', 'de sus'],
		perGroup: w('por'),
		also: w('tambien ademas'),
	},
	fr: {
		pieces: w('unite unites piece pieces pce pces ex exemplaires'),
		containers: w(
			'boite boites paquet paquets carton cartons sachet sachets flacon flacons bouteille bouteilles rouleau rouleaux caisse caisses etui etuis paire paires lot lots bidon bidons couronne couronnes touret tourets bobine bobines',
		),
		articles: w('un une'),
		asking: w('faudrait faut souhaitons voudrions commander chiffrer recevoir coter cotez'),
		joiners: ['et', 'plus', 'ainsi que'],
		purpose: w('pour par'),
		business: w(
			'livraison livrer adresse paiement reglement facture facturation tva siret delai projet chantier',
		),
		enquiry: w('devis offre prix chiffrage pourriez pouvez commande'),
		modifiers: w('sans sauf inox inoxydable explosion antideflagrant atex zone'),
		sites: w('usine site atelier chantier entrepot projet depot'),
		inflections: w('aux>al x>'),
		abbreviations: w('pce pces ex'),
		countPrefixes: [],
		askingEndings: w('rions rais rait ons ez'),
		elisions: w('l d qu j n s c jusqu lorsqu puisqu'),
		kept: [
			'avons deja',
			'on a deja',
			'deja pose',
			'deja posee',
			'deja poses',
			'deja installe',
			'deja installee',
			'deja installes',
			'deja en place',
			'reste en place',
			'restent en place',
			'sont conserves',
			'est conserve',
			'conservons',
			'reutilisons',
			'ne font pas partie',
			'ne fait pas partie',
			'disposons deja',
			'dispose deja',
			'plus besoin',
			"n'en avons plus besoin",
			"inutile de l'inclure",
			'inutile de les inclure',
			"pas besoin de l'inclure",
			'pas besoin de les inclure',
			'ne pas inclure',
			'hors perimetre',
			'hors du perimetre',
		],
		notNeeded: [
			'pas besoin',
			"n'avons pas besoin",
			"n'en avons pas besoin",
			'de notre stock',
			'de notre magasin',
		],
		endUse: [
			'pour la recherche',
			'a usage de recherche',
			'a des fins de recherche',
			'pour usage de laboratoire',
			"a des fins d'enseignement",
		],
		faults: [
			'erreur',
			'panne',
			'ne fonctionne plus',
			'ne fonctionne pas',
			'marche a suivre',
			'disjoncte',
		],
		eachWith: ['chacun avec', 'chacune avec'],
		pointers: ['d entre eux', 'd entre elles', 'de ceux ci', 'de celles ci'],
		pointersBefore: ['en'],
		places: w('ligne hall batiment atelier etage'),
		hours: w('heure heures'),
		days: w('jour jours journee journees'),
		metres: w('metre metres'),
		kilometres: w('kilometre kilometres'),
		crossSections: ['mm2'],
		people: w(
			'personnes participants techniciens ingenieurs electriciens operateurs salaries collaborateurs',
		),
		partitives: ['des', 'de vos', 'de ces'],
		perGroup: w('par'),
		also: w('aussi egalement'),
	},
	it: {
		pieces: w('pz pezzi pezzo unita nr'),
		containers: w(
			'scatola scatole confezione confezioni pacco pacchi flacone flaconi bottiglia bottiglie rotolo rotoli sacchetto sacchetti cartone cartoni busta buste paio paia tanica taniche cassa casse matassa matasse bobina bobine',
		),
		articles: w('un uno una'),
		asking: w('servono serve vorremmo ordinare occorrono quotare quotateci'),
		joiners: ['e', 'ed', 'piu', 'oltre a'],
		purpose: w('per'),
		business: w(
			'consegna consegnare spedizione indirizzo pagamento fattura fatturazione iva cantiere progetto resa',
		),
		enquiry: w('preventivo offerta prezzo quotazione richiediamo chiediamo vostra migliore'),
		modifiers: w('senza tranne inox inossidabile esplosione antideflagrante atex zona'),
		sites: w('stabilimento fabbrica cantiere sede magazzino progetto officina'),
		inflections: w('i>o i>e'),
		abbreviations: w('pz nr'),
		countPrefixes: w('nr n'),
		askingEndings: w('remmo rebbero rebbe iamo teci'),
		elisions: w('l un dell all dall nell sull coll'),
		kept: [
			'abbiamo gia',
			'gia installato',
			'gia installati',
			'gia installata',
			'gia posato',
			'gia posati',
			'riutilizziamo',
			'restano al loro posto',
			'restano in funzione',
			'rimangono in funzione',
			'non fanno parte',
			'non fa parte',
			'disponiamo gia',
			'non servono piu',
			'non serve piu',
			'non e necessario includer',
			'non includere',
			'non serve includer',
			'fuori ambito',
			"fuori dall'ambito",
		],
		notNeeded: [
			'non ci serve',
			'non ci servono',
			'non servono',
			'non serve',
			'dal nostro magazzino',
			'li recuperiamo',
			'lo recuperiamo',
		],
		endUse: [
			'per uso di ricerca',
			'per la ricerca',
			'a scopo di ricerca',
			'per uso di laboratorio',
			'a scopo didattico',
		],
		faults: ['errore', 'guasto', 'non funziona'],
		eachWith: ['ciascuno con', 'ciascuna con', 'ognuno con'],
		pointers: ['di questi', 'di queste', 'di quelli', 'di quelle', 'di loro'],
		pointersBefore: ['ne'],
		places: w('linea capannone reparto'),
		hours: w('ora ore'),
		days: w('giorno giorni giornata giornate'),
		metres: w('metro metri'),
		kilometres: w('chilometro chilometri'),
		crossSections: ['mm2', 'mmq'],
		people: w(
			'persone partecipanti tecnici ingegneri elettricisti operatori dipendenti manutentori',
		),
		partitives: ['dei', 'degli', 'delle', 'di quei', 'di quelle', 'dei vostri'],
		perGroup: w('per'),
		also: w('anche inoltre'),
	},
	pt: {
		pieces: w('unidade unidades un pecas peca'),
		containers: w(
			'caixa caixas pacote pacotes embalagem embalagens frasco frascos garrafa garrafas rolo rolos saco sacos par pares galao galoes bobina bobinas',
		),
		articles: w('um uma'),
		asking: w('precisamos preciso queremos gostariamos solicito solicitamos cotar orcar'),
		joiners: ['e', 'mais', 'alem de'],
		purpose: w('para por'),
		business: w(
			'entrega entregar envio morada endereco pagamento prazo fatura faturacao nif cnpj iva projeto obra',
		),
		enquiry: w('orcamento cotacao proposta preco receber'),
		modifiers: w('sem exceto inox inoxidavel explosao atex zona'),
		sites: w('fabrica planta obra sede armazem projeto unidade'),
		inflections: w('oes>ao eis>el'),
		abbreviations: w('un pc pcs'),
		countPrefixes: [],
		askingEndings: w('riamos amos emos imos'),
		elisions: [],
		kept: [
			'ja temos',
			'ja instalado',
			'ja instalados',
			'ja instalada',
			'ja montado',
			'ficam no lugar',
			'mantem-se',
			'mantemos',
			'reaproveitamos',
			'reutilizamos',
			'nao fazem parte',
			'nao faz parte',
			'dispomos ja',
			'ja dispomos',
			'nao precisamos mais',
			'nao e preciso incluir',
			'nao incluir',
			'fora do escopo',
			'fora do ambito',
		],
		notNeeded: [
			'nao precisamos',
			'nao e preciso',
			'do nosso estoque',
			'do nosso stock',
			'do nosso armazem',
		],
		endUse: [
			'para uso em pesquisa',
			'para pesquisa',
			'para investigacao',
			'para fins de pesquisa',
			'para uso laboratorial',
		],
		faults: ['mensagem de erro', 'codigo de erro', 'avaria', 'nao funciona'],
		eachWith: ['cada um com', 'cada uma com'],
		pointers: ['deles', 'delas', 'destes', 'destas', 'desses', 'dessas'],
		pointersBefore: [],
		places: w('linha pavilhao'),
		hours: w('hora horas'),
		days: w('dia dias jornada jornadas'),
		metres: w('metro metros'),
		kilometres: w('quilometro quilometros'),
		crossSections: ['mm2'],
		people: w(
			'pessoas participantes tecnicos engenheiros eletricistas electricistas operadores funcionarios colaboradores',
		),
		partitives: ['dos', 'das', 'desses', 'dessas'],
		perGroup: w('por'),
		also: w('tambem alem'),
	},
	nl: {
		pieces: w('stuks stuk st stks exemplaren'),
		containers: w(
			'doos dozen doosje doosjes pak pakken pakje pakjes verpakking verpakkingen fles flessen rol rollen zak zakken zakje zakjes karton kartons paar set sets jerrycan jerrycans haspel haspels',
		),
		articles: w('een n'),
		asking: w('nodig graag bestellen willen zouden offreren prijzen'),
		joiners: w('en plus alsook'),
		purpose: w('voor per'),
		business: w(
			'levering leveren afleveradres adres betaling betalingstermijn factuur facturatie btw levertijd project bouwplaats',
		),
		enquiry: w('offerte prijs prijsopgave aanvraag ontvangen kunnen jullie geven zoeken'),
		modifiers: w('zonder behalve rvs roestvrij explosieveilig atex zone'),
		sites: w('fabriek vestiging bouwplaats magazijn project werkplaats'),
		inflections: w('en> en>e aten>aat alen>aal elen>eel eren>eer oten>oot olen>ool uren>uur'),
		abbreviations: w('st stk stks'),
		countPrefixes: [],
		// the Dutch modal forms (zouden, willen) are function words (read/functionWords.ts)
		askingEndings: [],
		elisions: [],
		kept: [
			'hebben we al',
			'hebben wij al',
			'al aanwezig',
			'al geinstalleerd',
			'al gemonteerd',
			'al gelegd',
			'blijven zitten',
			'blijft zitten',
			'blijven hangen',
			'blijft hangen',
			'blijven staan',
			'blijft staan',
			'hergebruiken',
			'maken geen deel uit',
			'maakt geen deel uit',
			'beschikken al',
			'beschikken we al',
			'niet meer nodig',
			'hoeft niet mee',
			'hoeven niet mee',
			'niet meenemen',
			'niet opnemen',
			'buiten de scope',
			'valt buiten',
		],
		notNeeded: [
			'hebben we niet nodig',
			'hebben wij niet nodig',
			'niet nodig',
			'uit ons magazijn',
			'uit eigen voorraad',
		],
		endUse: [
			'voor onderzoeksdoeleinden',
			'voor onderzoek',
			'voor laboratoriumgebruik',
			'voor onderwijsdoeleinden',
		],
		faults: [
			'foutmelding',
			'foutcode',
			'storing',
			'werkt niet',
			'schakelt steeds af',
			'slaat steeds af',
			'bekend probleem',
		],
		eachWith: ['elk met', 'elke met', 'ieder met'],
		pointers: ['daarvan', 'ervan', 'van deze', 'van die'],
		pointersBefore: [],
		places: w('lijn hal gebouw'),
		hours: w('uur uren'),
		days: w('dag dagen daagse daags werkdag werkdagen'),
		metres: w('meter'),
		kilometres: w('kilometer'),
		crossSections: ['mm2'],
		people: w('personen deelnemers technici monteurs elektriciens medewerkers operators collega'),
		partitives: ['van de', 'van die', 'van deze', 'van jullie'],
		perGroup: w('per'),
		also: w('ook eveneens'),
	},
	pl: {
		pieces: w('szt sztuk sztuki sztuka'),
		containers: w(
			'opakowanie opakowania opakowan pudelko pudelka pudelek karton kartony kartonow butelka butelki butelek rolka rolki rolek paczka paczki paczek worek worki workow para pary par zestaw zestawy zestawow kanister krag kregi kregow beben bebny bebnow szpula szpule szpul',
		),
		articles: w('jeden jedna jedno jednym jednej jednego'),
		asking: w('potrzebujemy potrzebuje zamawiamy zamowic prosimy prosze poprosze wycenic'),
		joiners: ['i', 'oraz', 'plus', 'a takze'],
		purpose: w('dla na po'),
		business: w('dostawa dostawy adres platnosc platnosci termin faktura nip projekt budowa'),
		enquiry: w('wycena wycene wyceny oferta oferte cena'),
		modifiers: w('bez oprocz nierdzewna nierdzewnej przeciwwybuchowy przeciwwybuchowa atex strefa'),
		sites: w('zaklad fabryka budowa magazyn projekt hala'),
		inflections: w(
			'ow> ami> ach> om> em> iem> a> u> y> i> e> ia>ie iu>ie ow>a ami>a ach>a om>a y>a i>a e>a',
		),
		abbreviations: w('szt'),
		countPrefixes: [],
		askingEndings: w('bysmy bym emy imy amy'),
		elisions: [],
		kept: [
			'juz mamy',
			'juz zainstalowan',
			'juz zamontowan',
			'juz polozon',
			'zostaje na miejscu',
			'zostaja na miejscu',
			'pozostaja na miejscu',
			'wykorzystamy ponownie',
			'nie sa czescia',
			'nie wchodza w zakres',
			'nie wchodzi w zakres',
			'dysponujemy juz',
			'juz dysponujemy',
			'juz nie potrzebujemy',
			'nie potrzebujemy juz',
			'nie trzeba uwzgledniac',
			'nie uwzgledniac',
			'poza zakresem',
		],
		notNeeded: [
			'nie potrzebujemy',
			'nie jest potrzebny',
			'nie sa potrzebne',
			'z magazynu',
			'z naszego magazynu',
		],
		endUse: [
			'do celow badawczych',
			'do badan naukowych',
			'do uzytku laboratoryjnego',
			'do celow dydaktycznych',
		],
		faults: ['blad', 'awaria', 'nie dziala', 'usterka'],
		eachWith: ['kazdy z', 'kazda z', 'kazde z'],
		pointers: ['z nich', 'z tych', 'takich', 'tych'],
		pointersBefore: [],
		places: w('linia linii hala hali budynek'),
		hours: w('godz godzina godziny godzin'),
		days: w('dzien dni dniowy dniowe dniowego dniowa dniowej dniowych'),
		metres: w('metr metry metrow'),
		kilometres: w('kilometr kilometry kilometrow'),
		crossSections: ['mm2', 'mm kw'],
		people: w(
			'osoby osob uczestnikow uczestnicy technikow technicy inzynierow elektrykow pracownikow pracownicy operatorow',
		),
		partitives: ['z tych', 'sposrod'],
		perGroup: w('na'),
		also: w('takze tez rowniez ponadto'),
	},
};

const all = (pick: (v: LanguageVocabulary) => readonly string[]): string[] => [
	...new Set(Object.values(VOCABULARY).flatMap(pick)),
];

/** Every word for a piece or a pack, longest first (regular-expression alternations). */
export const COUNT_WORDS: readonly string[] = all((v) => [...v.pieces, ...v.containers]).sort(
	(a, b) => b.length - a.length,
);
/** Every word for a piece ("3 pcs", "1500 Stück", "3000 szt."). */
export const PIECE_WORDS: ReadonlySet<string> = new Set(all((v) => v.pieces));
/** Every word for a pack. */
export const CONTAINER_WORDS: ReadonlySet<string> = new Set(all((v) => v.containers));
/** Every article that is a count of one. */
export const ONE_WORDS: ReadonlySet<string> = new Set(all((v) => v.articles));
/** Every word that asks before the count. */
export const ASKING_WORDS: ReadonlySet<string> = new Set(all((v) => v.asking));
/** Every joiner of one word ("and", "oraz", "en"). */
export const ONE_WORD_JOINERS: readonly string[] = all((v) => v.joiners).filter(
	(w) => !w.includes(' '),
);
/** Every form>lemma ending rule ("ow>", "aten>aat"), the longest form first. */
export const INFLECTIONS: ReadonlyArray<readonly [string, string]> = all((v) => v.inflections)
	.map((rule) => rule.split('>') as [string, string])
	.sort((a, b) => b[0].length - a[0].length);
/** Every word for an hour, a day and a metre (regular-expression alternations, longest first). */
export const HOUR_WORDS: readonly string[] = all((v) => v.hours).sort(
	(a, b) => b.length - a.length,
);
export const DAY_WORDS: readonly string[] = all((v) => v.days).sort((a, b) => b.length - a.length);
export const METRE_WORDS: readonly string[] = all((v) => v.metres).sort(
	(a, b) => b.length - a.length,
);
/** Every cross-section unit (regular-expression alternations, longest first). */
export const CROSS_SECTION_WORDS: readonly string[] = [
	...new Set(all((v) => v.crossSections)),
].sort((a, b) => b.length - a.length);
/** Every word for people a service is bought for. */
export const PEOPLE_WORDS: readonly string[] = all((v) => v.people);
/** Every partitive phrase ("of the", "von den"), as its folded words. */
export const PARTITIVES: ReadonlyArray<readonly string[]> = all((v) => v.partitives).map((p) =>
	p.split(' '),
);
/** "also", "auch", "anche", "także": before a count that is the item's ("vorremmo anche due …"). */
export const ALSO_WORDS: readonly string[] = all((v) => v.also);
/** "per", "pro", "par", "por", "na": between a count and the group it is for ("3 per floor"). */
export const PER_GROUP_WORDS: readonly string[] = [...new Set(all((v) => v.perGroup))];
export const KILOMETRE_WORDS: readonly string[] = all((v) => v.kilometres).sort(
	(a, b) => b.length - a.length,
);
/** Every joiner of two words or more ("ainsi que", "a także", "além de"), as folded words. */
export const MULTI_WORD_JOINERS: readonly string[] = all((v) => v.joiners).filter((w) =>
	w.includes(' '),
);
/** Every abbreviation of a piece written with a full stop ("szt.", "pces."). */
export const PIECE_ABBREVIATIONS: readonly string[] = all((v) => v.abbreviations);
/** Every word written before the count ("nr. 4"). */
export const COUNT_PREFIXES: ReadonlySet<string> = new Set(all((v) => v.countPrefixes));
/** Every ending of a verb of asking ("riamos", "remmo", "bysmy"), longest first. */
export const ASKING_ENDINGS: readonly string[] = [...new Set(all((v) => v.askingEndings))].sort(
	(a, b) => b.length - a.length,
);
/** Every elided word ("d" of "d'un"). */
export const ELIDED_WORDS: ReadonlySet<string> = new Set(all((v) => v.elisions));
/** Every phrase that reports a fault. */
export const FAULT_PHRASES: readonly string[] = all((v) => v.faults);
export const KEPT_PHRASES: readonly string[] = all((v) => v.kept);
export const NOT_NEEDED_PHRASES: readonly string[] = all((v) => v.notNeeded);
export const END_USE_PHRASES: readonly string[] = all((v) => v.endUse);
/** Every phrase that opens an accessory for each item before ("each with", "jeweils mit"). */
export const EACH_WITH_PHRASES: readonly string[] = all((v) => v.eachWith);
/** Every word after a count that points back to the product named before ("of them", "davon"). */
export const POINTERS: readonly string[] = all((v) => v.pointers);
/** Every word before a count that points back to the product named before (Italian "ne", French "en"). */
export const POINTERS_BEFORE: readonly string[] = all((v) => v.pointersBefore);
/** Every place named by a number. */
export const PLACE_WORDS: readonly string[] = all((v) => v.places);
/** Every "for" / "per" word. */
export const PURPOSE_WORDS: ReadonlySet<string> = new Set(all((v) => v.purpose));
/** Every word that opens a sentence of business terms (read/business.ts). */
export const BUSINESS_WORDS: ReadonlySet<string> = new Set(all((v) => v.business));
/** Every word that asks for a quote or a price. */
export const ENQUIRY_WORDS: ReadonlySet<string> = new Set(all((v) => v.enquiry));
/** Every word that changes the item asked for. */
export const MODIFIER_WORDS: ReadonlySet<string> = new Set(all((v) => v.modifiers));
/** Every word for a site of the buyer's. */
export const SITE_WORDS: ReadonlySet<string> = new Set(all((v) => v.sites));

/** Services sold on their own, as written (diacritics kept as they may come), to their concept. */
export const SERVICES: ReadonlyArray<[RegExp, string]> = [
	[
		/^(?:installation|installazione|instalaci[oó]n|instala[cç][aã]o|installierung|installatie(?:pakket)?|instalacj[aeiąę]|montage|montaje|installed|installiert|instalad[oa]s?|install[ée]e?s?|installat[ei]|geïnstalleerd|geinstalleerd|zainstalowan[aey])/i,
		'installation',
	],
	[
		/^(?:commissioning|inbetriebnahme|puesta en marcha|mise en service|messa in servizio|comissionamento)/i,
		'commissioning',
	],
	[
		/^(?:programming|programmierung|programaci[oó]n|programmation|programmazione|programa[cç][aã]o)/i,
		'programming',
	],
	[/^(?:training|schulung|formaci[oó]n|formation|formazione|treinamento)/i, 'training'],
];
export const SERVICE_WORDS = SERVICES.map(([re]) => re.source.replace(/^\^/, '')).join('|');
/** "…, installed please", "…, installiert bitte": the participle of a service asked for the item before. */
export const SERVICE_ASKED = new RegExp(
	`,\\s+(?=(?:installed|installiert|instalad[oa]s?|install[ée]e?s?|installat[ei]|ge[iï]nstalleerd|zainstalowan[aey])(?:\\s+(?:please|pls|bitte|por favor|svp|s'il vous pla[iî]t|per favore|graag|prosz[eę]))?\\s*[.!]?\\s*$)`,
	'i',
);

/**
 * What a reply says of the lines of the older request it quotes (amendments.ts, ADR 0062), per language:
 * - `drops`: words before the item that drop it ("drop the battens", "quitad los latiguillos", "annulez la
 *   ligne Falcon", "podem esquecer os de 11 kW");
 * - `dropsAfter`: words after the item that drop it ("las pantallas fuera", "gli switch toglieteli", "die
 *   Schalter entfallen", "de kabels vervallen");
 * - `countTo`: words between an item and its new count ("floods down to 6", "gli inverter diventano 8",
 *   "die Antriebe auf 8", "les câbles passent à 20");
 * - `keep`: words that keep the older request as it was ("rest as it was", "Rest wie gehabt", "lo demás
 *   igual", "bez zmian"), which change nothing;
 * - `sameCount`: "the same quantities", "gleiche Stückzahl": an item replaced keeps the older count.
 */
export interface ReplyVocabulary {
	drops: readonly string[];
	dropsAfter: readonly string[];
	countTo: readonly string[];
	keep: readonly string[];
	sameCount: readonly string[];
}

export const REPLY_VOCABULARY: Readonly<Record<ReaderLanguage, ReplyVocabulary>> = {
	en: {
		drops: [
			'drop',
			'remove',
			'delete',
			'cancel',
			'take out',
			'take off',
			'leave out',
			'leave off',
			'forget',
			'scrap',
			'strike',
			'lose',
		],
		dropsAfter: ['can go', 'are out', 'is out', 'no longer needed', 'not needed anymore'],
		countTo: [
			'down to',
			'up to',
			'reduced to',
			'increased to',
			'go to',
			'goes to',
			'now',
			'becomes',
			'become',
			'changed to',
			'make it',
			'make them',
		],
		keep: [
			'rest as it was',
			'rest as before',
			'rest stays',
			'rest the same',
			'everything else',
			'all else',
			'otherwise the same',
			'stay at',
			'stays at',
			'stay as',
			'unchanged',
			'as is',
			'as quoted',
			'no change',
		],
		sameCount: ['same quantities', 'same quantity', 'same numbers', 'same number'],
	},
	de: {
		drops: [
			'streichen',
			'streicht',
			'entfernen',
			'entfernt',
			'loschen',
			'weglassen',
			'lasst',
			'vergessen',
		],
		dropsAfter: [
			'entfallen',
			'entfallt',
			'fallen weg',
			'fallt weg',
			'streichen',
			'bitte streichen',
			'weglassen',
			'raus',
		],
		countTo: ['auf', 'jetzt', 'nun', 'werden', 'erhohen auf', 'reduzieren auf'],
		keep: [
			'rest wie gehabt',
			'rest bleibt',
			'rest unverandert',
			'alles andere',
			'sonst alles',
			'bleibt gleich',
			'bleiben gleich',
			'bleibt bei',
			'bleiben bei',
			'unverandert',
			'wie gehabt',
		],
		sameCount: [
			'gleiche stuckzahl',
			'gleiche menge',
			'gleichen mengen',
			'gleiche anzahl',
			'selbe stuckzahl',
		],
	},
	fr: {
		drops: [
			'annuler',
			'annulez',
			'supprimer',
			'supprimez',
			'retirer',
			'retirez',
			'enlever',
			'enlevez',
			'oublier',
			'oubliez',
		],
		dropsAfter: [
			'ne sont plus necessaires',
			"n'est plus necessaire",
			'sont a retirer',
			'a supprimer',
		],
		countTo: [
			'passent a',
			'passe a',
			'deviennent',
			'devient',
			'montent a',
			'descendent a',
			'ce sera',
			'ce seront',
		],
		keep: [
			'reste inchange',
			'le reste',
			'tout le reste',
			'sans changement',
			'inchange',
			'inchanges',
			'comme prevu',
			'restent a',
		],
		sameCount: ['meme nombre', 'memes quantites', 'meme quantite'],
	},
	es: {
		drops: [
			'quitad',
			'quitar',
			'quita',
			'quite',
			'quiten',
			'eliminad',
			'eliminar',
			'elimina',
			'borrad',
			'borrar',
			'olvidad',
			'olvidaos de',
			'sacad',
			'anulad',
			'anular',
		],
		dropsAfter: ['fuera', 'sobran', 'ya no hacen falta', 'ya no'],
		countTo: ['pasan a', 'pasa a', 'a', 'ahora', 'seran', 'sera'],
		keep: [
			'lo demas igual',
			'el resto igual',
			'resto igual',
			'todo lo demas',
			'sin cambios',
			'se quedan en',
			'se mantienen',
			'igual que',
		],
		sameCount: ['misma cantidad', 'mismas cantidades', 'mismo numero'],
	},
	it: {
		drops: [
			'togliete',
			'togliere',
			'eliminate',
			'eliminare',
			'cancellate',
			'cancellare',
			'rimuovete',
			'rimuovere',
			'stralciate',
		],
		dropsAfter: [
			'toglieteli',
			'toglietele',
			'toglietelo',
			'eliminateli',
			'eliminatele',
			'cancellateli',
			'cancellatele',
			'non servono piu',
			'non servono',
		],
		countTo: ['diventano', 'diventa', 'passano a', 'passa a', 'salgono a', 'scendono a'],
		keep: [
			'restano come',
			'resta come',
			'il resto',
			'tutto il resto',
			'invariato',
			'invariati',
			'senza modifiche',
			'come da richiesta',
		],
		sameCount: ['stessa quantita', 'stesse quantita', 'stesso numero'],
	},
	pt: {
		drops: [
			'retirem',
			'retire',
			'tirem',
			'tirar',
			'remover',
			'removam',
			'cancelem',
			'cancelar',
			'esquecer',
			'esquecam',
			'excluam',
		],
		dropsAfter: ['fora', 'ja nao', 'nao precisamos mais'],
		countTo: ['passam a', 'passa a', 'agora', 'para', 'serao', 'sera'],
		keep: [
			'o resto igual',
			'resto igual',
			'o resto',
			'sem alteracao',
			'sem mudancas',
			'mantem',
			'ficam em',
		],
		sameCount: ['mesma quantidade', 'mesmas quantidades', 'mesmo numero'],
	},
	nl: {
		drops: [
			'schrap',
			'schrappen',
			'verwijder',
			'verwijderen',
			'haal',
			'laat',
			'vergeet',
			'annuleer',
		],
		dropsAfter: [
			'vervallen',
			'vervalt',
			'mogen eraf',
			'mag eraf',
			'mogen eruit',
			'weg',
			'eraf',
			'eruit',
		],
		countTo: ['naar', 'worden', 'wordt', 'gaan naar', 'op'],
		keep: [
			'verder alles hetzelfde',
			'rest hetzelfde',
			'de rest blijft',
			'alles hetzelfde',
			'ongewijzigd',
			'blijft gelijk',
			'blijven gelijk',
			'blijven op',
			'blijft op',
		],
		sameCount: ['zelfde aantal', 'zelfde aantallen', 'dezelfde aantallen', 'hetzelfde aantal'],
	},
	pl: {
		drops: [
			'usuncie',
			'usunac',
			'prosze usunac',
			'skreslcie',
			'skreslic',
			'wykreslcie',
			'wykreslic',
			'rezygnujemy z',
			'anulujcie',
		],
		dropsAfter: ['odpadaja', 'odpada', 'niepotrzebne', 'juz nie'],
		countTo: ['zmieniamy na', 'zwiekszamy do', 'zmniejszamy do', 'do', 'teraz', 'beda', 'bedzie'],
		keep: ['bez zmian', 'reszta bez zmian', 'reszta jak', 'pozostale bez zmian', 'jak w zapytaniu'],
		sameCount: ['ta sama ilosc', 'tyle samo', 'te same ilosci'],
	},
};

const reply = (pick: (v: ReplyVocabulary) => readonly string[]): string[] =>
	[...new Set(Object.values(REPLY_VOCABULARY).flatMap(pick))].sort((a, b) => b.length - a.length);

/** The words of every reader language, longest first (regular-expression alternations). */
export const REPLY_DROPS: readonly string[] = reply((v) => v.drops);
export const REPLY_DROPS_AFTER: readonly string[] = reply((v) => v.dropsAfter);
export const REPLY_COUNT_TO: readonly string[] = reply((v) => v.countTo);
export const REPLY_KEEP: readonly string[] = reply((v) => v.keep);
export const REPLY_SAME_COUNT: readonly string[] = reply((v) => v.sameCount);
