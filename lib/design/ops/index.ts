export { applyOp, invertOp } from './apply.ts';
export { DesignOp, NodeInit, parseDesignOp, type OpRefusal, type OpRefusalCode, type OpResult } from './schema.ts';
