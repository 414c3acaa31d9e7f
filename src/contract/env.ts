/** Environment variables of the main container: the shapes a value may take. */

/** A variable's value read from one key of a Secret (the spec's `{secret, key}`). */
export interface SecretKeyRef {
  /** The Secret's name, in the component's namespace. */
  readonly secret: string;
  /** The key in the Secret's data. */
  readonly key: string;
}

/** A variable's value: plain text, or a key of a Secret (written as `valueFrom.secretKeyRef`). */
export type EnvValue = string | SecretKeyRef;
