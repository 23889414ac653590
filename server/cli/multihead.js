#!/usr/bin/env node
// The `multihead` bin: registers tsx's ESM loader so Node can load the TypeScript sources, then starts the command.
import { register } from 'tsx/esm/api';

register();
await import('./entry.ts');
