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
}

const w = (words: string): readonly string[] => words.split(' ');

export const VOCABULARY: Readonly<Record<ReaderLanguage, LanguageVocabulary>> = {
	en: {
		pieces: w('pc pcs piece pieces unit units nos no ea each off set sets'),
		containers: w(
			'box boxes pack packs packet packets case cases bag bags bottle bottles roll rolls carton cartons rack racks pair pairs kit kits canister canisters tub tubs drum drums',
		),
		articles: w('a an one'),
		asking: w('need needs want order supply get buy take'),
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
	},
	de: {
		pieces: w('stk stuck st einheit einheiten'),
		containers: w(
			'packung packungen pack packs karton kartons beutel flasche flaschen rolle rollen kiste kisten schachtel schachteln dose dosen paar satz box boxen kanister gebinde',
		),
		articles: w('ein eine einen einem'),
		asking: w('brauchen brauche benotigen benotige bestellen hatten mochten gern gerne'),
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
	},
	es: {
		pieces: w('ud uds unidad unidades pieza piezas'),
		containers: w(
			'caja cajas paquete paquetes bolsa bolsas botella botellas frasco frascos rollo rollos envase envases estuche estuches par pares bidon bidones',
		),
		articles: w('un una uno'),
		asking: w('necesitamos necesito queremos quiero pedimos cotizenos cotizar'),
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
	},
	fr: {
		pieces: w('unite unites piece pieces pce pces ex exemplaires'),
		containers: w(
			'boite boites paquet paquets carton cartons sachet sachets flacon flacons bouteille bouteilles rouleau rouleaux caisse caisses etui etuis paire paires lot lots bidon bidons',
		),
		articles: w('un une'),
		asking: w('faudrait faut souhaitons voudrions commander chiffrer recevoir'),
		joiners: ['et', 'plus', 'ainsi que'],
		purpose: w('pour par'),
		business: w(
			'livraison livrer adresse paiement reglement facture facturation tva siret delai projet chantier',
		),
		enquiry: w('devis offre prix chiffrage pourriez pouvez commande'),
		modifiers: w('sans sauf inox inoxydable explosion antideflagrant atex zone'),
		sites: w('usine site atelier chantier entrepot projet depot'),
	},
	it: {
		pieces: w('pz pezzi pezzo unita nr'),
		containers: w(
			'scatola scatole confezione confezioni pacco pacchi flacone flaconi bottiglia bottiglie rotolo rotoli sacchetto sacchetti cartone cartoni busta buste paio paia tanica taniche',
		),
		articles: w('un uno una'),
		asking: w('servono serve vorremmo ordinare occorrono'),
		joiners: ['e', 'ed', 'piu', 'oltre a'],
		purpose: w('per'),
		business: w(
			'consegna consegnare spedizione indirizzo pagamento fattura fatturazione iva cantiere progetto resa',
		),
		enquiry: w('preventivo offerta prezzo quotazione richiediamo chiediamo vostra migliore'),
		modifiers: w('senza tranne inox inossidabile esplosione antideflagrante atex zona'),
		sites: w('stabilimento fabbrica cantiere sede magazzino progetto officina'),
	},
	pt: {
		pieces: w('unidade unidades un pecas peca'),
		containers: w(
			'caixa caixas pacote pacotes embalagem embalagens frasco frascos garrafa garrafas rolo rolos saco sacos par pares galao galoes',
		),
		articles: w('um uma'),
		asking: w('precisamos preciso queremos gostariamos solicito solicitamos'),
		joiners: ['e', 'mais', 'alem de'],
		purpose: w('para por'),
		business: w(
			'entrega entregar envio morada endereco pagamento prazo fatura faturacao nif cnpj iva projeto obra',
		),
		enquiry: w('orcamento cotacao proposta preco receber'),
		modifiers: w('sem exceto inox inoxidavel explosao atex zona'),
		sites: w('fabrica planta obra sede armazem projeto unidade'),
	},
	nl: {
		pieces: w('stuks stuk st stks exemplaren'),
		containers: w(
			'doos dozen pak pakken verpakking verpakkingen fles flessen rol rollen zak zakken karton kartons paar set sets jerrycan jerrycans',
		),
		articles: w('een n'),
		asking: w('nodig graag bestellen willen zouden'),
		joiners: w('en plus alsook'),
		purpose: w('voor per'),
		business: w(
			'levering leveren afleveradres adres betaling betalingstermijn factuur facturatie btw levertijd project bouwplaats',
		),
		enquiry: w('offerte prijs prijsopgave aanvraag ontvangen kunnen jullie geven zoeken'),
		modifiers: w('zonder behalve rvs roestvrij explosieveilig atex zone'),
		sites: w('fabriek vestiging bouwplaats magazijn project werkplaats'),
	},
	pl: {
		pieces: w('szt sztuk sztuki sztuka'),
		containers: w(
			'opakowanie opakowania opakowan pudelko pudelka pudelek karton kartony kartonow butelka butelki butelek rolka rolki rolek paczka paczki paczek worek worki workow para pary par zestaw zestawy zestawow kanister',
		),
		articles: w('jeden jedna jedno jednym jednej jednego'),
		asking: w('potrzebujemy potrzebuje zamawiamy zamowic prosimy prosze'),
		joiners: ['i', 'oraz', 'plus', 'a takze'],
		purpose: w('dla na po'),
		business: w('dostawa dostawy adres platnosc platnosci termin faktura nip projekt budowa'),
		enquiry: w('wycena wycene wyceny oferta oferte cena'),
		modifiers: w('bez oprocz nierdzewna nierdzewnej przeciwwybuchowy przeciwwybuchowa atex strefa'),
		sites: w('zaklad fabryka budowa magazyn projekt hala'),
	},
};

const all = (pick: (v: LanguageVocabulary) => readonly string[]): string[] => [
	...new Set(Object.values(VOCABULARY).flatMap(pick)),
];

/** Every word for a piece or a pack, longest first (regular-expression alternations). */
export const COUNT_WORDS: readonly string[] = all((v) => [...v.pieces, ...v.containers]).sort(
	(a, b) => b.length - a.length,
);
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
