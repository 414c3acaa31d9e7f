/** jest's global teardown: see ./temporary-folder.ts. */
export { teardown as default } from './temporary-folder';
