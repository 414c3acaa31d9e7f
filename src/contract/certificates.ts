/** What the cert service and the cert-post-processor know of certificates. */

/** The certificate types, in lower case (a spec may write them in any case). */
export const CERT_TYPES: readonly string[] = ['p12', 'jks', 'pem'];
