// The design layer's public surface, for the server, the editor, the workers and the CLI.
export * from './document.ts';
export { parseDesignDocument, jsonPath, type ParseResult, type ParseErrorCode } from './parse.ts';
export { migrateDocument, MIGRATIONS, type Migration } from './migrations.ts';
export {
  catalogEntry,
  defaultParams,
  listNodeTypes,
  parseParams,
  portsOf,
  type BlockKind,
  type CatalogEntry,
  type PaletteGroup,
  type PortKind,
  type PortSpec,
} from './catalog/index.ts';
export { encoderBlockNodes, decoderBlockNodes, type NodesAndEdges, type TransformerBlockOptions } from './blocks.ts';
export { DesignBuilder } from './builder.ts';
export { applyOp, invertOp, parseDesignOp, DesignOp, type OpRefusal, type OpRefusalCode, type OpResult } from './ops/index.ts';
export { validateDesign, type NodeShapes, type TensorShape, type ValidationResult } from './validate.ts';
export { DIAGNOSTIC_CODES, DIAGNOSTIC_SEVERITY, type Diagnostic, type DiagnosticCode, type Severity } from './diagnostics.ts';
export { listTemplates, templateDocument, type TemplateInfo, type TemplateResult } from './templates/index.ts';
