/** Kubernetes naming rules, as the API server applies them. Each returns what is wrong, or undefined. */
import { MAX_NAME } from '../../contract/names';

const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const QUALIFIED_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const ENV_NAME = /^[-._a-zA-Z][-._a-zA-Z0-9]*$/;

/** Why a label key is refused, or undefined when it is valid. */
export function labelKeyProblem(key: string): string | undefined {
  const slash = key.indexOf('/');
  const prefix = slash >= 0 ? key.slice(0, slash) : undefined;
  const name = slash >= 0 ? key.slice(slash + 1) : key;
  if (prefix !== undefined && (prefix.length > 253 || !DNS1123_SUBDOMAIN.test(prefix))) {
    return 'a label key whose prefix (before "/") is a DNS-1123 subdomain of at most 253 characters';
  }
  if (name.length > MAX_NAME || !QUALIFIED_NAME.test(name)) {
    return 'a label key: at most 63 letters, digits, "-", "_" or ".", starting and ending with a letter or digit, with an optional "<dns-prefix>/"';
  }
  return undefined;
}

/** Why a label value is refused, or undefined when it is valid. */
export function labelValueProblem(value: string): string | undefined {
  if (value.length > MAX_NAME || !LABEL_VALUE.test(value)) {
    return 'a label value: empty, or at most 63 letters, digits, "-", "_" or ".", starting and ending with a letter or digit';
  }
  return undefined;
}

/** Why an object name is refused (a DNS-1123 subdomain of at most 253 characters), or undefined when it is valid. */
export function subdomainProblem(name: string): string | undefined {
  if (name.length > 253 || !DNS1123_SUBDOMAIN.test(name)) {
    return 'a DNS-1123 subdomain (at most 253 lower-case letters, digits, "-" and ".", each part starting and ending with a letter or digit)';
  }
  return undefined;
}

/** Whether a name is a valid environment variable name. */
export function isEnvName(name: string): boolean {
  return ENV_NAME.test(name);
}
