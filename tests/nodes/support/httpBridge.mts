// What n8n's httpRequestWithAuthentication does for the node tests that run a node's hook or webhook
// methods outside n8n: the request options sent to a local contract server over fetch with the given
// Authorization header, answered as n8n's full response ({statusCode, headers, body}, JSON parsed when
// it is JSON). One copy for every test context that needs it. Mirrors n8n-core 2.41.1
// dist/execution-engine/node-execution-context/utils/request-helpers/authentication.js
// (httpRequestWithAuthentication: the credential's authenticate applied, then the request helper with
// `returnFullResponse`, which answers { statusCode, headers, body }); the test gives the Authorization
// header the credential would add. Not a fake of ERPNext, InvenTree or Mautic.
import type { IHttpRequestOptions } from 'n8n-workflow';

export async function sendAsN8n(options: IHttpRequestOptions, authorization: string): Promise<{ statusCode: number; headers: Record<string, string>; body: unknown }> {
	const url = new URL(options.url);
	for (const [k, v] of Object.entries(options.qs ?? {})) url.searchParams.set(k, String(v));
	const headers: Record<string, string> = { ...(options.headers as Record<string, string>), Authorization: authorization };
	let body: string | undefined;
	if (options.body !== undefined) {
		body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
		headers['Content-Type'] ??= 'application/json';
	}
	const r = await fetch(url, { method: String(options.method), headers, body });
	const text = await r.text();
	let parsed: unknown = text;
	try {
		parsed = JSON.parse(text);
	} catch {
		// not JSON
	}
	const responseHeaders: Record<string, string> = {};
	r.headers.forEach((value, key) => {
		responseHeaders[key] = value;
	});
	return { statusCode: r.status, headers: responseHeaders, body: parsed };
}
