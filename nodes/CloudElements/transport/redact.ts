/**
 * Every form in which a secret can reach an error message: as typed, escaped
 * inside a JSON string (Cloud Elements echoing a request body), URL-encoded
 * (echoing a login link or query), form-encoded, and base64.
 */
function secretForms(secret: string): string[] {
	const jsonEscaped = JSON.stringify(secret).slice(1, -1);
	const urlEncoded = encodeURIComponent(secret);
	const forms = [
		secret,
		jsonEscaped,
		// JSON inside a JSON string, as in a message quoting a request body.
		JSON.stringify(jsonEscaped).slice(1, -1),
		urlEncoded,
		urlEncoded.replace(/%20/g, '+'),
		Buffer.from(secret, 'utf8').toString('base64'),
	];
	return [...new Set(forms)];
}

/** Replaces every form of every secret in `text` with `[redacted]`, longest first so no part survives. */
export function redact(text: string, secrets: string[]): string {
	const forms = secrets
		.filter((secret) => secret.length > 0)
		.flatMap(secretForms)
		.sort((a, b) => b.length - a.length);
	return forms.reduce((out, form) => out.split(form).join('[redacted]'), text);
}
