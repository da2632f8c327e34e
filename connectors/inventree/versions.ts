// Which InvenTree endpoint or parameter to use for a given API version (`GET /api/` → `apiVersion`),
// per inventree.md §1-2 and the inventree/schema exports. Pure: the client detects the version once and
// asks here; a server that disagrees with a gate is handled by the client's 404 fallback.

/** Oldest API version the connector is written for (the same floor as inventree-python). */
export const MIN_API_VERSION = 206;

/** `?price_breaks=true` on Part: first schema export carrying it. */
export const INLINE_PRICE_BREAKS_SINCE = 412;

/** Generic `/api/parameter/` replaces `/api/part/parameter/`: first in export 430 (429 has the old one). */
export const GENERIC_PARAMETERS_SINCE = 430;

/** The token endpoint moves from `/api/user/token/` to `/api/user/me/token/`. */
export const ME_TOKEN_PATH_SINCE = 490;

export function supportsInlinePriceBreaks(apiVersion: number): boolean {
	return apiVersion >= INLINE_PRICE_BREAKS_SINCE;
}

export interface ParameterEndpoint {
	path: string;
	/** Query parameters that select one part's parameters. */
	query: (partId: number) => Record<string, string | number>;
	generic: boolean;
}

const GENERIC_PARAMETERS: ParameterEndpoint = {
	path: '/api/parameter/',
	query: (partId) => ({ model_type: 'part', model_id: partId }),
	generic: true,
};

const LEGACY_PARAMETERS: ParameterEndpoint = {
	path: '/api/part/parameter/',
	query: (partId) => ({ part: partId }),
	generic: false,
};

/** The parameter endpoint for `apiVersion`, then the other one to try when the first answers 404. */
export function parameterEndpoints(apiVersion: number): [ParameterEndpoint, ParameterEndpoint] {
	return apiVersion >= GENERIC_PARAMETERS_SINCE
		? [GENERIC_PARAMETERS, LEGACY_PARAMETERS]
		: [LEGACY_PARAMETERS, GENERIC_PARAMETERS];
}

/** The token endpoint for `apiVersion`, then the other one to try when the first answers 404. */
export function tokenPaths(apiVersion: number): [string, string] {
	return apiVersion >= ME_TOKEN_PATH_SINCE
		? ['/api/user/me/token/', '/api/user/token/']
		: ['/api/user/token/', '/api/user/me/token/'];
}
