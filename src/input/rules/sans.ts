/**
 * Subject alternative names in cert-manager mode (platform cmpv2_issuer.enabled). The `sans` string is split
 * at commas and each item filed by its kind, checked in the plugin's order: an e-mail address, an IPv4 or IPv6
 * address, a DNS name, an absolute URI. Unlike plugin 3.9.0 (which crashed on an empty item and silently dropped
 * or misfiled others), items are trimmed, empty ones are ignored, `*.` wildcard DNS names are accepted, and an
 * item of no kind is an error at the `sans` line that names it.
 */
import { describeValue, KeyPath } from '../diagnostics';
import { SubjectAltNames } from '../model';
import { Report } from '../values';

const SANS: KeyPath = ['external_cert', 'external_certificate_parameters', 'sans'];

const LABEL = '[A-Za-z0-9](?:[-A-Za-z0-9]{0,61}[A-Za-z0-9])?';
/** A DNS name: labels of letters, digits and inner hyphens, at most 63 characters each; the last not all digits. */
const DNS_NAME = new RegExp(`^(?:${LABEL}\\.)*(?=[-A-Za-z0-9]*[A-Za-z-])${LABEL}$`);
const OCTET = '(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])';
/** Dotted IPv4, without leading zeros (which Go's address parser, and so cert-manager, refuses). */
const IPV4 = new RegExp(`^${OCTET}(?:\\.${OCTET}){3}$`);
/** An e-mail address: a dot-atom local part, `@`, a DNS name. */
const EMAIL_LOCAL = /^[-A-Za-z0-9!#$%&'*+/=?^_`{|}~]+(?:\.[-A-Za-z0-9!#$%&'*+/=?^_`{|}~]+)*$/;
/** An absolute URI (RFC 3986): a scheme, `:`, and a non-empty rest of URI characters, `%` only as `%XX`. */
const URI = /^[A-Za-z][A-Za-z0-9+.-]*:(?:[-A-Za-z0-9._~:/?#[\]@!$&'()*+;=]|%[0-9A-Fa-f]{2})+$/;
/** `host:port`, which the plugin filed as a URI, its host taken for a scheme. */
const HOST_PORT = /^[^:/]+:[0-9]+$/;
/** An address with a prefix length: a range, not one address. */
const CIDR = /^[0-9A-Fa-f:.]+\/[0-9]+$/;
/** Something shaped like an IPv6 address (hex digits, colons, dots), maybe with a zone or a prefix length. */
const IPV6_LIKE = /^[0-9A-Fa-f:.]+(?:%[^/]*)?(?:\/[0-9]+)?$/;

/**
 * Whether an item is an absolute URI and nothing the plugin misfiled as one: not `host:port` (the host is no
 * scheme), and not an IPv6 address with a zone or a prefix length (its first group is no scheme either).
 */
function isAbsoluteUri(item: string): boolean {
  return URI.test(item) && !HOST_PORT.test(item) && !(item.includes(':') && IPV6_LIKE.test(item));
}

/** Whether an item is a DNS name, or a `*.` wildcard followed by one. */
function isDnsName(item: string): boolean {
  const name = item.startsWith('*.') ? item.slice(2) : item;
  return name.length <= 253 && DNS_NAME.test(name);
}

/** Whether an item is an e-mail address. */
function isEmailAddress(item: string): boolean {
  const at = item.lastIndexOf('@');
  return at > 0 && EMAIL_LOCAL.test(item.slice(0, at)) && !item.slice(at + 1).startsWith('*.') && isDnsName(item.slice(at + 1));
}

/**
 * Whether an item is one IPv4 or IPv6 address (no zone, no prefix length). Node's `net` loads here, at the first
 * item that is not IPv4: loading it costs every run a few milliseconds, and few specs have such items.
 */
function isIpAddress(item: string): boolean {
  if (IPV4.test(item)) return true;
  const { isIPv6 } = require('net') as typeof import('net');
  return isIPv6(item) && !item.includes('%');
}

/** Why an item is no SAN, when something more useful than "none of the kinds" can be said. */
function hint(item: string): string {
  if (CIDR.test(item)) return ' (an address with a prefix length is a range; a SAN names one address)';
  if (item.includes(':') && IPV6_LIKE.test(item) && item.includes('%'))
    return ' (an IPv6 address with a zone names a network interface, which a certificate cannot hold; write the address alone)';
  if (HOST_PORT.test(item))
    return ' (a host and port is not a URI; write the host as a DNS name, or a URI with a scheme such as https://host:port)';
  if (item.endsWith('.') && isDnsName(item.slice(0, -1)))
    return ' (a DNS name in a certificate has no trailing dot; write it without the dot)';
  if (/\P{ASCII}/u.test(item)) return ' (a DNS name with letters outside ASCII is written in its punycode form, xn--...)';
  if (item.includes('_') && !item.includes(':') && !item.includes('@')) return ' (a DNS name may not contain "_")';
  if (/\s/.test(item)) return ' (it contains a space)';
  return '';
}

/**
 * The SANs of a `sans` string, by kind, for a cert-manager Certificate. Each item that is no SAN is reported
 * once, at `sans`, by its position and value.
 */
export function readSubjectAltNames(sans: string, err: Report): SubjectAltNames {
  const out = { dnsNames: [] as string[], ipAddresses: [] as string[], emailAddresses: [] as string[], uris: [] as string[] };
  const items = sans.split(',');
  items.forEach((raw, i) => {
    const item = raw.trim();
    if (item === '') return;
    if (isEmailAddress(item)) out.emailAddresses.push(item);
    else if (isIpAddress(item)) out.ipAddresses.push(item);
    else if (isDnsName(item)) out.dnsNames.push(item);
    else if (isAbsoluteUri(item)) out.uris.push(item);
    else {
      err(
        SANS,
        `item ${i + 1} (counting from 1), ${describeValue(item)}, is not an e-mail address, an IPv4 or IPv6 address, ` +
          `a DNS name or an absolute URI${hint(item)}; expected SANs of those kinds, separated by commas, as cert-manager files ` +
          'each one by its kind (cmpv2_issuer.enabled)',
      );
    }
  });
  return out;
}
