import { parentPort } from 'node:worker_threads';
import { HostError } from './board-folder.ts';
import { generateContext, previewGeneration } from './generate-host.ts';
import type { WorkerReply, WorkerRequest } from './generate-runner.ts';

// The worker's side: one request at a time, in order, answered with the same id.
const port = parentPort;
if (!port) throw new Error('generate-worker.ts runs as a worker thread (see generate-runner.ts).');

let queue: Promise<void> = Promise.resolve();
port.on('message', (request: WorkerRequest) => {
  queue = queue.then(async () => {
    let reply: WorkerReply;
    try {
      const result =
        request.op === 'preview' ? await previewGeneration(...request.args) : await generateContext(...request.args);
      reply = { id: request.id, ok: true, result };
    } catch (error) {
      reply =
        error instanceof HostError
          ? { id: request.id, ok: false, message: error.message, status: error.status }
          : {
              id: request.id,
              ok: false,
              message: `Generation failed: ${error instanceof Error ? error.message : String(error)}`,
              status: 500,
            };
    }
    port.postMessage(reply);
  });
});
