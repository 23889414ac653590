// Leaving with your work: PyTorch code and weights, safetensors, the model's outputs.
export { exportFileName } from './file-name.ts';
export { decodeSafetensors, encodeSafetensors, type SafetensorsDtype, type SafetensorsFile, type SafetensorsTensor } from './safetensors.ts';
export { encodeModelWeights, loadModelWeights, pytorchStateDict, tiedWeightAliases } from './weights.ts';
export { inputsFromJson, tensorJson, type InputsOutcome } from './model-io.ts';
export { modelOutputs } from './model-outputs.ts';
export { modelSource } from './pytorch/model-source.ts';
export { pytorchExportFiles, pytorchExportZip, type ExportedWeights, type PytorchExportFiles } from './pytorch/pytorch-export.ts';
