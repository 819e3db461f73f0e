// One Lambda execution environment of the AWS rehearsal (lambda-runtime.ts forks it): loads the function's bundle
// from the cloud assembly as Lambda's Node runtime does (`index.mjs`, the export the Handler names) and runs one
// invocation at a time, received over IPC. The environment variables are the function's, nothing else.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const [assetDir, handlerName] = process.argv.slice(2);
const loaded = import(pathToFileURL(join(assetDir, 'index.mjs')).href).then((module) => {
  const handler = module[handlerName];
  if (typeof handler !== 'function')
    throw Object.assign(new Error(`index.${handlerName} is undefined or not exported`), {
      name: 'Runtime.HandlerNotFound',
    });
  return handler;
});
loaded.catch(() => undefined); // reported to each invocation instead

process.on('message', async ({ id, event, requestId, deadline }) => {
  const context = {
    awsRequestId: requestId,
    functionName: process.env.AWS_LAMBDA_FUNCTION_NAME,
    functionVersion: process.env.AWS_LAMBDA_FUNCTION_VERSION,
    memoryLimitInMB: process.env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE,
    callbackWaitsForEmptyEventLoop: true,
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
  };
  try {
    const handler = await loaded;
    const result = await handler(event, context);
    process.send({ id, result: result === undefined ? null : result });
  } catch (error) {
    process.send({
      id,
      error: { errorType: error?.name ?? 'Error', errorMessage: error?.message ?? String(error) },
    });
  }
});
