import { z } from 'zod';
import { ElementId } from '../document.ts';

// Ranges shared by several node types. The upper bounds are generous (the
// paper's base model and GPT-2 fit) but keep shape arithmetic far from overflow.

export const Vocab = z.int().min(2).max(1_000_000);
export const SeqLen = z.int().min(1).max(16_384);
export const Width = z.int().min(1).max(8192);
export const HiddenWidth = z.int().min(1).max(65_536);
export const DropoutP = z.number().min(0).max(0.9);
export const LayerNormEps = z.number().min(1e-12).max(0.1);
export const ACTIVATIONS = ['relu', 'gelu', 'gelu_tanh', 'silu'] as const;
export const Activation = z.enum(ACTIVATIONS);
export type Activation = z.infer<typeof Activation>;
/** A reference to another node of the design (tied weights), or null. */
export const NodeRef = ElementId.nullable();
