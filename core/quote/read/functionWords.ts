// The function words of the eight reader languages (ADR 0057), as data: articles, pronouns and
// possessives, auxiliaries and modal verbs, prepositions, conjunctions, courtesy and greetings, the verbs
// of asking, needing, wanting, sending, ordering, quoting and delivering, time words, the words of the
// company world and of a talk before or a reply after the request ("as discussed", "wie besprochen", "dans
// l'attente de votre réponse": ADR 0061). Written from general knowledge of the languages, not from the labelled requests. A word
// here is no longer an "unknown word" of a line (accounting.ts unknownWords): it says who asks, when and
// how politely, never what or how many.
//
// The exclusion rule: no word that can change what is bought or how many goes in here, in any of the
// languages, even when it is a function word (EXCLUDED_WORDS below, checked by
// tests/core/quote/functionWords.test.mts). That is: hedges and approximations ("about", "około",
// "ungefähr"), vague counts and quantifiers ("several", "all", "each", "per"), negations and exclusions
// ("without", "except", "sin", "bez"), alternatives and preferences ("or", "lub", "instead", "maybe"),
// words that add or repeat ("with", "also", "more", "another", "same", "again", "extra"), comparatives and
// conditions on a count ("up to", "at least", "bis zu", "if", "than"), words about the count itself
// ("exact", "quantity", "total"), words that introduce a material ("aus", "uit") and any word that names a
// product, a material, an attribute or a unit. A word that is harmless in one language but excluded in
// another ("mais": French "but", Portuguese "more"; "alle": Italian "to the", German "all") stays out: the
// check reads words, not languages. Words under three letters are outside the check: accounting never
// names them unknown.
import type { ReaderLanguage } from './vocabulary';

/** The kinds of function word, in the order they were added (ADR 0057 drops from the end first). */
export const FUNCTION_WORD_KINDS = [
	'articles',
	'pronouns',
	'auxiliaries',
	'prepositions',
	'conjunctions',
	'courtesy',
	'requests',
	'time',
	'company',
	'conversation',
] as const;
export type FunctionWordKind = (typeof FUNCTION_WORD_KINDS)[number];

export const FUNCTION_WORDS: Readonly<
	Record<ReaderLanguage, Readonly<Record<FunctionWordKind, string>>>
> = {
	en: {
		articles: 'the a an',
		pronouns:
			'i me my mine myself we us our ours ourselves you your yours yourself yourselves he him his she her hers it its they them their theirs this that these those who whom whose which what anyone someone somebody',
		auxiliaries:
			'am is are was were be been being have has had having does did done will would shall should can could may might must need needs needed let lets going gonna wanna',
		prepositions:
			'to from in on at by for of into onto regarding concerning re via through within during before after since until till behind near towards toward',
		conjunctions:
			'and but so because as that when while although though then therefore however yet',
		courtesy:
			'please pls plz kindly thanks thank thx cheers regards best kind dear hi hello hey good morning afternoon evening sir madam mr mrs ms sincerely faithfully appreciate appreciated grateful greetings welcome okay great sorry apologies hope wish nice weekend',
		requests:
			'ask asking asked need needing require requiring required want wanting wanted looking seek seeking send sending sent quote quoting quoted quotation price pricing priced offer order ordering ordered buy buying purchase purchasing procure procuring deliver delivering delivered delivery provide providing get getting receive receiving request requesting requested enquire enquiring enquiry inquire inquiry inquiring interested confirm confirming know advise share attach attached find see give invoice asks wants sends quotes orders buys delivers provides gets receives requests requires got received rfq rfp here herewith hoping wondering wishes obliged reply respond answer proposal following',
		time: 'today tomorrow yesterday now soon asap urgent urgently immediately quickly week weeks weekly month months year next last end beginning monday tuesday wednesday thursday friday saturday sunday january february march april june july august september october november december summer autumn winter later earlier already still currently meantime deadline date time timeline',
		company:
			'colleague colleagues department dept team purchasing procurement buyer office manager management engineer engineering production operations finance accounting accounts logistics company firm business customer client supplier vendor boss director',
		conversation:
			'discussed discuss agreed spoke spoken talked conversation reply replies response',
	},
	de: {
		articles: 'der die das den dem des ein eine einen einem einer eines',
		pronouns:
			'ich mich mir mein meine meinen meinem meiner wir unser unsere unseren unserem unserer sie ihnen ihr ihre ihren ihrem ihrer du dich dir dein deine er ihn ihm sein seine seinen es man dieser diese dieses diesen diesem welche welcher welches wer was jemand',
		auxiliaries:
			'bin bist ist sind seid war waren wäre wären habe hast hat haben hatte hatten hätte hätten werde wird werden würde würden wurde wurden kann kannst können könnte könnten muss müssen müsste soll sollen sollte sollten will wollen wollte wollten möchte möchten mag mögen darf dürfen dürften',
		prepositions:
			'für fuer von vom zu zum zur im am auf bei beim nach seit vor während durch bezüglich betreffend wegen laut gemäß innerhalb',
		conjunctions: 'und aber denn dass weil da wie dann damit sodass',
		courtesy:
			'bitte danke dank vielen herzlichen herzliche besten beste grüße gruß grüßen freundlichen freundliche sehr geehrte geehrter geehrten damen herren hallo guten morgen servus liebe mfg vg lg gerne gern freundlicherweise',
		requests:
			'brauchen brauche braucht bräuchten bräuchte benötigen benötige benötigt benötigten suchen suche sucht bitten bestellen bestelle bestellt anfragen anfrage angebot anbieten schicken schickt senden sendet zusenden übersenden liefern liefert geliefert lieferung erhalten bekommen kaufen beschaffen bestellung interessiert wünschen wünsche gewünscht mitteilen bestätigen kalkulieren erstellen bittet erbitten erbeten lassen zukommen anfordern zuschicken übermitteln unterbreiten machen interesse anbei hiermit beigefügt freuen freue würden folgende folgenden folgender gewünschte',
		time: 'heute übermorgen gestern jetzt sofort bald dringend eilig schnellstmöglich baldmöglichst woche wochen kw monat monate jahr nächste nächsten nächster kommende kommenden ende anfang mitte montag dienstag mittwoch donnerstag freitag samstag sonntag januar februar märz april juni juli august september oktober november dezember frühjahr sommer herbst winter termin zeitnah demnächst bereits schon',
		company:
			'kollege kollegin kollegen abteilung team einkauf einkäufer beschaffung firma unternehmen betrieb produktion geschäftsführung buchhaltung logistik vertrieb chef kunde kunden lieferant',
		conversation:
			'besprochen abgesprochen vereinbart telefonisch telefonat gespräch rückmeldung antwort',
	},
	fr: {
		articles: 'le la les un une des du',
		pronouns:
			'je me moi mon ma mes nous notre nos vous votre vos il elle ils elles lui leur leurs ce cet cette ces celui celle ceux qui que quoi dont on',
		auxiliaries:
			'suis es est sommes êtes sont étais était étions serait serions seraient ai as avons avez ont avais avait avions aurait aurions auriez aurons peux peut pouvons pouvez peuvent pourrait pourrions pourriez veux veut voulons voulez veulent voudrais voudrions voudriez dois doit devons devez devrait faut',
		prepositions: 'au aux dans pour sur chez avant après pendant depuis dès concernant via',
		conjunctions: 'et donc quand lorsque comme puisque alors ensuite puis',
		courtesy:
			'bonjour bonsoir salut merci madame monsieur messieurs mesdames cordialement salutations sincères distinguées respectueusement bien belle bonne journée plaît svp stp veuillez agréer avance excellente gentiment',
		requests:
			'besoin souhaitons souhaite souhaiterions souhaiterais voudrions aimerions aimerais demandons demande demander commander commande commandons envoyer envoyez transmettre transmettez faire parvenir adresser chiffrer coter devis proposition proposer livrer livraison livré recevoir obtenir acheter fournir aimerait voudrait souhaiterait pourrait faudrait faites recevra recevons recevrons livrez fournissez proposez cotez chiffrez voici voilà suivant suivants suivante suivantes nécessaire nécessaires aurais souhaitez',
		time: "aujourd'hui demain hier maintenant bientôt urgent urgence rapidement vite semaine semaines mois année prochain prochaine prochaines dernier fin début lundi mardi mercredi jeudi vendredi samedi dimanche janvier février mars avril juin juillet août septembre octobre novembre décembre délai date",
		company:
			'collègue collègues département équipe achats acheteur acheteuse société entreprise responsable client fournisseur comptabilité',
		conversation:
			'convenu convenue discuté évoqué téléphonique téléphoniquement attente réponse prévu prévue prévus prévues',
	},
	es: {
		articles: 'el la los las un una lo al del',
		pronouns:
			'yo me mi mis nosotros nosotras nos nuestro nuestra nuestros nuestras usted ustedes le les su sus te tu vosotros os vuestro este esta estos estas ese esa esos esas aquel que quien cual cuales',
		auxiliaries:
			'soy es somos son era eran sería serían estoy está estamos están estaría he ha hemos han había habíamos habría tengo tiene tenemos tienen podemos puede pueden podría podrían podríais podéis quiero quiere queremos querríamos quisiera quisiéramos debemos debe deberían',
		prepositions: 'a de en para desde hacia durante antes después mediante tras',
		conjunctions: 'y e pero porque como que cuando mientras pues entonces',
		courtesy:
			'hola buenos buenas tardes noches gracias muchas saludos saludo cordiales atentamente estimado estimados estimada señor señora señores favor amable agradecería agradecemos quedo quedamos atento atentos amablemente',
		requests:
			'necesitamos necesito necesitaríamos solicitar solicitamos solicito pedir pedimos pido enviar envíen envíe enviarnos mandar manden cotizar cotización coticen cotícenos presupuesto comprar compra pedido ordenar entregar entrega suministrar suministro recibir pasar pasen pásenos pasarme pasarnos enviarme mándenme mándennos envíenme envíennos cotizarme cotícenme necesitaría solicitaría pedirles enviarles agradeceríamos aquí adjunto adjunta siguiente siguientes necesaria necesarias necesario necesarios solicitud consulta',
		time: 'hoy mañana ayer ahora pronto urgente urgencia semana semanas mes meses año próximo próxima próximos última último final fin principios lunes martes miércoles jueves viernes sábado domingo enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre plazo fecha',
		company:
			'compañero compañera compañeros departamento compras comprador empresa dirección responsable cliente proveedor oficina',
		conversation:
			'hablamos hablado comentado acordado acordamos conversado conversación telefónica telefónicamente llamada respuesta pasan pasáis pasas pase pásame páseme',
	},
	it: {
		articles: 'il lo la i gli le un una dell della dello degli delle del',
		pronouns:
			'io mi mio mia miei mie noi ci nostro nostra nostri nostre voi vi vostro vostra lei suo sua suoi loro questo questa questi queste quello quella che chi cui',
		auxiliaries:
			'sono è siamo siete era sarebbe sarebbero ho ha abbiamo avete hanno avremmo avrei posso può possiamo potete possono potrebbe potreste potremmo vorrei vorremmo volete vogliamo devo deve dobbiamo dovrebbe serve servono servirebbe servirebbero occorre occorrono',
		prepositions:
			'al alla ai agli da dal dalla dai nel nella nei sul sulla presso entro durante dopo prima riguardo',
		conjunctions: 'e ed ma però perché quindi poi quando come',
		courtesy:
			'buongiorno buonasera salve ciao grazie cordiali saluti distinti gentile gentili egregio spettabile spett cortese cortesemente favore prego gentilmente',
		requests:
			'prezzo prezzi offerta offerte chiedo chiediamo chiedere richiedo richiediamo richiesta inviare inviate inviarci mandare mandate mandarci preventivo quotare quotazione ordinare ordine ordiniamo acquistare acquisto comprare consegnare consegna fornire fornitura ricevere fate farci sapere prevediamo bisogno necessitiamo chiederei chiederemmo inviarmi inviateci inviatemi mandateci fateci farmi richiederemmo ecco allego allegato allegata seguente seguenti necessari necessarie gradiremmo gradirei ringrazio ringraziamo attendo attendiamo riscontro',
		time: 'oggi domani ieri ora adesso subito presto urgente urgenza settimana settimane mese mesi anno prossimo prossima prossimi scorso inizio lunedì martedì mercoledì giovedì venerdì sabato domenica gennaio febbraio marzo aprile maggio giugno luglio agosto settembre ottobre novembre dicembre tempi',
		company:
			'collega colleghi ufficio reparto acquisti azienda ditta società direzione responsabile cliente fornitore',
		conversation:
			'concordato concordati accordi accordo telefonicamente telefonata sentiti attesa risposta',
	},
	pt: {
		articles: 'a os as uma da dos das nos nas ao aos à às pela',
		pronouns:
			'eu me meu minha meus minhas nós nosso nossa nossos nossas você vocês vos seu sua seus suas lhe lhes este esta estes estas esse essa esses essas isto isso aquele que quem qual',
		auxiliaries:
			'sou é somos são era seria seriam estou está estamos estão estaria tenho tem temos têm teria teríamos tinha posso pode podemos podem poderia poderiam queremos quero queria queríamos devemos deve deveria precisa vamos',
		prepositions: 'de em para desde durante antes depois após',
		conjunctions: 'e porque pois como que quando então',
		courtesy:
			'olá boa tarde noite obrigado obrigada cumprimentos atenciosamente cordialmente prezado prezados prezada caro caros senhor senhora favor gentileza grato grata abraço gentilmente amavelmente',
		requests:
			'precisamos preciso necessitamos solicitamos solicito pedimos peço pedir enviar envie enviem mandar mandem cotar cotação orçamento comprar compra encomendar encomenda pedido entregar entrega fornecer fornecimento receber gostaria gostaríamos solicitar solicitaria orçar agradeço agradecemos segue seguem aqui anexo seguinte seguintes necessários necessárias aguardo aguardamos precisaríamos',
		time: 'hoje amanhã ontem agora urgente urgência semana semanas mês meses ano próximo próxima último final fim início sábado domingo feira janeiro fevereiro março abril maio junho julho agosto setembro outubro novembro dezembro prazo',
		company:
			'colega colegas departamento equipa equipe compras comprador empresa direção responsável cliente fornecedor escritório',
		conversation:
			'combinado combinamos conversamos conversado falamos telefonicamente telefonema resposta vossa vosso vossas vossos consegue conseguem conseguiriam passar passa passem',
	},
	nl: {
		articles: 'de het een',
		pronouns:
			'ik mij me mijn wij we ons onze jij jou jouw uw jullie hij hem zijn zij haar hun hen dit dat deze die wie wat welke waar er',
		auxiliaries:
			'ben is was waren zou zouden heb hebt heeft hebben had hadden wil wilt willen wilde wilden kan kunt kun kunnen kon konden moet moeten mag mogen zal zullen word wordt worden',
		prepositions: 'van voor in op aan bij naar om tijdens na sinds',
		conjunctions: 'en maar want dus omdat wanneer toen',
		courtesy:
			'hallo beste geachte heer mevrouw dag goedemorgen goedemiddag goedenavond bedankt dank alvast vriendelijke groet groeten hartelijke mvg graag vriendelijk',
		requests:
			'nodig ontvangen sturen stuur stuurt toesturen opsturen versturen zenden bestellen bestelling offerte offreren aanvragen vragen vraag verzoek leveren levering kopen aanschaffen bezorgen doorsturen laten weten maken aanbieden bieden verzoeken verzoekt vraagt hierbij bijgaand nodige benodigd benodigde afwachten reactie',
		time: 'vandaag morgen gisteren nu meteen spoedig binnenkort dringend spoed urgent week weken maand maanden jaar volgende vorige komende eind begin maandag dinsdag woensdag donderdag vrijdag zaterdag zondag januari februari maart april mei juni juli augustus september oktober november december termijn datum',
		company:
			'collega collegas afdeling team inkoop inkoper bedrijf firma directie verantwoordelijke klant leverancier kantoor',
		conversation:
			'zoals besproken afgesproken telefonisch telefoongesprek gesprek afwachting antwoord',
	},
	pl: {
		articles: '',
		pronouns:
			'ja mnie mi mój moja moje moich my nas nam nasz nasza nasze naszego naszej naszych naszym wy wam wasz pani państwo pana panu jego jej ich ten ta to te tego tej tych tym który która które których co kto się',
		auxiliaries:
			'jest są był była było byli byłoby będzie będą jestem jesteśmy mam mamy ma mają mieć mógłby moglibyśmy możemy można mogą chcemy chcielibyśmy chciałbym chciałabym chce potrzebujemy potrzebuję potrzebne potrzebny potrzebna należy trzeba powinien',
		prepositions: 'w we dla przez przed przy według',
		conjunctions: 'i a ale że bo ponieważ gdy kiedy więc',
		courtesy:
			'dzień dobry witam witamy dziękuję dziękujemy pozdrawiam pozdrawiamy pozdrowienia szanowni szanowny szanowna uprzejmie proszę prosimy serdecznie łączę wyrazami szacunku',
		requests:
			'prośba zapytanie zapytać wycena wyceny wycenę wycenić przesłać przesłanie prześlij wysłać wysłanie zamówić zamówienie zamawiamy kupić zakup dostarczyć dostawa dostawy otrzymać uzyskać oferta ofertę ofertowe zainteresowani prosi prosiłbym prosilibyśmy chcielibyśmy potrzebowalibyśmy prześlijcie zamówimy dostarczenie zakupić załączam załączeniu oto wymagamy następujące następujących potrzebnych oczekujemy czekamy odpowiedź zamówienia oferty',
		time: 'dziś dzisiaj jutro wczoraj teraz pilne pilnie szybko wkrótce tydzień tygodnia tygodni miesiąc miesiąca rok przyszły przyszłym przyszłego następny następnym koniec końca początek poniedziałek wtorek środa czwartek piątek sobota niedziela stycznia lutego marca kwietnia czerwca lipca sierpnia września października listopada grudnia termin terminie',
		company:
			'kolega koleżanka koledzy dział działu zaopatrzenie zaopatrzenia zakupów zakupy firma firmy spółka kierownik klient dostawca biuro',
		conversation:
			'jak ustaliliśmy ustalenia ustaleniami uzgodniliśmy uzgodnione zgodnie rozmowa rozmową rozmowy telefonicznie telefoniczną telefonicznej czekam odpowiedzi',
	},
};

/**
 * Words that change what or how many is bought, in all eight languages, by kind (the rule in the header):
 * none of them may be a function word, so a line that leaves one unread still goes to a person.
 */
export const EXCLUDED_WORDS: Readonly<Record<string, string>> = {
	hedges:
		"about around approx approximately roughly circa ca nearly almost somewhere something some maybe perhaps possibly probably likely estimate estimated guess ish ungefähr etwa rund zirka fast knapp gut gegen um vielleicht eventuell wahrscheinlich schätzungsweise geschätzt environ approximativement presque quelque près peut-être probablement vers aproximadamente alrededor unos unas cerca casi quizás quizá tal vez probablemente sobre quasi intorno forse probabilmente incirca aproximadamente quase uns umas talvez provavelmente ongeveer zo'n bijna rond rondom misschien waarschijnlijk około ok mniej więcej prawie blisko jakieś może chyba prawdopodobnie szacunkowo orientacyjnie koło",
	vagueCounts:
		'several few couple many much lots all every each both whole half double twice apiece mehrere einige paar viele alle jede jeder jedes jeweils beide beiden ganze halbe doppelt plusieurs quelques beaucoup tous toutes tout chaque chacun varios varias algunos algunas muchos todos todas cada ambos medio alcuni alcune diversi vari molti tutti tutte ogni ciascuno entrambi mezzo vários várias alguns algumas muitos meio enkele meerdere veel elke ieder elk beide half kilka kilkanaście parę wiele dużo wszystkie wszystkich każdy każda oba obie pół',
	perEach: 'per pro je par por po na za across',
	negations:
		'not no none never neither nor nothing without except excluding nicht kein keine keinen keiner nie niemals ohne außer ausgenommen exklusive ne pas non jamais aucun aucune sans sauf excepté sin ningún ninguna ninguno nunca nada excepto salvo non mai nessun nessuno nessuna niente senza tranne eccetto não nem nenhum nenhuma nunca sem exceto niet geen nooit zonder behalve uitgezonderd nie żaden żadnych nigdy ani bez oprócz poza wyjątkiem',
	alternatives:
		'or either whether whichever instead rather alternatively alternative optional optionally option preferably prefer like similar equivalent comparable oder entweder bzw beziehungsweise alternativ wahlweise statt anstatt anstelle stattdessen lieber vorzugsweise ähnlich vergleichbar gleichwertig ou soit plutôt lieu préférence équivalent similaire o u ó oppure ovvero invece piuttosto preferibilmente equivalente simile ou vez invés preferência similar of ofwel hetzij plaats liever voorkeur gelijkwaardig vergelijkbaar lub albo bądź czy ewentualnie alternatywnie zamiast raczej najlepiej podobny odpowiednik',
	additions:
		'with plus including incl inclusive along together also too additional additionally another other others extra further besides spare reserve backup again same mit samt inklusive inkl zusammen auch außerdem zusätzlich zusätzliche weitere weiteren weiter ebenfalls noch nochmal nochmals wieder erneut andere anderen gleiche gleichen selbe selben dieselbe derselbe avec inclus compris aussi également encore supplémentaire supplémentaires autre autres même mêmes nouveau con incluido incluyendo junto también además adicional adicionales otro otra otros otras mismo misma mismos nuevamente nuevo con compreso insieme anche inoltre ancora altro altra altri aggiuntivo aggiuntivi stesso stessa stessi nuovamente nuovo com incluindo incluso junto também além adicional outro outra outros mesmo mesma novamente novo mais met inclusief samen ook bovendien nog ander andere zelfde dezelfde hetzelfde opnieuw weer extra z ze wraz oraz także też również ponadto dodatkowo dodatkowy dodatkowe jeszcze inny inne innych sam samo same ponownie znowu znów okazji',
	comparatives:
		'more less fewer than over under above below exceeding beyond mehr weniger als über unter oberhalb unterhalb moins davantage supérieur inférieur más menos mayor menor più meno maggiore minore maior menor meer minder groter kleiner dan ponad powyżej poniżej więcej mniej większy mniejszy',
	countConditions:
		"up upto least most minimum min maximum max if unless depending provided bis mindestens höchstens maximal minimal wenigstens wenn falls sofern abhängig jusqu jusqu'à si selon hasta máximo mínimo según dependiendo fino almeno massimo minimo se seconda dipende até pelo dependendo conforme tot minstens hoogstens maximaal minimaal tenminste indien mits afhankelijk do najmniej najwyżej maksymalnie minimum jeśli jeżeli gdyby ile zależnie zależności",
	countTalk:
		'exact exactly precise precisely number quantity quantities amount count total sum genau exakt anzahl menge stückzahl insgesamt gesamt exactement précisément nombre quantité exactamente cantidad número esattamente quantità numero totale exatamente quantidade precies aantal hoeveelheid totaal dokładnie ilość liczba łącznie razem sumie',
	itemWords:
		'new used old refurbished original genuine compatible neu neue gebraucht nouvelle occasion usado usato nieuw gebruikt nowy nowe używany',
	materials: 'aus uit made out',
	// a return or a complaint is no purchase, and what the buyer holds in stock may not be bought (ADR 0061)
	returns:
		'return returns returned returning retour retours retourner rücksendung retoure zurücksenden devolución devolver devolvemos reso resi restituzione restituire devolução retorno retornar retourzending terugsturen zwrot zwrócić zwracamy',
	stock:
		'stock stocks inventory lager lagerbestand vorrat almacén existencias magazzino giacenza estoque armazém voorraad magazijn magazyn magazynie stanie zapas',
};

/** Every function word of every language, as written (accounting.ts reads them the way it reads a request). */
export const FUNCTION_WORD_LIST: readonly string[] = Object.values(FUNCTION_WORDS).flatMap(
	(kinds) => FUNCTION_WORD_KINDS.flatMap((k) => kinds[k].split(' ').filter(Boolean)),
);

/**
 * The words of who asks and how politely, as written, of every language: the pronouns, the auxiliary and
 * modal verbs (their conditional forms too: "servirebbero", "bräuchten", "potrzebowalibyśmy"), courtesy and
 * the verbs of asking ("cotícenme", "encomendar"). The count reader reads past them to the count before an
 * item (read/count.ts); articles, prepositions and time words are left out (a count after them may be a
 * date or a duration).
 */
export const WORDS_OF_WHO_ASKS: readonly string[] = Object.values(FUNCTION_WORDS).flatMap((kinds) =>
	(['pronouns', 'auxiliaries', 'courtesy', 'requests'] as const).flatMap((k) =>
		kinds[k].split(' ').filter(Boolean),
	),
);
