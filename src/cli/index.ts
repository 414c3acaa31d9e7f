export { main } from './run';
export type { RunContext } from './run';
export type { Console } from './report';
export { USAGE, version, EXIT, parseOptions, userFolder } from './options';
export type { Options, Invocation } from './options';
