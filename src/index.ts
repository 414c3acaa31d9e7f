export * from './constructs';
export { compile } from './compile';
export type { AsyncRenderer, CompileInput, CompileOptions, CompileResult, Renderer } from './compile';
export type { InputFile } from './input/project';
export type { Diagnostic } from './input/diagnostics';
export type { OutputFile } from './output/output-file';
export type { HelmOptions } from './output/helm';
export type { RenderedFile } from './output/plan';
export type { OversizedObject } from './output/limits';
