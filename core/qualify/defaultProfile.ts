// Default ideal-customer profile, need taxonomy and mail-domain lists for an industrial automation /
// instrumentation vendor. They live apart from the schema so the schema stays readable and so a
// deployment can see at a glance what it is replacing when it passes its own configuration.

/**
 * Need taxonomy: category → keywords (EN/DE/ES/FR/IT/PT, a few CJK). Matching is case- and
 * accent-insensitive on whole words; `*` at either end of a keyword allows more letters there
 * (German compounds: `*umrichter` matches "Frequenzumrichter"), and a trailing plural `s` is implied.
 */
export const DEFAULT_TAXONOMY: Record<string, string[]> = {
	control_systems: [
		'plc', "plc's", 'sps', 'steuerung*', '*steuerung', 'autómata', 'automate', 'automates programmables',
		'controllogix', 'compactlogix', 'slc 500', 'simatic', 's5', 's7', 'logo', 'dcs', '*leitsystem*',
		'*leittechnik', 'sistema de control', 'controlador lógico', 'controllore',
		'control panel', 'tablero*', 'schaltschrank', 'relays', 'controls',
	],
	drives_motion: [
		'drive', 'vfd', 'inverter', 'variador*', 'variateur*', 'variadores de frecuencia', '*umrichter',
		'umrichter*', 'antrieb*', '*antrieb', '*antriebe', 'antriebstechnik', 'servo*', 'soft starter',
		'sanftanlauf*', 'inversor*', 'inversores de frequência', 'sinamics', 'simodrive', 'powerflex',
		'acs880', 'vlt', 'motion control', 'frequency converter', '变频器', '伺服',
	],
	sensors_instrumentation: [
		'*sensor*', 'sonda*', 'sonde*', 'transmitter*', 'transmisor*', 'transmetteur*',
		'trasmettitor*', 'transmissor*', '*messumformer', 'flowmeter', 'flow meter', 'caudalímetro*',
		'*durchfluss*', 'débitmètre*', 'misurator*', 'medidor*', 'füllstand*', 'level transmitter',
		'level monitoring', 'pressure', '*druck', 'presión', 'pression', 'pressione', 'pressão',
		'temperature', 'temperatur*', 'temperatura', 'température', 'thermocouple', 'pyromètre*',
		'pyrometer', 'pirómetro*', 'probe', 'analy*er', 'analizador*', 'analisador*', 'coriolis', 'vortex',
		'radar', 'näherungsschalter', 'lichtschranke*', 'proximity', 'rtd', 'data logger', 'datalogger',
		'instrumentation', 'instrumentación', 'instrumentierung', '*instrumentier*', 'instrumentação',
		'strumentazione', 'messstelle*', 'messtechnik', 'messung', 'pesage', 'weighing', 'vibration',
		'ph', 'oxygen', 'humedad', 'humidity', '传感器', '仪表',
	],
	scada_hmi_software: [
		'scada', 'hmi', 'supervisión', 'supervisório', 'supervisione', 'supervision', 'visualisierung',
		'historian', 'ignition', 'wonderware', 'wincc', 'panelview', 'operator panel', 'pannello operatore',
		'touch panel', '触摸屏', 'dashboard', 'telemetry', 'telemetrie', 'fernwirk*', 'oee',
		'remote monitoring', 'monitoreo', 'monitoring', 'überwachung', 'supervisory', 'predictive maintenance',
		'mantenimiento predictivo', 'iiot', 'analytics', 'traçabilité', 'traceability', 'rückverfolgbarkeit',
		'visión artificial', 'machine vision',
	],
	networking: [
		'profinet', 'profibus', 'ethernet/ip', 'ethercat', 'modbus', 'opc ua', 'opc-ua', 'hart', '4g',
		'radio', 'gateway*', 'edge gateway*', 'iot', 'wireless', 'inalámbrico*', 'funk*', 'sms', 'outstation*',
	],
	safety: [
		'safety plc', 'safety', 'sicherheitssteuerung', 'sicherheits*', 'light curtain', 'sil', 'atex',
		'seguridad', 'sécurité', 'sicurezza', 'segurança', 'ex-proof', 'exd',
	],
	services: [
		'service', 'field service', 'commissioning', 'inbetriebnahme', 'puesta en marcha', 'mise en service',
		'messa in servizio', 'comissionamento', 'installation', 'install', 'installed', 'montage', 'instalación',
		'instalar', 'installare', 'retrofit*', 'migration', 'migración', 'modernisierung', 'modernización',
		'modernizar', 'modernisation', 'modernization', 'ammodernamento', 'calibration', 'kalibrierung',
		'calibración', 'étalonnage', 'taratura', 'calibração', 'maintenance contract', 'wartung*',
		'contrato de mantenimiento', 'repair', 'reparatur', 'reparación', 'training', 'schulung', 'formación',
		'on-site', 'vor ort', 'integration', 'integración', 'integrazione', 'documentation', 'iq/oq',
		'spare parts', 'ersatzteil*', 'repuestos', 'ricambi', 'rahmenvereinbarung', 'framework agreement',
	],
};

/**
 * Industries of the default ideal customer (process and discrete manufacturing, utilities, energy),
 * multilingual; an entry matches when a word of the lead's industry starts with it.
 */
export const DEFAULT_ICP_INDUSTRIES: string[] = [
	'manufactur', 'manufactura', 'fertigung', 'industr', 'food', 'beverage', 'dairy', 'brew', 'bottling',
	'lebensmittel', 'getränke', 'molkerei', 'alimento', 'alimentos', 'alimentaire', 'alimentare', 'bebida',
	'boisson', 'bevande', 'laticínio', 'water', 'wastewater', 'wasser', 'abwasser', 'agua', 'aguas', 'eau',
	'acqua', 'água', 'utilit', 'versorgung', 'stadtwerk', 'pharma', 'life science', 'lifescience', 'chemi',
	'química', 'quimica', 'chimie', 'chimica', 'petrochem', 'oil', 'gas', 'energ', 'power', 'renewable',
	'mining', 'minería', 'mineria', 'bergbau', 'cement', 'zement', 'cemento', 'metal', 'steel', 'stahl',
	'acero', 'automotive', 'automobil', 'automotriz', 'packaging', 'verpackung', 'empaque', 'emballage',
	'imballaggi', 'embalagem', 'plastic', 'kunststoff', 'plástico', 'pulp', 'paper', 'papier', 'papel',
	'carta', 'machinery', 'maschinenbau', 'maquinaria', 'machinerie', 'textil', 'textile', 'tessile',
	'açúcar', 'sugar', 'zucker', 'azúcar', 'ethanol', 'etanol',
];

/** Free-mail providers: exact domains. */
export const FREE_EMAIL_DOMAINS: string[] = [
	'gmail.com', 'googlemail.com', 'yahoo.com', 'ymail.com', 'rocketmail.com', 'hotmail.com', 'outlook.com',
	'live.com', 'msn.com', 'aol.com', 'icloud.com', 'me.com', 'mac.com', 'gmx.de', 'gmx.net', 'gmx.at',
	'gmx.ch', 'gmx.com', 'web.de', 't-online.de', 'freenet.de', 'arcor.de', 'posteo.de', 'mail.de',
	'mail.com', 'mail.ru', 'yandex.ru', 'yandex.com', 'protonmail.com', 'proton.me', 'pm.me', 'tutanota.com',
	'zoho.com', 'zohomail.com', 'qq.com', '163.com', '126.com', 'sina.com', 'libero.it', 'virgilio.it',
	'tiscali.it', 'alice.it', 'orange.fr', 'free.fr', 'laposte.net', 'wanadoo.fr', 'sfr.fr', 'terra.com.br',
	'uol.com.br', 'bol.com.br', 'ig.com.br', 'telefonica.net', 'seznam.cz', 'wp.pl', 'o2.pl', 'onet.pl',
	'interia.pl', 'rediffmail.com', 'naver.com', 'hanmail.net', 'bluewin.ch', 'inbox.com', 'fastmail.com',
];

/** Provider labels that are free mail under any country TLD (yahoo.es, hotmail.de, outlook.fr …). */
export const FREE_EMAIL_PROVIDERS: string[] = ['yahoo', 'hotmail', 'outlook', 'live', 'gmx', 'ymail', 'aol', 'msn'];

/** Throw-away mailbox services: a lead from one is junk. */
export const DISPOSABLE_EMAIL_DOMAINS: string[] = [
	'mailinator.com', 'guerrillamail.com', 'guerrillamail.net', '10minutemail.com', 'tempmail.com',
	'temp-mail.org', 'yopmail.com', 'trashmail.com', 'getnada.com', 'sharklasers.com', 'dispostable.com',
	'maildrop.cc', 'throwawaymail.com', 'fakeinbox.com', 'mintemail.com', 'spamgourmet.com',
];
