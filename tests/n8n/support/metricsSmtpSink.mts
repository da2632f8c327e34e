// A local SMTP sink for real-n8n tests of send-and-wait by email: speaks just enough SMTP (RFC 5321
// without TLS or AUTH) for nodemailer, which n8n's Send Email node uses, keeps every message, and
// decodes the MIME body (quoted-printable or base64) so a test can read the approve / decline links
// n8n put in the message and follow them like the person who received it.
import { createServer, type Server, type Socket } from 'node:net';

export interface SunkMail {
	from: string;
	to: string[];
	subject: string;
	/** Decoded text of every body part, concatenated. */
	body: string;
	/** Every href in the body, HTML entities decoded. */
	links: string[];
	raw: string;
}

export interface SmtpSink {
	port: number;
	messages: SunkMail[];
	/** Resolves with the first message (already received or arriving later) that matches. */
	waitFor(match: (mail: SunkMail) => boolean, timeoutMs?: number): Promise<SunkMail>;
	stop(): Promise<void>;
}

function headerValue(headers: string, name: string): string {
	const unfolded = headers.replace(/\r?\n[ \t]+/g, ' ');
	const match = new RegExp(`^${name}:[ \\t]*(.*)$`, 'im').exec(unfolded);
	return match ? decodeWords(match[1].trim()) : '';
}

/** RFC 2047 encoded words (=?UTF-8?Q?…?= / =?UTF-8?B?…?=). */
function decodeWords(value: string): string {
	return value.replace(
		/=\?([^?]+)\?([QBqb])\?([^?]*)\?=/g,
		(_, _charset: string, kind: string, text: string) =>
			kind.toUpperCase() === 'B'
				? Buffer.from(text, 'base64').toString('utf8')
				: Buffer.from(
						text
							.replace(/_/g, ' ')
							.replace(/=([0-9A-F]{2})/gi, (__, hex: string) =>
								String.fromCharCode(parseInt(hex, 16)),
							),
						'latin1',
					).toString('utf8'),
	);
}

function decodeBody(body: string, encoding: string): string {
	switch (encoding.toLowerCase()) {
		case 'base64':
			return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
		case 'quoted-printable': {
			const bytes = body
				.replace(/=\r?\n/g, '')
				.replace(/=([0-9A-F]{2})/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
			return Buffer.from(bytes, 'latin1').toString('utf8');
		}
		default:
			return body;
	}
}

function splitHeaders(part: string): [string, string] {
	const at = part.search(/\r?\n\r?\n/);
	if (at < 0) return [part, ''];
	const gap = /\r?\n\r?\n/.exec(part.slice(at))![0].length;
	return [part.slice(0, at), part.slice(at + gap)];
}

/** The decoded text of a MIME entity and its sub-parts. */
function textOf(entity: string): string {
	const [headers, body] = splitHeaders(entity);
	const type = headerValue(headers, 'Content-Type');
	const boundary = /boundary="?([^";]+)"?/i.exec(type)?.[1];
	if (/^multipart\//i.test(type) && boundary) {
		return body
			.split(`--${boundary}`)
			.slice(1)
			.filter((part) => !part.startsWith('--'))
			.map((part) => textOf(part.replace(/^\r?\n/, '')))
			.join('\n');
	}
	return decodeBody(body, headerValue(headers, 'Content-Transfer-Encoding') || '7bit');
}

function parseMail(raw: string, from: string, to: string[]): SunkMail {
	const [headers] = splitHeaders(raw);
	const body = textOf(raw);
	const links = [...body.matchAll(/href="([^"]+)"/g)].map((m) =>
		m[1]
			.replace(/&amp;/g, '&')
			.replace(/&#x2F;/gi, '/')
			.replace(/&#x3D;/gi, '='),
	);
	return { from, to, subject: headerValue(headers, 'Subject'), body, links, raw };
}

export async function startSmtpSink(): Promise<SmtpSink> {
	const messages: SunkMail[] = [];
	const waiters: Array<{ match: (mail: SunkMail) => boolean; resolve: (mail: SunkMail) => void }> =
		[];
	const sockets = new Set<Socket>();

	const deliver = (mail: SunkMail) => {
		messages.push(mail);
		for (const waiter of [...waiters]) {
			if (!waiter.match(mail)) continue;
			waiters.splice(waiters.indexOf(waiter), 1);
			waiter.resolve(mail);
		}
	};

	const server: Server = createServer((socket) => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
		socket.on('error', () => undefined);
		let buffer = '';
		let inData = false;
		let data: string[] = [];
		let from = '';
		let to: string[] = [];
		const reply = (line: string) => socket.write(`${line}\r\n`);
		reply('220 ltc-smtp-sink ESMTP');
		socket.on('data', (chunk) => {
			buffer += chunk.toString('latin1');
			let newline: number;
			while ((newline = buffer.indexOf('\r\n')) >= 0) {
				const line = buffer.slice(0, newline);
				buffer = buffer.slice(newline + 2);
				if (inData) {
					if (line === '.') {
						inData = false;
						deliver(
							parseMail(Buffer.from(data.join('\r\n'), 'latin1').toString('latin1'), from, to),
						);
						data = [];
						reply('250 2.0.0 queued');
					} else {
						data.push(line.startsWith('..') ? line.slice(1) : line);
					}
					continue;
				}
				const verb = line.slice(0, 4).toUpperCase();
				if (verb === 'EHLO') {
					socket.write(
						'250-ltc-smtp-sink\r\n250-8BITMIME\r\n250-SMTPUTF8\r\n250 SIZE 10485760\r\n',
					);
				} else if (verb === 'HELO') reply('250 ltc-smtp-sink');
				else if (verb === 'MAIL') {
					from = /<([^>]*)>/.exec(line)?.[1] ?? '';
					to = [];
					reply('250 2.1.0 OK');
				} else if (verb === 'RCPT') {
					to.push(/<([^>]*)>/.exec(line)?.[1] ?? '');
					reply('250 2.1.5 OK');
				} else if (verb === 'DATA') {
					inData = true;
					reply('354 End data with <CR><LF>.<CR><LF>');
				} else if (verb === 'RSET' || verb === 'NOOP') reply('250 2.0.0 OK');
				else if (verb === 'QUIT') {
					reply('221 2.0.0 Bye');
					socket.end();
				} else reply('502 5.5.2 Command not implemented');
			}
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const address = server.address();
	if (!address || typeof address === 'string') throw new Error('SMTP sink has no port');

	return {
		port: address.port,
		messages,
		waitFor(match, timeoutMs = 60_000) {
			const found = messages.find(match);
			if (found) return Promise.resolve(found);
			return new Promise((resolve, reject) => {
				const waiter = { match, resolve: (mail: SunkMail) => (clearTimeout(timer), resolve(mail)) };
				const timer = setTimeout(() => {
					waiters.splice(waiters.indexOf(waiter), 1);
					reject(
						new Error(
							`no matching mail within ${timeoutMs} ms; received: ${messages.map((m) => m.subject).join(', ') || 'none'}`,
						),
					);
				}, timeoutMs);
				waiters.push(waiter);
			});
		},
		async stop() {
			for (const socket of sockets) socket.destroy();
			await new Promise<void>((resolve) => server.close(() => resolve()));
		},
	};
}
