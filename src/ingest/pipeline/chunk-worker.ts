import { createSecretKey } from 'node:crypto';
import { parentPort, workerData } from 'node:worker_threads';
import { PersonalDataCipher } from '../../platform/crypto/index.js';
import type { SourceItem } from '../readers/index.js';
import { createChunkProcessor, type ChunkSetup } from './chunk-processor.js';

/** A worker thread that standardises, seals and formats chunks for the batch runner. */
const data = workerData as { setup: ChunkSetup; keys: { activeEncKeyId: string; activeKey: Uint8Array; hmacKey: Uint8Array } };
const cipher = new PersonalDataCipher({
  encKeys: new Map([[data.keys.activeEncKeyId, createSecretKey(Buffer.from(data.keys.activeKey))]]),
  activeEncKeyId: data.keys.activeEncKeyId,
  hmacKey: createSecretKey(Buffer.from(data.keys.hmacKey)),
  source: 'config',
});
const processChunk = createChunkProcessor(data.setup, cipher);
parentPort!.on('message', (m: { seq: number; items: SourceItem[] }) => {
  try {
    const result = processChunk(m.items);
    parentPort!.postMessage({ seq: m.seq, result }, [result.copy.buffer as ArrayBuffer]);
  } catch (err) {
    parentPort!.postMessage({ seq: m.seq, error: (err as Error).message });
  }
});
