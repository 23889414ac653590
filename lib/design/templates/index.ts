import { arrangedDocument } from '../arrange.ts';
import type { DesignDocument } from '../document.ts';
import { decoderLanguageModel } from './decoder-lm.ts';
import { encoderClassifier } from './encoder-classifier.ts';
import { encoderDecoder } from './encoder-decoder.ts';
import { lstmBaseline } from './lstm-baseline.ts';
import { seriesForecaster } from './series-forecaster.ts';

export interface TemplateInfo {
  name: string;
  title: string;
  /** One sentence for the template picker. */
  summary: string;
  /** Small enough to train in seconds. */
  tiny: boolean;
}

interface Template extends TemplateInfo {
  build(): DesignDocument;
}

const PAPER = { dModel: 512, heads: 8, dFF: 2048, layers: 6, dropout: 0.1 };
const TINY = { dModel: 32, heads: 4, dFF: 64, layers: 1, dropout: 0 };

const TEMPLATES: readonly Template[] = [
  {
    name: 'attention-is-all-you-need',
    title: 'Attention Is All You Need (base)',
    summary: 'The 2017 paper\'s encoder–decoder: 6 + 6 post-LN layers, d_model 512, 8 heads, sinusoidal positions, one shared and tied 37,000-token vocabulary.',
    tiny: false,
    build: () => encoderDecoder({ ...PAPER, normFirst: false, vocab: 37_000, srcLen: 64, tgtLen: 64, warmupSteps: 4000, batchSize: 8 }),
  },
  {
    name: 'pre-ln-transformer',
    title: 'Pre-LN encoder–decoder',
    summary: 'The same model with layer norm before each sublayer, which trains stably without warm-up.',
    tiny: false,
    build: () => encoderDecoder({ ...PAPER, normFirst: true, vocab: 37_000, srcLen: 64, tgtLen: 64, warmupSteps: 0, batchSize: 8 }),
  },
  {
    name: 'encoder-classifier',
    title: 'Encoder-only classifier',
    summary: 'A 4-layer encoder whose mean-pooled output is sorted into classes, like BERT on sentences.',
    tiny: false,
    build: () => encoderClassifier({ dModel: 256, heads: 4, dFF: 1024, layers: 4, dropout: 0.1, normFirst: false, vocab: 8000, seqLen: 64, classes: 4, batchSize: 8 }),
  },
  {
    name: 'decoder-language-model',
    title: 'Decoder-only language model (GPT style)',
    summary: 'Causal pre-LN decoder blocks with learned positions and an output head tied to the embedding, predicting the next token.',
    tiny: false,
    build: () => decoderLanguageModel({ dModel: 384, heads: 6, dFF: 1536, layers: 6, dropout: 0.1, normFirst: true, vocab: 8000, seqLen: 128, maxLen: 256, batchSize: 8 }),
  },
  {
    name: 'series-forecaster',
    title: 'Time-series forecaster',
    summary: 'Real-valued steps projected to d_model, a 3-layer encoder, and a head that forecasts the next 16 steps.',
    tiny: false,
    build: () => seriesForecaster({ dModel: 128, heads: 4, dFF: 512, layers: 3, dropout: 0.1, normFirst: false, features: 1, seqLen: 96, horizon: 16, batchSize: 8 }),
  },
  {
    name: 'lstm-baseline',
    title: 'LSTM baseline',
    summary: 'A 2-layer LSTM language model for the same token tasks, to compare recurrence with attention.',
    tiny: false,
    build: () => lstmBaseline({ vocab: 8000, seqLen: 128, embedding: 256, hidden: 512, layers: 2, dropout: 0.1, batchSize: 8 }),
  },
  {
    name: 'tiny-transformer',
    title: 'Tiny encoder–decoder',
    summary: 'The paper\'s design at d_model 32 with one layer each side, for copy, reverse and sort tasks in seconds.',
    tiny: true,
    build: () => encoderDecoder({ ...TINY, normFirst: false, vocab: 16, srcLen: 12, tgtLen: 12, warmupSteps: 0, batchSize: 16 }),
  },
  {
    name: 'tiny-pre-ln-transformer',
    title: 'Tiny pre-LN encoder–decoder',
    summary: 'The tiny encoder–decoder with pre-LN blocks, to train side by side with the post-LN one.',
    tiny: true,
    build: () => encoderDecoder({ ...TINY, normFirst: true, vocab: 16, srcLen: 12, tgtLen: 12, warmupSteps: 0, batchSize: 16 }),
  },
  {
    name: 'tiny-encoder-classifier',
    title: 'Tiny encoder classifier',
    summary: 'One encoder layer at d_model 32 that classifies short token sequences.',
    tiny: true,
    build: () => encoderClassifier({ ...TINY, heads: 2, normFirst: false, vocab: 16, seqLen: 16, classes: 2, batchSize: 16 }),
  },
  {
    name: 'tiny-decoder-language-model',
    title: 'Tiny GPT',
    summary: 'Two causal decoder layers at d_model 48 that learn a small character language model.',
    tiny: true,
    build: () => decoderLanguageModel({ dModel: 48, heads: 4, dFF: 96, layers: 2, dropout: 0, normFirst: true, vocab: 64, seqLen: 32, maxLen: 64, batchSize: 16 }),
  },
  {
    name: 'tiny-series-forecaster',
    title: 'Tiny forecaster',
    summary: 'One encoder layer at d_model 32 that forecasts the next 4 steps of a sine wave.',
    tiny: true,
    build: () => seriesForecaster({ ...TINY, heads: 2, normFirst: false, features: 1, seqLen: 32, horizon: 4, batchSize: 16 }),
  },
  {
    name: 'tiny-lstm-baseline',
    title: 'Tiny LSTM baseline',
    summary: 'A one-layer LSTM with 64 hidden units for the same tasks as the tiny Transformers.',
    tiny: true,
    build: () => lstmBaseline({ vocab: 64, seqLen: 32, embedding: 32, hidden: 64, layers: 1, dropout: 0, batchSize: 16 }),
  },
];

/** Every template: name, title, one sentence, and whether it is a tiny one. */
export function listTemplates(): TemplateInfo[] {
  return TEMPLATES.map(({ name, title, summary, tiny }) => ({ name, title, summary, tiny }));
}

export type TemplateResult = { ok: true; doc: DesignDocument } | { ok: false; code: 'unknown-template'; message: string };

/** A fresh document of the named template, laid out left to right (see arrange.ts). */
export function templateDocument(name: string): TemplateResult {
  const template = TEMPLATES.find((t) => t.name === name);
  if (!template) {
    return { ok: false, code: 'unknown-template', message: `no template '${name}'; known: ${TEMPLATES.map((t) => t.name).join(', ')}` };
  }
  return { ok: true, doc: arrangedDocument(template.build()) };
}
