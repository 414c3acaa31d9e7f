/**
 * Limits of the Kubernetes API that the compiler and the constructs both hold to. Part of the contract between
 * the input side and the constructs: this folder imports nothing from outside it.
 */

/** The longest Kubernetes object name (a DNS label). */
export const MAX_NAME = 63;

/** The largest value of an int32 field (probe times, replicas) and of the user and group IDs the API server accepts. */
export const MAX_INT32 = 2147483647;
