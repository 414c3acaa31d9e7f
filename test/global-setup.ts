/** jest's global setup: see ./temporary-folder.ts. */
export { setup as default } from './temporary-folder';
